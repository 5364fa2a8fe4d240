import { parseAccountLink } from '@cadastro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { cookieClient } from './trpc-http.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** The `{ customerId, token }` of the link in the newest matching e-mail. */
async function linkFrom(address: string, subject: RegExp, path: string) {
  const link = linkIn(await waitForMail(address, subject), path);
  expect(link.startsWith(`${server.url}${path}#`)).toBe(true);
  const parsed = parseAccountLink(new URL(link).hash);
  expect(parsed).not.toBeNull();
  return parsed!;
}

describe('e-mail confirmation', () => {
  it('registration e-mails a link that confirms the address once', async () => {
    const { client, input } = await registeredCustomer(server);
    const mail = await waitForMail(input.email, /Confirme seu e-mail/);
    expect(mail.subject).toContain('Confirm your e-mail');
    const link = await linkFrom(input.email, /Confirme seu e-mail/, '/confirmar-email');
    expect(data<{ emailConfirmed: boolean }>(await client.query('customers.me')).emailConfirmed).toBe(false);

    const anonymous = cookieClient(server.url);
    expect((await anonymous.mutation('auth.confirmEmail', link)).status).toBe(200);
    expect(data<{ emailConfirmed: boolean }>(await client.query('customers.me')).emailConfirmed).toBe(true);
    const again = await anonymous.mutation('auth.confirmEmail', link);
    expect(again.status).toBe(400);
    expect(again.body.error?.data.reason).toBe('TOKEN_INVALID');
  });

  it('a changed address is unconfirmed until the link sent to it is used', async () => {
    const { client, input } = await registeredCustomer(server);
    const me = data<{ version: number }>(await client.query('customers.me'));
    const newEmail = `novo.${input.email}`;
    const res = await client.mutation('customers.updateMe', {
      version: me.version,
      changes: { email: newEmail },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(data<{ emailConfirmed: boolean }>(res).emailConfirmed).toBe(false);
    const link = await linkFrom(newEmail, /Confirme seu e-mail/, '/confirmar-email');
    expect((await client.mutation('auth.confirmEmail', link)).status).toBe(200);
    expect(data<{ emailConfirmed: boolean }>(await client.query('customers.me')).emailConfirmed).toBe(true);
  });

  it('a link to a previous address confirms nothing', async () => {
    const { client, input } = await registeredCustomer(server);
    const old = await linkFrom(input.email, /Confirme seu e-mail/, '/confirmar-email');
    const me = data<{ version: number }>(await client.query('customers.me'));
    await client.mutation('customers.updateMe', {
      version: me.version,
      changes: { email: `outro.${input.email}` },
    });
    const res = await client.mutation('auth.confirmEmail', old);
    expect(res.status).toBe(400);
    expect(res.body.error?.data.reason).toBe('TOKEN_INVALID');
  });
});

describe('password recovery', () => {
  it('answers the same whether or not the account exists', async () => {
    const { input } = await registeredCustomer(server);
    const anonymous = cookieClient(server.url);
    const known = await anonymous.mutation('auth.requestPasswordReset', { login: input.cpf });
    const unknown = await anonymous.mutation('auth.requestPasswordReset', { login: 'ninguem@example.com' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual(unknown.body);
    await waitForMail(input.email, /Redefinição de senha/);
  });

  it('a single-use link sets a new password and ends every other session', async () => {
    const { client: registeredBrowser, input, id } = await registeredCustomer(server);
    const otherBrowser = cookieClient(server.url);
    expect(
      (await otherBrowser.mutation('auth.signIn', { login: input.email, password: input.password })).status,
    ).toBe(200);

    const recovering = cookieClient(server.url);
    await recovering.mutation('auth.requestPasswordReset', { login: input.email });
    const link = await linkFrom(input.email, /Redefinição de senha/, '/redefinir-senha');
    expect(link.customerId).toBe(id);
    const newPassword = 'uma-senha-nova-42';
    const reset = await recovering.mutation('auth.resetPassword', { ...link, password: newPassword });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);

    // Every earlier session is gone; the browser that reset is signed in.
    for (const old of [registeredBrowser, otherBrowser]) {
      expect((await old.query('customers.me')).status).toBe(401);
    }
    expect((await recovering.query('customers.me')).status).toBe(200);
    const signIn = (password: string) =>
      cookieClient(server.url).mutation('auth.signIn', { login: input.cpf, password });
    expect((await signIn(input.password)).status).toBe(401);
    expect((await signIn(newPassword)).status).toBe(200);
    await waitForMail(input.email, /Sua senha foi alterada/);

    const reused = await cookieClient(server.url).mutation('auth.resetPassword', {
      ...link,
      password: 'outra-senha-nova-43',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error?.data.reason).toBe('TOKEN_INVALID');
  });

  it('keeps only the hash of a token, refuses an expired one and a weak new password', async () => {
    const { id } = await registeredCustomer(server);
    const tokens = server.services.accountTokens;
    const token = await tokens.issue(id, 'password_reset', { ttlSeconds: 60 });
    const { data: stored } = await server.services.db.entities.accountToken.query
      .byCustomer({ customerId: id, purpose: 'password_reset' })
      .go();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    const weak = await cookieClient(server.url).mutation('auth.resetPassword', {
      customerId: id,
      token,
      password: 'curta',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.data.fieldErrors?.password).toBeTruthy();

    const expired = await tokens.issue(id, 'password_reset', {
      ttlSeconds: 60,
      now: new Date(Date.now() - 120_000),
    });
    const res = await cookieClient(server.url).mutation('auth.resetPassword', {
      customerId: id,
      token: expired,
      password: 'uma-senha-nova-42',
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.data.reason).toBe('TOKEN_INVALID');
  });

  it('erasure sends a notice to the address it erased', async () => {
    const { client, input } = await registeredCustomer(server);
    const res = await client.mutation('customers.deleteMe', { password: input.password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const notice = await waitForMail(input.email, /Sua conta foi excluída/);
    expect(notice.text).toContain('LGPD');
  });
});
