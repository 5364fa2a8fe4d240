import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { type CustomerExport, type CustomerView, TERMS_VERSION } from '@cadastro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cookieClient } from './trpc-http.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Every attribute of every item in the table, as one string per item (the raw table, not through the app). */
async function rawTable(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await server.clients.dynamodb.send(
      new ScanCommand({ TableName: server.table, ExclusiveStartKey: start as never }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('customers.me and updateMe', () => {
  it('shows and corrects the data, with optimistic locking and an audit event naming the fields', async () => {
    const { client, id } = await registeredCustomer(server);
    const me = data<CustomerView>(await client.query('customers.me'));
    expect(me).toMatchObject({ id, version: 1 });
    expect(me).not.toHaveProperty('passwordHash');

    const updated = await client.mutation('customers.updateMe', {
      version: 1,
      changes: { name: 'Maria Souza', phone: '(21) 98765-4321', address: { ...me.address, number: '99' } },
    });
    expect(updated.status).toBe(200);
    expect(data<CustomerView>(updated)).toMatchObject({
      name: 'Maria Souza',
      phone: '+5521987654321',
      version: 2,
    });

    const stale = await client.mutation('customers.updateMe', {
      version: 1,
      changes: { name: 'Outra Pessoa' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.data.reason).toBe('VERSION_CONFLICT');

    const bad = await client.mutation('customers.updateMe', {
      version: 2,
      changes: { email: 'não-é-email' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.data.fieldErrors).toEqual({ 'changes.email': ['email_invalid'] });

    const exported = data<CustomerExport>(await client.query('customers.exportMe'));
    const change = exported.history.find((e) => e.type === 'updated');
    expect(change).toMatchObject({ actor: { role: 'customer', id }, fields: ['name', 'phone', 'address'] });
    expect(JSON.stringify(change)).not.toContain('Maria Souza');
  });

  it('moves the e-mail: sign-in works with the new one, the old one is free', async () => {
    const { client, input } = await registeredCustomer(server);
    const newEmail = `nova.${Date.now()}@example.com`;
    const res = await client.mutation('customers.updateMe', { version: 1, changes: { email: newEmail } });
    expect(res.status).toBe(200);
    const signIn = (login: string) =>
      cookieClient(server.url).mutation('auth.signIn', { login, password: input.password });
    expect((await signIn(newEmail)).status).toBe(200);
    expect((await signIn(input.email)).status).toBe(401);
    const reuse = await registeredCustomer(server, { email: input.email });
    expect(reuse.id).toBeTruthy();
  });

  it('lets exactly one of two customers switching to the same e-mail at once have it', async () => {
    const a = await registeredCustomer(server);
    const b = await registeredCustomer(server);
    const target = `disputado.${Date.now()}@example.com`;
    const results = await Promise.all(
      [a, b].map((c) => c.client.mutation('customers.updateMe', { version: 1, changes: { email: target } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error?.data).toMatchObject({
      reason: 'EMAIL_TAKEN',
      conflicts: [{ reason: 'EMAIL_TAKEN', field: 'email' }],
    });
    const owner = await server.services.customers.getByEmail(target);
    const winner = results[0]!.status === 200 ? a : b;
    expect(owner?.customerId).toBe(winner.id);
  });
});

describe('consents', () => {
  it('records a granted and a revoked consent with terms version, time and purpose', async () => {
    const { client } = await registeredCustomer(server);
    const grant = await client.mutation('customers.setConsent', {
      purpose: 'marketing',
      granted: true,
      termsVersion: TERMS_VERSION,
    });
    expect(grant.status).toBe(200);
    const revoke = await client.mutation('customers.setConsent', {
      purpose: 'marketing',
      granted: false,
      termsVersion: TERMS_VERSION,
    });
    const { consents } = data<CustomerView>(revoke);
    expect(consents).toEqual([
      { purpose: 'terms', termsVersion: TERMS_VERSION, grantedAt: expect.any(String), revokedAt: null },
      {
        purpose: 'marketing',
        termsVersion: TERMS_VERSION,
        grantedAt: expect.any(String),
        revokedAt: expect.any(String),
      },
    ]);
    const history = data<CustomerExport>(await client.query('customers.exportMe')).history.map((e) => e.type);
    expect(history).toEqual(expect.arrayContaining(['consent_granted', 'consent_revoked', 'registered']));
  });
});

describe('customers.exportMe', () => {
  it('holds everything about the customer and nothing about anyone else', async () => {
    const other = await registeredCustomer(server);
    const { client, input, id } = await registeredCustomer(server);
    await client.mutation('customers.updateMe', { version: 1, changes: { name: 'Joana Prado' } });
    const res = await client.query('customers.exportMe');
    expect(res.status).toBe(200);
    const exported = data<CustomerExport>(res);
    expect(exported.customer).toMatchObject({
      id,
      name: 'Joana Prado',
      cpf: input.cpf,
      email: input.email,
      phone: '+5511912345678',
      birthDate: input.birthDate,
      address: { cep: '01310100', street: 'Avenida Paulista' },
    });
    expect(exported.consents).toHaveLength(1);
    expect(exported.documents).toEqual([]);
    expect(exported.history.map((e) => e.type)).toEqual(['updated', 'registered']);

    const text = JSON.stringify(exported);
    for (const value of [other.id, other.input.cpf, other.input.email]) expect(text).not.toContain(value);
    expect(text).not.toMatch(/scrypt|argon2|passwordHash/);
  });
});

describe('customers.deleteMe', () => {
  it('asks for the password, then leaves no personal data in the table and ends the session', async () => {
    const { client, input, id } = await registeredCustomer(server, {
      name: 'Apagada Totalmente',
      phone: '(31) 99876-5432',
      email: `apagar.${Date.now()}@example.com`,
    });
    await client.mutation('customers.updateMe', { version: 1, changes: { name: 'Apagada Mesmo' } });
    const keep = await registeredCustomer(server);

    const wrong = await client.mutation('customers.deleteMe', { password: 'nao-e-a-senha-1' });
    expect(wrong.status).toBe(401);
    const res = await client.mutation('customers.deleteMe', { password: input.password });
    expect(res.status).toBe(200);
    expect(client.cookie).toBeNull();

    const items = await rawTable();
    const personal = [input.cpf, input.email, '+5531998765432', 'Apagada', 'apagada'];
    for (const value of personal)
      expect(
        items.filter((i) => i.includes(value)),
        value,
      ).toEqual([]);
    // What is left of the customer: the tombstone and the `erased` event, neither personal.
    const left = items.filter((i) => i.includes(id));
    expect(left).toHaveLength(2);
    expect(left.join()).toMatch(/erased/);
    // Others are untouched; the CPF and e-mail are free again.
    expect(items.some((i) => i.includes(keep.input.email))).toBe(true);
    await registeredCustomer(server, { cpf: input.cpf, email: input.email });
  });
});
