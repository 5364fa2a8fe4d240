import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_CACHE_MS, createApiKeyVerifier, newApiKey } from '../src/api-keys.ts';
import { data, registeredCustomer, signedInOperator } from './accounts.ts';
import { startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import { trpcQuery } from './trpc-http.ts';

/** The DynamoDB operations the server's client sends while `run` runs, by name. */
async function dynamodbCalls(server: TestServer, run: () => Promise<unknown>): Promise<string[]> {
  const calls: string[] = [];
  const name = `count-${Math.random()}`;
  server.services.aws.dynamodb.middlewareStack.add(
    ((next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
      calls.push((context.commandName ?? '').replace(/Command$/, ''));
      return next(args);
    }) as never,
    { step: 'initialize', name },
  );
  try {
    await run();
  } finally {
    server.services.aws.dynamodb.middlewareStack.remove(name);
  }
  return calls;
}

describe('what a request costs in DynamoDB operations', () => {
  let server: TestServer;
  let customerId: string;
  let createdKey: string;
  beforeAll(async () => {
    // The journal is flushed only when a test asks (or after a minute): what a request costs on its own path is
    // then counted apart from the flush that follows it.
    server = await startTestServer({ accessJournal: { flushMs: 60_000 } });
    customerId = (await registeredCustomer(server)).id;
    const created = newApiKey({ name: 'reader', scopes: ['customers:read'] }, 'op-1');
    await server.services.apiKeyStore.create(created.item);
    createdKey = created.key;
  });
  afterAll(() => server?.close());

  const get = (key: string) =>
    trpcQuery(server.url, 'customers.get', { id: customerId }, { authorization: `Bearer ${key}` });

  it('a read by id with a known key: one GetItem, no write, no key lookup, no Scan', async () => {
    expect((await get(createdKey)).status).toBe(200); // reads the key and touches it
    for (const key of [createdKey, TEST_API_KEY]) {
      const calls = await dynamodbCalls(server, async () => expect((await get(key)).status).toBe(200));
      expect(calls).toEqual(['GetItem']);
    }
  });

  it('the access records of many reads reach the table afterwards, 25 to a BatchWriteItem', async () => {
    await server.services.accessRecords.settled(60_000); // what earlier tests journaled
    const reads = await dynamodbCalls(server, async () => {
      for (let i = 0; i < 60; i++) expect((await get(TEST_API_KEY)).status).toBe(200);
    });
    expect(reads).toEqual(Array(60).fill('GetItem'));
    expect(server.services.accessRecords.backlog().items).toBe(60);
    const flush = await dynamodbCalls(server, async () => {
      expect(await server.services.accessRecords.settled(60_000)).toBe(true);
    });
    expect(flush).toEqual(['BatchWriteItem', 'BatchWriteItem', 'BatchWriteItem']);
    expect(server.services.accessRecords.backlog().items).toBe(0);
  });

  it('concurrent reads by id: each answered its own customer, by GetItem or gathered into BatchGetItem', async () => {
    const others = await Promise.all([1, 2, 3, 4].map(() => registeredCustomer(server)));
    const ids = [customerId, ...others.map((c) => c.id)];
    const asked = Array.from({ length: 24 }, (_, i) => ids[i % ids.length]!);
    let answered: string[] = [];
    const calls = await dynamodbCalls(server, async () => {
      const responses = await Promise.all(
        asked.map((id) =>
          trpcQuery(server.url, 'customers.get', { id }, { authorization: `Bearer ${TEST_API_KEY}` }),
        ),
      );
      answered = responses.map((res) => data<{ id: string }>(res).id);
    });
    expect(answered).toEqual(asked);
    for (const call of calls) expect(['GetItem', 'BatchGetItem']).toContain(call);
    expect(calls.length).toBeLessThanOrEqual(asked.length);
  });

  it('a list with a key: a Query per index shard, no write, no Scan', async () => {
    const calls = await dynamodbCalls(server, async () => {
      const res = await trpcQuery(
        server.url,
        'customers.list',
        { limit: 5 },
        { authorization: `Bearer ${TEST_API_KEY}` },
      );
      expect(res.status).toBe(200);
    });
    expect(calls).not.toContain('Scan');
    expect(calls.filter((c) => c !== 'Query')).toEqual([]);
  });

  it("an operator's name search and CPF lookup: Queries and reads by key, never a Scan", async () => {
    const operator = await signedInOperator(server);
    const { input } = await registeredCustomer(server, { name: 'Custosa Consulta' });
    const calls = await dynamodbCalls(server, async () => {
      const byName = await operator.query('customers.search', { by: 'name', query: 'custosa' });
      expect(data<{ items: unknown[] }>(byName).items).toHaveLength(1);
      const byCpf = await operator.query('customers.search', { by: 'cpf', query: input.cpf });
      expect(data<{ items: unknown[] }>(byCpf).items).toHaveLength(1);
    });
    expect(calls).not.toContain('Scan');
    expect(new Set(calls)).toEqual(new Set(['GetItem', 'Query', 'BatchGetItem']));
  });
});

describe('the API-key cache', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('believes a stored key for the cache time, then reads it again and sees it revoked', async () => {
    const store = server.services.apiKeyStore;
    let reads = 0;
    const counted = {
      ...store,
      get: (id: string) => {
        reads += 1;
        return store.get(id);
      },
    };
    const verifier = createApiKeyVerifier([], counted, { cacheMs: 1_000 });
    const created = newApiKey({ name: 'svc', scopes: ['customers:read'] }, 'op-1');
    await store.create(created.item);
    const t0 = Date.parse('2030-01-01T00:00:00Z');

    expect(await verifier.verify(created.key, new Date(t0))).toMatchObject({ keyId: created.item.keyId });
    expect(await verifier.verify(created.key, new Date(t0 + 500))).toMatchObject({ name: 'svc' });
    expect(reads).toBe(1);

    await store.revoke(created.item.keyId); // as another server's /admin would
    // Within the cache time this server has not read it again; after it, the revocation holds.
    expect(await verifier.verify(created.key, new Date(t0 + 999))).not.toBeNull();
    expect(await verifier.verify(created.key, new Date(t0 + 1_000))).toBeNull();
    expect(reads).toBe(2);
    expect(API_KEY_CACHE_MS).toBeLessThanOrEqual(10_000); // "within seconds", as the README says
  });

  it('forgets a key revoked on this server at once', async () => {
    const store = server.services.apiKeyStore;
    const verifier = createApiKeyVerifier([], store);
    const created = newApiKey({ name: 'svc2', scopes: ['customers:read'] }, 'op-1');
    await store.create(created.item);
    const now = new Date();
    expect(await verifier.verify(created.key, now)).not.toBeNull();
    await store.revoke(created.item.keyId);
    verifier.forget(created.item.keyId);
    expect(await verifier.verify(created.key, now)).toBeNull();
  });

  it('a wrong secret for a cached key id is still refused', async () => {
    const store = server.services.apiKeyStore;
    const verifier = createApiKeyVerifier([], store);
    const created = newApiKey({ name: 'svc3', scopes: ['customers:read'] }, 'op-1');
    await store.create(created.item);
    expect(await verifier.verify(created.key)).not.toBeNull();
    const [prefix, id] = created.key.split('.');
    expect(await verifier.verify(`${prefix}.${id}.wrong-secret`)).toBeNull();
  });
});
