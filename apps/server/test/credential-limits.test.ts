import { TRPC_MAX_BATCH_SIZE } from '@cadastro/contracts';
import { TEST_PASSWORD } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2_COST } from '../src/passwords.ts';
import { registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { trpcMutation, trpcQuery } from './trpc-http.ts';

/** Credential work is bounded per caller and per account, not per HTTP request. */
let server: TestServer;
let now = Date.now();
beforeAll(async () => {
  server = await startTestServer({
    rateLimitMax: 1000,
    signInThrottle: { freeFailures: 3, baseDelayMs: 60_000, maxDelayMs: 10 * 60_000, now: () => now },
  });
});
afterAll(() => server?.close());

const batchOf = (path: string, n: number) => Array.from({ length: n }, () => path).join(',');
const inputs = (n: number, input: unknown) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [i, input]));

describe('batches', () => {
  it(`take at most ${TRPC_MAX_BATCH_SIZE} calls`, async () => {
    const ok = await trpcQuery(server.url, `${batchOf('health', TRPC_MAX_BATCH_SIZE)}?batch=1&x=`, undefined);
    expect(ok.status).toBe(200);
    const res = await fetch(`${server.url}/trpc/${batchOf('health', TRPC_MAX_BATCH_SIZE + 1)}?batch=1`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { reason: string } } };
    expect(body.error.data.reason).toBe('BATCH_TOO_LARGE');
  });

  it('carry one sign-in or registration at most, so the per-IP limit counts every guess', async () => {
    const guess = { login: 'alguem@example.com', password: 'palpite-errado-1' };
    for (const path of [
      batchOf('auth.signIn', 2),
      'auth.signIn,customers.register',
      'auth.operatorSignIn,auth.signIn',
    ]) {
      const res = await trpcMutation(server.url, `${path}?batch=1`, inputs(2, guess));
      expect(res.status, path).toBe(400);
      expect(res.body.error?.data.reason).toBe('BATCH_TOO_LARGE');
    }
    // One credential call beside others is what a page may send.
    const mixed = await trpcMutation(server.url, 'auth.signOut,auth.signIn?batch=1', {
      0: undefined,
      1: guess,
    });
    expect(mixed.status).toBe(207); // one success, one failure
  });

  it('answer 405 with Allow to methods tRPC does not serve', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
      const res = await fetch(`${server.url}/trpc/health`, { method }).catch(() => null);
      if (method === 'TRACE' && !res) continue; // fetch refuses to send TRACE; see the raw request below
      expect(res?.status, method).toBe(405);
      expect(res?.headers.get('allow')).toBe('GET, HEAD, POST');
    }
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/trpc/auth.me`, { method: 'TRACE' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });
});

describe('failed sign-ins per account', () => {
  it('make the account wait after a few failures, the same for unknown accounts, and let the owner back in', async () => {
    const { input } = await registeredCustomer(server);
    const signIn = (login: string, password: string) =>
      trpcMutation(server.url, 'auth.signIn', { login, password });

    const statuses = async (login: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 5; i++) seen.push((await signIn(login, 'palpite-errado-1')).status);
      return seen;
    };
    // Three free failures, a fourth that starts the wait, then refused before any password check.
    expect(await statuses(input.email)).toEqual([401, 401, 401, 401, 429]);
    expect(await statuses('ninguem@example.com')).toEqual([401, 401, 401, 401, 429]);

    const waiting = await signIn(input.email, TEST_PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.body.error?.data.reason).toBe('RATE_LIMITED');
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another login form of another account is not affected.
    const other = await registeredCustomer(server);
    expect((await signIn(other.input.cpf, TEST_PASSWORD)).status).toBe(200);

    now += 61_000; // past the wait: the owner signs in, which clears the record
    expect((await signIn(input.email, TEST_PASSWORD)).status).toBe(200);
    expect((await signIn(input.email, 'palpite-errado-1')).status).toBe(401);
    expect((await signIn(input.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('password hashing', () => {
  it('is bounded: a flood of sign-ins gets 429 BUSY beyond the queue while other requests are served', async () => {
    const busy = await startTestServer({
      hashing: { cost: DEFAULT_ARGON2_COST, concurrency: 1, maxQueued: 2 },
      rateLimitMax: 1000,
    });
    try {
      const flood = Array.from({ length: 24 }, (_, i) =>
        trpcMutation(busy.url, 'auth.signIn', {
          login: `flood${i}@example.com`,
          password: 'palpite-errado-1',
        }),
      );
      const health = await trpcQuery(busy.url, 'health', undefined);
      expect(health.status).toBe(200);
      const results = await Promise.all(flood);
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      const refused = results.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]!.body.error?.data.reason).toBe('BUSY');
      expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(3);
    } finally {
      await busy.close();
    }
  });
});
