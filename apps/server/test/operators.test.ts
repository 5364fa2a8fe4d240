import type { ApiKeyView, CustomerEventView, CustomerView } from '@cadastro/contracts';
import { formatCpf } from '@cadastro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer, signedInOperator } from './accounts.ts';
import { startTestServer, TEST_API_KEY, TEST_OPERATOR, type TestServer } from './harness.ts';
import { type CookieClient, cookieClient, trpcQuery } from './trpc-http.ts';

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
    const created = await operator.mutation('ops.apiKeys.create', { name: 'CRM' });
    expect(created.status).toBe(200);
    const { apiKey, key } = data<{ apiKey: ApiKeyView; key: string }>(created);
    expect(key).toMatch(/^cad\./);

    const list = data<ApiKeyView[]>(await operator.query('ops.apiKeys.list'));
    expect(list.find((k) => k.id === apiKey.id)).toMatchObject({ name: 'CRM', revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(key.split('.')[2]);
    const stored = await server.services.apiKeyStore.get(apiKey.id);
    expect(JSON.stringify(stored)).not.toContain(key.split('.')[2]);

    const auth = { authorization: `Bearer ${key}` };
    expect((await trpcQuery(server.url, 'customers.list', {}, auth)).status).toBe(200);
    const tampered = { authorization: `Bearer ${key.slice(0, -2)}xx` };
    expect((await trpcQuery(server.url, 'customers.list', {}, tampered)).status).toBe(401);

    expect((await operator.mutation('ops.apiKeys.revoke', { id: apiKey.id })).status).toBe(200);
    expect((await trpcQuery(server.url, 'customers.list', {}, auth)).status).toBe(401);
    const revoked = data<ApiKeyView[]>(await operator.query('ops.apiKeys.list')).find(
      (k) => k.id === apiKey.id,
    );
    expect(revoked?.revokedAt).toEqual(expect.any(String));
  });

  it('cannot be managed by services', async () => {
    const res = await trpcQuery(server.url, 'ops.apiKeys.list', undefined, {
      authorization: `Bearer ${TEST_API_KEY}`,
    });
    expect(res.status).toBe(403);
  });
});
