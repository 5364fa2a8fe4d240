import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** One message moto's SES accepted (nothing is delivered). */
export interface SentMail {
  to: string[];
  subject: string;
  text: string;
}

interface MotoSesMessage {
  destinations?: { ToAddresses?: string[] } | string[];
  subject?: string;
  body?: string;
}

/** Every message moto's SES received so far, from its data endpoint (`GET /moto-api/data.json`). */
export async function sentMail(): Promise<SentMail[]> {
  const { s3Endpoint } = inject('localAws');
  const res = await fetch(`${s3Endpoint}/moto-api/data.json`);
  const data = (await res.json()) as { ses?: { Message?: MotoSesMessage[] } };
  return (data.ses?.Message ?? []).map((m) => ({
    to: Array.isArray(m.destinations) ? m.destinations : (m.destinations?.ToAddresses ?? []),
    subject: m.subject ?? '',
    text: m.body ?? '',
  }));
}

/**
 * Waits for the message to `address` whose subject matches (mail goes out after the answer, and the machine may
 * be busy), newest first.
 */
export async function waitForMail(address: string, subject: RegExp, timeoutMs = 20_000): Promise<SentMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await sentMail()).filter((m) => m.to.includes(address) && subject.test(m.subject)).at(-1);
    if (found) return found;
    if (Date.now() > until)
      throw new Error(`No e-mail to ${address} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The link a message carries to `path` (`/redefinir-senha`, `/confirmar-email`). */
export function linkIn(mail: SentMail, path: string): string {
  const link = mail.text.match(new RegExp(`https?://\\S+${path}#\\S+`))?.[0];
  if (!link) throw new Error(`No ${path} link in: ${mail.text}`);
  return link;
}

const decodeWord = (value: string) =>
  value.replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

/** The `.eml` files of an outbox folder (oldest first), read back as messages. */
export function readOutbox(dir: string): SentMail[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const [head = '', body = ''] = readFileSync(join(dir, name), 'utf8').split('\r\n\r\n');
    const header = (key: string) => head.match(new RegExp(`^${key}: (.*)$`, 'm'))?.[1] ?? '';
    return {
      to: [header('To')],
      subject: decodeWord(header('Subject')),
      text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8'),
    };
  });
}
