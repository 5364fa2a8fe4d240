import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cookieClient, trpcMutation } from './trpc-http.ts';

/**
 * Two servers sharing one table and bucket, as two instances behind the load balancer: sessions in DynamoDB,
 * the same clock injected into both so expiry can be moved forward.
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

/** The same cookie jar pointed at another server: what a browser does when the balancer switches instance. */
function onServer(server: TestServer, cookie: string | null) {
  const client = cookieClient(server.url);
  client.cookie = cookie;
  return client;
}

describe('sessions across servers', () => {
  it('a session started on A works on B; signing out on B ends it on A', async () => {
    const customer = await registeredCustomer(a);
    const onB = onServer(b, customer.client.cookie);
    expect(data<{ customerId: string }>(await onB.query('auth.me')).customerId).toBe(customer.id);
    expect((await onB.query('customers.me')).status).toBe(200);

    await onB.mutation('auth.signOut', {});
    const onA = onServer(a, customer.client.cookie);
    expect(data<{ role: string }>(await onA.query('auth.me')).role).toBe('anonymous');
    expect((await onA.query('customers.me')).status).toBe(401);
  });

  it('an idle session expires on both', async () => {
    const customer = await registeredCustomer(a);
    clock += 31 * 60_000;
    for (const server of [a, b]) {
      expect((await onServer(server, customer.client.cookie).query('customers.me')).status).toBe(401);
    }
  });
});

describe('registrations spread over both servers', () => {
  it('100 registrations over 10 CPFs: exactly 10 customers, 90 conflicts', async () => {
    const people = Array.from({ length: 10 }, () => newRegistration());
    const attempts = Array.from({ length: 100 }, (_, i) => {
      const person = people[i % 10]!;
      // Each attempt its own e-mail: only the CPF collides.
      const input = { ...person, email: `tentativa${i}-${person.email}` };
      return trpcMutation((i % 2 ? a : b).url, 'customers.register', input);
    });
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((r) => r.body.error?.data.reason === 'CPF_TAKEN')).toHaveLength(90);
    for (const person of people) {
      expect(await a.services.customers.getByCpf(person.cpf.replace(/\D/g, ''))).not.toBeNull();
    }
  });
});
