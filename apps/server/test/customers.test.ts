import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import { trpcMutation, trpcQuery } from './trpc-http.ts';

let server: TestServer;
const auth = { authorization: `Bearer ${TEST_API_KEY}` };

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('customers.register over HTTP', () => {
  it('registers a customer who can then be fetched by id with an API key', async () => {
    const input = newRegistration({ email: '  Ana.Souza@Example.COM ', name: 'Ana  Souza' });
    const created = await trpcMutation(server.url, 'customers.register', input);
    expect(created.status).toBe(200);
    const { id } = created.body.result!.data as { id: string };

    const fetched = await trpcQuery(server.url, 'customers.get', { id }, auth);
    expect(fetched.status).toBe(200);
    expect(fetched.body.result?.data).toMatchObject({
      id,
      name: 'Ana Souza',
      cpf: input.cpf.replace(/\D/g, ''),
      email: 'ana.souza@example.com',
      phone: '+5511912345678',
      address: { cep: '01310100', uf: 'SP' },
      status: 'active',
      version: 1,
    });
  });

  it('answers CONFLICT with CPF_TAKEN, then EMAIL_TAKEN, naming the field', async () => {
    const first = newRegistration();
    expect((await trpcMutation(server.url, 'customers.register', first)).status).toBe(200);

    const sameCpf = await trpcMutation(server.url, 'customers.register', newRegistration({ cpf: first.cpf }));
    expect(sameCpf.status).toBe(409);
    expect(sameCpf.body.error?.data).toMatchObject({
      code: 'CONFLICT',
      reason: 'CPF_TAKEN',
      conflicts: [{ reason: 'CPF_TAKEN', field: 'cpf' }],
    });

    const sameEmail = await trpcMutation(
      server.url,
      'customers.register',
      newRegistration({ email: first.email.toUpperCase() }),
    );
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.error?.data).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
  });

  it('answers BAD_REQUEST (400) with each invalid field and its reason, never 500', async () => {
    const input = newRegistration({ cpf: '123.456.789-00', phone: '12' });
    const bad = await trpcMutation(server.url, 'customers.register', {
      ...input,
      address: { ...input.address, cep: 'abc' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'VALIDATION',
      fieldErrors: { cpf: ['cpf_invalid'], phone: ['phone_invalid'], 'address.cep': ['cep_invalid'] },
    });
  });

  it.each([
    ['a body that is not JSON', '{"name": '],
    ['an array instead of an object', '[1,2,3]'],
    ['no body at all', ''],
    ['wrong types everywhere', JSON.stringify({ name: 1, cpf: null, address: 'x', consent: [] })],
  ])('answers 400 to %s', async (_label, body) => {
    const res = await trpcMutation(server.url, 'customers.register', body);
    expect(res.status).toBe(400);
    expect(res.body.error?.data.httpStatus).toBe(400);
  });

  it('lets exactly one of 50 concurrent registrations with one CPF through', async () => {
    const cpf = newRegistration().cpf;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        trpcMutation(server.url, 'customers.register', newRegistration({ cpf })),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(49);
    expect(conflicts.every((r) => r.body.error?.data.reason === 'CPF_TAKEN')).toBe(true);
    // Exactly one customer holds the CPF.
    const { customers } = server.services;
    const winner = results.find((r) => r.status === 200)?.body.result?.data as { id: string };
    expect((await customers.getByCpf(cpf.replace(/\D/g, '')))?.customerId).toBe(winner.id);
  });
});

describe('service procedures', () => {
  it('refuse calls without a valid API key', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-key-wrong-key-wrong-key-wrong' },
      { authorization: TEST_API_KEY },
    ]) {
      const res = await trpcQuery(server.url, 'customers.list', {}, headers);
      expect(res.status).toBe(401);
      expect(res.body.error?.data.reason).toBe('UNAUTHENTICATED');
    }
  });

  it('answer NOT_FOUND for an unknown id and 400 for a forged cursor', async () => {
    const missing = await trpcQuery(server.url, 'customers.get', { id: 'no-such-customer' }, auth);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.data.reason).toBe('NOT_FOUND');
    const forged = await trpcQuery(server.url, 'customers.list', { cursor: 'eyJub3QiOiJ2YWxpZCJ9' }, auth);
    expect(forged.status).toBe(400);
    expect(forged.body.error?.data.reason).toBe('INVALID_CURSOR');
  });

  it('list every customer newest first across pages', async () => {
    const names = ['Carla Dias', 'Bruno Lima', 'Alice Ramos'];
    for (const name of names) await trpcMutation(server.url, 'customers.register', newRegistration({ name }));
    const seen: Array<{ name: string; createdAt: string }> = [];
    let cursor: string | null = null;
    do {
      const res = await trpcQuery(server.url, 'customers.list', { limit: 2, cursor }, auth);
      expect(res.status).toBe(200);
      const page = res.body.result?.data as { items: typeof seen; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const createdAt = seen.map((c) => c.createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
    expect(seen.slice(0, 3).map((c) => c.name)).toEqual([...names].reverse());
  });
});

describe('health', () => {
  it('answers /healthz and the health procedure', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const res = await trpcQuery(server.url, 'health', undefined);
    expect(res.body.result?.data).toMatchObject({ status: 'ok' });
  });
});
