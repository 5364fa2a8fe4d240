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
