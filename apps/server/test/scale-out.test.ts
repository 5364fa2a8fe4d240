import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cookieClient } from './trpc-http.ts';

/**
 * Session expiry on two servers sharing one table, in this process so that the same clock can be injected into
 * both and moved forward. What two instances do as separate processes (sessions, rate limits, registrations,
 * draining, jobs) is in `two-processes*.test.ts`.
 */
let a: TestServer;
let b: TestServer;
let clock = Date.now();
const session = { idleMs: 30 * 60_000, now: () => clock };

beforeAll(async () => {
  a = await startTestServer({ sessionStore: 'dynamodb', session });
  b = await startTestServer({
    sessionStore: 'dynamodb',
    session,
    reuse: { table: a.table, bucket: a.bucket, blindIndexSecret: a.blindIndexSecret },
  });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('sessions across servers', () => {
  it('an idle session expires on both', async () => {
    const customer = await registeredCustomer(a);
    for (const server of [a, b]) {
      const client = cookieClient(server.url);
      client.cookie = customer.client.cookie;
      expect((await client.query('customers.me')).status).toBe(200);
    }
    clock += 31 * 60_000;
    for (const server of [a, b]) {
      const client = cookieClient(server.url);
      client.cookie = customer.client.cookie;
      expect((await client.query('customers.me')).status).toBe(401);
    }
  });
});
