import type { AccessRecordView, ApiKeyView, CustomerEventView, CustomerView } from '@cadastro/contracts';
import { formatCpf } from '@cadastro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../src/api-keys.ts';
import { data, registeredCustomer, signedInOperator } from './accounts.ts';
import { startTestServer, TEST_API_KEY, TEST_OPERATOR, type TestServer } from './harness.ts';
import { type CookieClient, cookieClient, trpcMutation, trpcQuery } from './trpc-http.ts';

let server: TestServer;
let operator: CookieClient;
type Page = { items: CustomerView[]; nextCursor: string | null };

beforeAll(async () => {
  server = await startTestServer();
  operator = await signedInOperator(server);
});
afterAll(() => server?.close());

describe('operator sign-in', () => {
  it('refuses a wrong password like an unknown operator, and customers cannot use it', async () => {
    const wrong = await cookieClient(server.url).mutation('auth.operatorSignIn', {
      email: TEST_OPERATOR.email,
      password: 'senha-errada-123',
    });
    const unknown = await cookieClient(server.url).mutation('auth.operatorSignIn', {
      email: 'ninguem@example.com',
      password: 'senha-errada-123',
    });
    for (const res of [wrong, unknown]) expect(res.body.error?.data.reason).toBe('INVALID_CREDENTIALS');
    const { input } = await registeredCustomer(server);
    const asCustomer = await cookieClient(server.url).mutation('auth.operatorSignIn', {
      email: input.email,
      password: input.password,
    });
    expect(asCustomer.status).toBe(401);
  });

  it('creates the first operator only once', async () => {
    const { bootstrapFirstOperator } = await import('../src/auth/operator-bootstrap.ts');
    expect(
      await bootstrapFirstOperator(server.services.operators, server.services.passwords, TEST_OPERATOR),
    ).toBeNull();
  });
});

describe('customer search', () => {
  it('finds the customer by CPF (any punctuation), by e-mail, and by name prefix ignoring case and accents', async () => {
    const { input, id } = await registeredCustomer(server, { name: 'Conceição Araújo Brandão' });
    const byCpf = await operator.query('customers.search', { by: 'cpf', query: formatCpf(input.cpf) });
    expect(byCpf.status).toBe(200);
    expect(data<Page>(byCpf).items.map((c) => c.id)).toEqual([id]);

    const byEmail = await operator.query('customers.search', {
      by: 'email',
      query: input.email.toUpperCase(),
    });
    expect(data<Page>(byEmail).items.map((c) => c.id)).toEqual([id]);

    const byName = await operator.query('customers.search', { by: 'name', query: 'CONCEICAO arau' });
    expect(data<Page>(byName).items.map((c) => c.id)).toEqual([id]);

    const none = await operator.query('customers.search', { by: 'name', query: 'Zzyzx' });
    expect(data<Page>(none).items).toEqual([]);
    const invalid = await operator.query('customers.search', { by: 'cpf', query: '111.111.111-11' });
    expect(invalid.status).toBe(400);
  });

  it('pages through name results with a cursor', async () => {
    for (const suffix of ['Alfa', 'Beta', 'Gama'])
      await registeredCustomer(server, { name: `Paginada ${suffix}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await operator.query('customers.search', {
        by: 'name',
        query: 'paginada',
        limit: 2,
        cursor,
      });
      const page = data<Page>(res);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Paginada Alfa', 'Paginada Beta', 'Paginada Gama']);
  });
});

describe('operator changes', () => {
  it('updates a customer with the version read and shows who did it in the history', async () => {
    const { id } = await registeredCustomer(server);
    const me = data<{ operatorId: string }>(await operator.query('auth.me'));
    const res = await operator.mutation('customers.update', {
      id,
      version: 1,
      changes: { name: 'Nome Corrigido' },
    });
    expect(data<CustomerView>(res)).toMatchObject({ name: 'Nome Corrigido', version: 2 });
    const events = data<{ items: CustomerEventView[] }>(await operator.query('customers.events', { id }));
    expect(events.items.map((e) => [e.type, e.actor.role, e.fields])).toEqual([
      ['updated', 'operator', ['name']],
      ['registered', 'customer', expect.arrayContaining(['name', 'cpf', 'password'])],
    ]);
    expect(events.items[0]?.actor.id).toBe(me.operatorId);
  });

  it('deletes a customer: their session dies and the tombstone remains', async () => {
    const { client, id } = await registeredCustomer(server);
    const res = await operator.mutation('customers.delete', { id });
    expect(res.status).toBe(200);
    expect((await client.query('customers.me')).status).toBe(401);
    expect(await server.services.erasures.isErased(id)).toBe(true);
    expect((await operator.query('customers.get', { id })).status).toBe(404);
  });

  it('lists customers newest first (customers.list is for operators and services)', async () => {
    const { id } = await registeredCustomer(server);
    const page = data<Page>(await operator.query('customers.list', { limit: 1 }));
    expect(page.items[0]?.id).toBe(id);
    const asService = await trpcQuery(
      server.url,
      'customers.list',
      { limit: 1 },
      { authorization: `Bearer ${TEST_API_KEY}` },
    );
    expect(asService.status).toBe(200);
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, work as Bearer keys until revoked', async () => {
    const created = await operator.mutation('ops.apiKeys.create', {
      name: 'CRM',
      scopes: ['customers:read'],
    });
    expect(created.status).toBe(200);
    const { apiKey, key } = data<{ apiKey: ApiKeyView; key: string }>(created);
    expect(key).toMatch(/^cad\./);

    const list = data<ApiKeyView[]>(await operator.query('ops.apiKeys.list'));
    expect(list.find((k) => k.id === apiKey.id)).toMatchObject({
      name: 'CRM',
      scopes: ['customers:read'],
      validUntil: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(key.split('.')[2]);
    const stored = await server.services.apiKeyStore.get(apiKey.id);
    expect(JSON.stringify(stored)).not.toContain(key.split('.')[2]);

    const auth = { authorization: `Bearer ${key}` };
    expect((await trpcQuery(server.url, 'customers.list', {}, auth)).status).toBe(200);
    await expect
      .poll(async () => (await server.services.apiKeyStore.get(apiKey.id))?.lastUsedAt)
      .toEqual(expect.any(String));
    const tampered = { authorization: `Bearer ${key.slice(0, -2)}xx` };
    expect((await trpcQuery(server.url, 'customers.list', {}, tampered)).status).toBe(401);

    expect((await operator.mutation('ops.apiKeys.revoke', { id: apiKey.id })).status).toBe(200);
    expect((await trpcQuery(server.url, 'customers.list', {}, auth)).status).toBe(401);
    const revoked = data<ApiKeyView[]>(await operator.query('ops.apiKeys.list')).find(
      (k) => k.id === apiKey.id,
    );
    expect(revoked?.revokedAt).toEqual(expect.any(String));
  });

  it('do only what their scopes allow; a key with customers:lookup finds one customer by CPF in a POST body', async () => {
    const customer = await registeredCustomer(server);
    const created = await operator.mutation('ops.apiKeys.create', {
      name: 'Portal',
      scopes: ['customers:lookup'],
      validDays: 30,
    });
    const { apiKey, key } = data<{ apiKey: ApiKeyView; key: string }>(created);
    expect(Date.parse(apiKey.validUntil ?? '')).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const auth = { authorization: `Bearer ${key}` };

    const found = await trpcMutation(
      server.url,
      'customers.lookup',
      { by: 'cpf', value: customer.input.cpf },
      auth,
    );
    expect(data<{ id: string }>(found).id).toBe(customer.id);
    const missing = await trpcMutation(
      server.url,
      'customers.lookup',
      { by: 'email', value: 'ninguem@example.com' },
      auth,
    );
    expect(missing.body.error?.data.reason).toBe('NOT_FOUND');

    const list = await trpcQuery(server.url, 'customers.list', {}, auth);
    expect([list.status, list.body.error?.data.reason]).toEqual([403, 'MISSING_SCOPE']);
    const backup = await trpcMutation(server.url, 'backups.create', {}, auth);
    expect([backup.status, backup.body.error?.data.reason]).toEqual([403, 'MISSING_SCOPE']);
    const restore = await trpcMutation(
      server.url,
      'backups.restore',
      { backupId: '0192f1c2-0000-7000-8000-000000000000', mode: 'verify' },
      auth,
    );
    expect(restore.status).toBe(403);
  });

  it('need at least one scope, and stop working once expired', async () => {
    const none = await operator.mutation('ops.apiKeys.create', { name: 'Nada', scopes: [] });
    expect(none.body.error?.data.fieldErrors).toHaveProperty('scopes');

    const { key, item } = newApiKey(
      { name: 'Antiga', scopes: ['customers:read'], validDays: 1 },
      'test',
      new Date(Date.now() - 2 * 86_400_000),
    );
    await server.services.apiKeyStore.create(item);
    const res = await trpcQuery(server.url, 'customers.list', {}, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(401);
  });

  it('cannot be managed by services', async () => {
    const res = await trpcQuery(server.url, 'ops.apiKeys.list', undefined, {
      authorization: `Bearer ${TEST_API_KEY}`,
    });
    expect(res.status).toBe(403);
  });
});

describe('the access record (LGPD Art. 37)', () => {
  type AccessPage = { items: AccessRecordView[]; nextCursor: string | null };

  it('shows the customer every read of their data by an operator or a service, and nothing of their own reads', async () => {
    const customer = await registeredCustomer(server);
    await customer.client.query('customers.me');
    expect(data<AccessPage>(await customer.client.query('customers.accessLog', {})).items).toEqual([]);

    await operator.query('customers.get', { id: customer.id });
    await trpcMutation(
      server.url,
      'customers.lookup',
      { by: 'email', value: customer.input.email },
      { authorization: `Bearer ${TEST_API_KEY}` },
    );
    const seen = data<AccessPage>(await customer.client.query('customers.accessLog', {})).items;
    expect(seen.map((a) => [a.actor.kind, a.procedure])).toEqual([
      ['service', 'customers.lookup'],
      ['operator', 'customers.get'],
    ]);
    const op = await server.services.operators.getByEmail(TEST_OPERATOR.email);
    expect(seen[1]?.actor).toEqual({ kind: 'operator', id: op?.operatorId, name: op?.name });

    const month = new Date().toISOString().slice(0, 7);
    const all = data<AccessPage>(await operator.query('ops.accessRecord', { month, limit: 100 })).items;
    expect(all.filter((a) => a.customerId === customer.id)).toHaveLength(2);
    const denied = await customer.client.query('ops.accessRecord', { month });
    expect(denied.status).toBe(403);
  });

  it('records each customer an operator lists or finds by name', async () => {
    const customer = await registeredCustomer(server, { name: 'Zuleica Quaresma Tavares' });
    await operator.query('customers.search', { by: 'name', query: 'quares' });
    const seen = data<AccessPage>(await customer.client.query('customers.accessLog', {})).items;
    expect(seen.map((a) => a.procedure)).toEqual(['customers.search']);
  });
});
