import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cookieClient, trpcMutation, trpcQuery } from './trpc-http.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimitMax: 5 });
});
afterAll(() => server?.close());

describe('rate limits', () => {
  it('answer 429 with Retry-After to registration and sign-in beyond the limit per IP, and nothing else', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof trpcMutation>> | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await trpcMutation(server.url, 'auth.signIn', { login: 'x@example.com', password: 'y' });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.body.error?.data.reason).toBe('RATE_LIMITED');

    // Registration shares the budget (same IP); batched calls count too.
    expect((await trpcMutation(server.url, 'customers.register', newRegistration())).status).toBe(429);
    expect((await trpcMutation(server.url, 'health,auth.signIn?batch=1', { 0: {}, 1: {} })).status).toBe(429);
    // Other procedures are not limited.
    expect((await trpcQuery(server.url, 'health', undefined)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a CSP and the usual hardening headers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The browser may connect to the API and to the bucket's endpoint (presigned uploads), nowhere else.
    expect(csp).toContain(`connect-src 'self' ${new URL(inject('localAws').s3Endpoint).origin}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('cross-site requests', () => {
  it('refuse cookie-authenticated mutations from another origin', async () => {
    // Registered on a server without a tight limit: this file's server allows 5 credential calls.
    const other = await startTestServer();
    try {
      const { client } = await registeredCustomer(other);
      const evil = await client.mutation(
        'customers.updateMe',
        { version: 1, changes: { name: 'Mudado Por Outro' } },
        { origin: 'https://evil.example' },
      );
      expect(evil.status).toBe(403);
      expect(evil.body.error?.data.reason).toBe('CROSS_SITE');
      const crossSite = await client.mutation(
        'customers.updateMe',
        { version: 1, changes: { name: 'Mudado Por Outro' } },
        { origin: '', 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.status).toBe(403);
      const me = data<{ name: string; version: number }>(await client.query('customers.me'));
      expect(me.version).toBe(1);
      const same = await client.mutation('customers.updateMe', {
        version: 1,
        changes: { name: 'Mudado Por Mim' },
      });
      expect(same.status).toBe(200);
      // Without a cookie (API clients) there is nothing to protect: no Origin check.
      const anonymous = cookieClient(other.url);
      const res = await anonymous.mutation('auth.signOut', undefined, { origin: 'https://evil.example' });
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
