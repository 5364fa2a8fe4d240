import { newRegistration } from '@cadastro/contracts/testing';
import { until } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import {
  createDeployment,
  type Deployment,
  type ServerProcess,
  startBalancer,
  startServerProcess,
  stopServerProcess,
} from './server-processes.ts';
import { cookieClient, trpcMutation } from './trpc-http.ts';

/**
 * Two instances of the server as the release runs them: two separate processes of the server entry, sharing one
 * table in DynamoDB Local and one bucket in the S3 stand-in, sessions and rate counters in the table. Requests
 * carry the client's address in X-Forwarded-For, as behind the load balancer (TRUST_PROXY is the loopback).
 * Backups and the upload sweep have their own pair in `two-processes-jobs.test.ts`.
 */
const RATE_LIMIT = 5;
let deployment: Deployment;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  deployment = await createDeployment();
  const env = {
    RATE_LIMIT_MAX: String(RATE_LIMIT),
    TRUST_PROXY: '127.0.0.1',
    SHUTDOWN_DRAIN_SECONDS: '5', // the default
  };
  [a, b] = await Promise.all([
    startServerProcess(deployment, 'a', env),
    startServerProcess(deployment, 'b', env),
  ]);
}, 240_000);
afterAll(async () => {
  await Promise.all([stopServerProcess(a), stopServerProcess(b)]);
});

let addresses = 0;
/** A client address of its own, so that only the rate-limit test meets the limit. */
const fromNewClient = () => ({ 'x-forwarded-for': `198.51.100.${(addresses++ % 250) + 1}` });

/** The same cookie sent to another instance: what a browser does when the balancer switches instance. */
function onServer(server: { url: string }, cookie: string | null) {
  const client = cookieClient(server.url);
  client.cookie = cookie;
  return client;
}

describe('sessions across server processes', () => {
  it('a session started on A works on B; signing out on B ends it on A', async () => {
    const customer = await registeredCustomer(a, {}, fromNewClient());
    const onB = onServer(b, customer.client.cookie);
    expect(data<{ customerId: string }>(await onB.query('auth.me')).customerId).toBe(customer.id);
    expect((await onB.query('customers.me')).status).toBe(200);

    expect((await onB.mutation('auth.signOut', {})).status).toBe(200);
    const onA = onServer(a, customer.client.cookie);
    expect(data<{ role: string }>(await onA.query('auth.me')).role).toBe('anonymous');
    expect((await onA.query('customers.me')).status).toBe(401);
  });
});

describe('rate limits across server processes', () => {
  it('hold for credential attempts from one client spread over A and B, with Retry-After', async () => {
    const client = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < RATE_LIMIT + 3; i++) {
      const res = await trpcMutation(
        (i % 2 ? a : b).url,
        'auth.signIn',
        { login: 'ninguem@example.com', password: 'senha-errada-123' },
        client,
      );
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    // Each process alone saw at most 4 attempts; together they saw 8, and the limit is 5.
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('registrations spread over both processes', () => {
  it('100 registrations over 10 CPFs: exactly 10 customers, 90 conflicts', async () => {
    const people = Array.from({ length: 10 }, () => newRegistration());
    // Attempt i registers person i % 10 on A for i < 10, 20 ≤ i < 30, …, on B otherwise: each person's attempts
    // alternate between the processes, and 16 are in flight at a time (within each server's hashing queue).
    const attempt = (i: number) => {
      const person = people[i % 10]!;
      const input = { ...person, email: `tentativa${i}-${person.email}` }; // only the CPF collides
      const server = Math.floor(i / 10) % 2 ? b : a;
      return trpcMutation(server.url, 'customers.register', input, fromNewClient());
    };
    const results: Awaited<ReturnType<typeof attempt>>[] = [];
    let nextAttempt = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (nextAttempt < 100) results.push(await attempt(nextAttempt++));
      }),
    );
    const unexpected = results.filter((r) => r.status !== 200 && r.body.error?.data.reason !== 'CPF_TAKEN');
    expect(unexpected.map((r) => JSON.stringify(r.body))).toEqual([]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.body.error?.data.reason === 'CPF_TAKEN')).toHaveLength(90);
    const ids = new Set(results.filter((r) => r.status === 200).map((r) => data<{ id: string }>(r).id));
    expect(ids.size).toBe(10);
  }, 600_000); // 100 password hashes at production cost, on a busy machine
});

describe('a rolling replacement', () => {
  it('SIGTERM to A during steady traffic through the balancer: A drains and exits, no request fails', async () => {
    const balancer = await startBalancer([a.url, b.url]);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let stopTraffic = false;
    let sent = 0;
    const record = (what: string, res: { status: number; body: unknown }) => {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 200)
        failures.push(`${what} ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    };
    const customer = await registeredCustomer(balancer, {}, fromNewClient());
    // Readers with a session, and a registration now and then (the slow, CPU-bound request).
    const reader = async () => {
      const client = onServer(balancer, customer.client.cookie);
      while (!stopTraffic) {
        sent += 1;
        record('customers.me', await client.query('customers.me').catch(asFailure));
      }
    };
    const registrar = async () => {
      while (!stopTraffic) {
        sent += 1;
        const res = await trpcMutation(
          balancer.url,
          'customers.register',
          newRegistration(),
          fromNewClient(),
        ).catch(asFailure);
        record('customers.register', res);
      }
    };
    const traffic = Promise.all([reader(), reader(), reader(), registrar()]);
    try {
      await until(() => balancer.served(a.url) > 20 && balancer.served(b.url) > 20, 'traffic on A and B', {
        everyMs: 50,
      });

      a.child.kill('SIGTERM');
      await until(() => !balancer.isHealthy(a.url), 'A to fail its health check', { everyMs: 50 });
      const servedByA = balancer.served(a.url);
      const code = await a.exited;
      expect(code).toBe(0);
      // Traffic goes on to B alone.
      const sentAtExit = sent;
      await until(() => sent > sentAtExit + 20, 'traffic after A exited', { everyMs: 50 });
      expect(balancer.served(a.url)).toBe(servedByA);
    } finally {
      stopTraffic = true;
      await traffic;
      await balancer.close();
    }
    expect(failures).toEqual([]);
    expect(statuses.get(200)).toBe(sent);
    const log = a.logs().map((l) => l.msg);
    expect(log).toContain('shutting down');
  }, 300_000);
});

function asFailure(error: Error) {
  return { status: 0, body: { error: error.message } };
}
