import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer, MailMessage } from './mailer.ts';

/** A header value with non-ASCII characters, as RFC 2047 asks (`=?UTF-8?B?…?=`). */
const encodedWord = (value: string) =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;

/** The message as an RFC 5322 file any mail program opens (`.eml`). */
export function toEml(from: string, message: MailMessage, date = new Date()): string {
  const body = Buffer.from(message.text).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodedWord(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${randomUUID()}@cadastro.local>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
    '',
  ].join('\r\n');
}

/**
 * The local default: each message becomes `<dir>/<time>-<id>.eml`, nothing is delivered. `announce` receives the
 * file's path (and nothing personal: the name holds no address) so `pnpm start` can print where it is.
 */
export function createOutboxMailer(dir: string, from: string, announce: (path: string) => void): Mailer {
  return {
    async send(message) {
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const path = join(dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
      await writeFile(path, toEml(from, message), { mode: 0o600 });
      announce(path);
    },
  };
}
