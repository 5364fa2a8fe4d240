import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';
import { composeAccountMail } from '../src/mail/messages.ts';
import { createOutboxMailer } from '../src/mail/outbox.ts';

const dir = mkdtempSync(join(tmpdir(), 'cadastro-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local outbox', () => {
  it('writes each message as an .eml file and announces its path, which holds no address', async () => {
    const announced: string[] = [];
    const mailer = createOutboxMailer(join(dir, 'outbox'), 'nao-responda@cadastro.local', (p) =>
      announced.push(p),
    );
    const message = composeAccountMail({
      kind: 'password_reset',
      link: 'http://localhost:3000/redefinir-senha#a.b',
    });
    await mailer.send({ to: 'joana.prado@example.com', ...message });
    expect(announced).toHaveLength(1);
    const path = announced[0]!;
    expect(path.startsWith(join(dir, 'outbox'))).toBe(true);
    expect(basename(path)).toMatch(/\.eml$/);
    expect(path).not.toContain('joana');

    const eml = readFileSync(path, 'utf8');
    expect(eml).toContain('To: joana.prado@example.com');
    expect(eml).toContain('Subject: =?UTF-8?B?');
    const [, body] = eml.split('\r\n\r\n');
    const text = Buffer.from(body!.replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(text).toContain('Recebemos um pedido para redefinir a senha');
    expect(text).toContain('We received a request to reset the password');
    expect(text).toContain('http://localhost:3000/redefinir-senha#a.b');
  });
});

describe('mail configuration', () => {
  const base = { CADASTRO_MODE: 'local', HOME: '/nonexistent' };

  it('writes to the outbox by default', () => {
    expect(loadEnv(base).CADASTRO_MAIL).toBe('outbox');
  });

  it('sends through SES on AWS once a sender is configured, and then needs the app URL', () => {
    const aws = {
      ...base,
      CADASTRO_MODE: 'aws',
      AWS_REGION: 'sa-east-1',
      CADASTRO_BUCKET: 'cadastro-bucket',
      CADASTRO_BLIND_INDEX_SECRET: 'x'.repeat(32),
    };
    expect(loadEnv(aws).CADASTRO_MAIL).toBe('outbox');
    expect(() => loadEnv({ ...aws, CADASTRO_MAIL_FROM: 'nao-responda@example.com' })).toThrow(
      /CADASTRO_APP_URL/,
    );
    const env = loadEnv({
      ...aws,
      CADASTRO_MAIL_FROM: 'nao-responda@example.com',
      CADASTRO_APP_URL: 'https://cadastro.example.com/',
    });
    expect(env.CADASTRO_MAIL).toBe('ses');
    expect(env.CADASTRO_APP_URL).toBe('https://cadastro.example.com');
  });

  it('names a bad sender or URL', () => {
    expect(() => loadEnv({ ...base, CADASTRO_MAIL_FROM: 'ninguém', CADASTRO_APP_URL: 'cadastro' })).toThrow(
      /CADASTRO_APP_URL[\s\S]*CADASTRO_MAIL_FROM|CADASTRO_MAIL_FROM[\s\S]*CADASTRO_APP_URL/,
    );
  });
});
