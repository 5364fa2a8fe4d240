import { describe, expect, it } from 'vitest';
import { lazyMailer, type MailMessage } from '../src/mail/mailer.ts';

const message: MailMessage = { to: 'ana@example.com', subject: 'Olá', text: 'texto' };

describe('lazyMailer (how the server loads the SES client)', () => {
  it('makes the mailer on the first message only, and sends every message through it', async () => {
    const sent: MailMessage[] = [];
    let made = 0;
    const mailer = lazyMailer(async () => {
      made += 1;
      return { send: async (m) => void sent.push(m) };
    });
    expect(made).toBe(0);
    await Promise.all([mailer.send(message), mailer.send(message)]);
    await mailer.send(message);
    expect(made).toBe(1);
    expect(sent).toHaveLength(3);
  });

  it('tries again on the next message when making it failed', async () => {
    let attempts = 0;
    const mailer = lazyMailer(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('chunk missing');
      return { send: async () => {} };
    });
    await expect(mailer.send(message)).rejects.toThrow('chunk missing');
    await expect(mailer.send(message)).resolves.toBeUndefined();
    expect(attempts).toBe(2);
  });
});
