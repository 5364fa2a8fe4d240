import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatCpf } from '@cadastro/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cookieClient } from './trpc-http.ts';

const running: TestServer[] = [];
async function start(...args: Parameters<typeof startTestServer>) {
  const server = await startTestServer(...args);
  running.push(server);
  return server;
}
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

type Me = { role: string; customerId?: string };

describe('customer sessions', () => {
  it('sets an httpOnly, SameSite=Strict cookie (Secure only over TLS) and signs in by CPF or e-mail', async () => {
    const server = await start();
    const { input, id } = await registeredCustomer(server);
    const client = cookieClient(server.url);
    const res = await client.mutation('auth.signIn', {
      login: formatCpf(input.cpf),
      password: input.password,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(data<Me>(await client.query('auth.me'))).toMatchObject({ role: 'customer', customerId: id });

    const byEmail = cookieClient(server.url);
    const res2 = await byEmail.mutation('auth.signIn', {
      login: input.email.toUpperCase(),
      password: input.password,
    });
    expect(res2.status).toBe(200);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy when TRUST_PROXY is set', async () => {
    const server = await start();
    const { input } = await registeredCustomer(server);
    // The harness server does not trust proxies: X-Forwarded-Proto is ignored.
    const plain = await cookieClient(server.url).mutation(
      'auth.signIn',
      { login: input.email, password: input.password },
      { 'x-forwarded-proto': 'https' },
    );
    expect(plain.headers.getSetCookie()[0]).not.toMatch(/Secure/i);
    const { buildApp } = await import('../src/app.ts');
    const behindProxy = await buildApp({
      services: server.services,
      webDir: '/nonexistent',
      logger: false,
      trustProxy: true,
      protection: { rateLimit: { max: 100, windowMs: 60_000 }, allowedOrigins: [], uploadOrigins: [] },
    });
    const res = await behindProxy.inject({
      method: 'POST',
      url: '/trpc/auth.signIn',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      payload: JSON.stringify({ login: input.email, password: input.password }),
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/i);
    await behindProxy.close();
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const server = await start();
    const { input } = await registeredCustomer(server);
    const wrong = await cookieClient(server.url).mutation('auth.signIn', {
      login: input.email,
      password: 'errada-123',
    });
    const unknown = await cookieClient(server.url).mutation('auth.signIn', {
      login: 'ninguem@example.com',
      password: 'errada-123',
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error?.data.reason).toBe('INVALID_CREDENTIALS');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(wrong.body.error?.message).toBe(unknown.body.error?.message);
  });

  it('rotates the session id at sign-in and revokes it at sign-out', async () => {
    const server = await start();
    const { client, input } = await registeredCustomer(server);
    const before = client.cookie!;
    await client.mutation('auth.signIn', { login: input.email, password: input.password });
    const after = client.cookie!;
    expect(after).not.toBe(before);
    // The pre-sign-in token is dead.
    const stale = cookieClient(server.url);
    stale.cookie = before;
    expect(data<Me>(await stale.query('auth.me')).role).toBe('anonymous');

    const out = await client.mutation('auth.signOut', undefined);
    expect(out.status).toBe(200);
    expect(client.cookie).toBeNull();
    const replay = cookieClient(server.url);
    replay.cookie = after;
    expect(data<Me>(await replay.query('auth.me')).role).toBe('anonymous');
    expect((await replay.query('customers.me')).status).toBe(401);
  });

  it('keeps sessions on disk under DATA_DIR/sessions: they survive a restart', async () => {
    const first = await start();
    const { client, id } = await registeredCustomer(first);
    expect(existsSync(join(first.dataDir, 'sessions', 'sessions.sqlite'))).toBe(true);
    await first.close({ keepData: true });

    const second = await start({ dataDir: first.dataDir, reuse: first });
    const again = cookieClient(second.url);
    again.cookie = client.cookie;
    expect(data<Me>(await again.query('auth.me'))).toMatchObject({ role: 'customer', customerId: id });
  });

  it('ends a session after the idle time and after the absolute time, and sweeps expired ones', async () => {
    let now = Date.now();
    const minute = 60_000;
    const server = await start({
      session: { idleMs: 30 * minute, absoluteMs: 120 * minute, now: () => now },
    });
    const idle = await registeredCustomer(server);
    const busy = await registeredCustomer(server);

    // busy is active every 20 minutes; idle is not.
    for (let i = 0; i < 2; i++) {
      now += 20 * minute;
      expect(data<Me>(await busy.client.query('auth.me')).role).toBe('customer');
    }
    expect(data<Me>(await idle.client.query('auth.me')).role).toBe('anonymous');
    for (let i = 0; i < 4; i++) {
      now += 20 * minute;
      await busy.client.query('auth.me');
    }
    // 120 minutes after sign-in, however active.
    expect(data<Me>(await busy.client.query('auth.me')).role).toBe('anonymous');

    const fresh = await registeredCustomer(server);
    now += 31 * minute;
    expect(await server.services.sessions.sweep()).toBeGreaterThanOrEqual(1);
    expect(data<Me>(await fresh.client.query('auth.me')).role).toBe('anonymous');
  });
});
