import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { registerInputSchema, TERMS_VERSION } from '@cadastro/contracts';
import { cpfFrom } from '@cadastro/contracts/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CustomerRepository,
  createCustomerRepository,
  createDbService,
  createEventLog,
  type DbService,
  ensureTable,
  INDEX_SHARDS,
  InvalidCursorError,
  type NewCustomer,
  tableDefinition,
  UniqueValueTakenError,
  VersionConflictError,
} from '../src/index.ts';
import { localDynamoDb } from './local-dynamodb.ts';

const { client, table } = localDynamoDb('customers');
let repo: CustomerRepository;
let db: DbService;

/** `0` → `Aa`, `1` → `Ab`…: names must be letters only. */
function letters(n: number): string {
  return `${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(97 + (n % 26))}`;
}

function registration(n: number, overrides: Record<string, unknown> = {}): NewCustomer {
  const { password: _, ...data } = registerInputSchema.parse({
    name: `Cliente ${letters(n)}`,
    cpf: cpfFrom(100_000_000 + n),
    email: `cliente${n}@example.com`,
    phone: '(11) 91234-5678',
    birthDate: '1985-03-02',
    address: {
      cep: '01310-100',
      street: 'Avenida Paulista',
      number: String(n),
      district: 'Bela Vista',
      city: 'São Paulo',
      uf: 'SP',
    },
    consent: { termsVersion: TERMS_VERSION, accepted: true },
    password: 'not-stored-in-clear-1',
    ...overrides,
  });
  return { ...data, passwordHash: 'scrypt$test-hash' };
}

beforeAll(async () => {
  await ensureTable(client, table);
  db = createDbService({ table, client });
  repo = createCustomerRepository(db, {
    blindIndexSecret: 'test-secret-0123456789abcdef',
  });
});

describe('table definition', () => {
  it('is derived from the entities: primary keys, gsi1, gsi2, on-demand', () => {
    const def = tableDefinition('x');
    expect(def.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(
      def.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.KeySchema?.map((k) => k.AttributeName)]),
    ).toEqual([
      ['gsi1', ['gsi1pk', 'gsi1sk']],
      ['gsi2', ['gsi2pk', 'gsi2sk']],
    ]);
    expect(def.BillingMode).toBe('PAY_PER_REQUEST');
  });
});

describe('ensureTable', () => {
  it('adds the GSIs that a table created by an older version lacks', async () => {
    const old = `old-${randomUUID()}`;
    const definition = tableDefinition(old);
    await client.send(
      new CreateTableCommand({
        ...definition,
        AttributeDefinitions: definition.AttributeDefinitions?.filter(
          (a) => !a.AttributeName?.startsWith('gsi2'),
        ),
        GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes?.filter((g) => g.IndexName === 'gsi1'),
      }),
    );
    await ensureTable(client, old);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: old }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2']);
  });
});

describe('customer repository', () => {
  it('registers and finds a customer by id, CPF and e-mail', async () => {
    const input = registration(1);
    const created = await repo.register(input);
    expect(created.cpf).toBe(input.cpf);
    expect(await repo.getById(created.customerId)).toMatchObject({
      name: input.name,
      email: input.email,
      version: 1,
    });
    expect((await repo.getByCpf(input.cpf))?.customerId).toBe(created.customerId);
    expect((await repo.getByEmail(input.email))?.customerId).toBe(created.customerId);
    expect(await repo.getByCpf(cpfFrom(999_999_990))).toBeNull();
    expect(await repo.getById('missing')).toBeNull();
    const history = await createEventLog(db).list(created.customerId, { limit: 10 });
    expect(history.items.map((e) => [e.type, e.actorRole, e.fields])).toEqual([
      [
        'registered',
        'customer',
        ['name', 'cpf', 'email', 'phone', 'birthDate', 'address', 'consent', 'password'],
      ],
    ]);
  });

  it('gathers reads by id that arrive while one is in flight into one BatchGetItem, each answered its own', async () => {
    const ids = [];
    for (let n = 20; n < 30; n++) ids.push((await repo.register(registration(n))).customerId);
    const calls: Array<{ command: string; keys: number }> = [];
    const name = `count-${randomUUID()}`;
    client.middlewareStack.add(
      ((next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
        (args: { input: { RequestItems?: Record<string, { Keys: unknown[] }> } }) => {
          const batch = Object.values(args.input.RequestItems ?? {})[0];
          calls.push({ command: context.commandName ?? '', keys: batch ? batch.Keys.length : 1 });
          return next(args);
        }) as never,
      { step: 'initialize', name },
    );
    try {
      // The first read goes alone; the other eleven (a missing id and a repeated one among them) wait for it.
      const asked = [...ids, 'missing', ids[3]!];
      const found = await Promise.all(asked.map((id) => repo.getById(id)));
      expect(found.map((c) => c?.customerId ?? null)).toEqual([...ids, null, ids[3]]);
      expect(calls).toEqual([
        { command: 'GetItemCommand', keys: 1 },
        { command: 'BatchGetItemCommand', keys: 10 }, // nine others and the missing one; the repeat asked once
      ]);
      // Alone, a read is one GetItem.
      calls.length = 0;
      expect((await repo.getById(ids[5]!))?.customerId).toBe(ids[5]);
      expect(calls).toEqual([{ command: 'GetItemCommand', keys: 1 }]);
    } finally {
      client.middlewareStack.remove(name);
    }
  });

  it('refuses a taken CPF or e-mail and writes nothing', async () => {
    const first = registration(2);
    await repo.register(first);
    await expect(repo.register(registration(3, { cpf: first.cpf }))).rejects.toMatchObject({
      kinds: ['cpf'],
    });
    await expect(repo.register(registration(4, { email: first.email }))).rejects.toMatchObject({
      kinds: ['email'],
    });
    const both = repo.register(registration(5, { cpf: first.cpf, email: first.email }));
    await expect(both).rejects.toBeInstanceOf(UniqueValueTakenError);
    await expect(both).rejects.toMatchObject({ kinds: ['cpf', 'email'] });
    // The losers left no uniqueness item behind: their own e-mails are still free.
    expect(await repo.getByEmail(registration(3).email)).toBeNull();
    await expect(repo.register(registration(3))).resolves.toBeTruthy();
  });

  it('lets exactly one of 50 concurrent registrations with one CPF win', async () => {
    const cpf = cpfFrom(555_000_111);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => repo.register(registration(1000 + i, { cpf }))),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(UniqueValueTakenError);
    expect((await repo.getByCpf(cpf))?.customerId).toBe(
      (won[0] as PromiseFulfilledResult<{ customerId: string }>).value.customerId,
    );
  });

  it('never writes a CPF or e-mail into a key', async () => {
    const input = registration(7);
    await repo.register(input);
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table }));
    const keys = Items.flatMap((item) => ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((k) => item[k]?.S ?? ''));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => k.includes(input.cpf) || k.includes(input.email))).toEqual([]);
  });
});

describe('newest-first list', () => {
  const listTable = `list-${randomUUID()}`;
  let listRepo: CustomerRepository;

  beforeAll(async () => {
    await ensureTable(client, listTable);
    listRepo = createCustomerRepository(createDbService({ table: listTable, client }), {
      blindIndexSecret: 's'.repeat(32),
    });
    for (let i = 0; i < 23; i++) await listRepo.register(registration(i), new Date(Date.UTC(2026, 0, 1 + i)));
  });

  it('spreads customers over several partition keys of the list index', async () => {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: listTable, IndexName: 'gsi1' }));
    const partitions = new Set(Items.map((i) => i.gsi1pk?.S));
    expect(partitions.size).toBeGreaterThan(3);
    expect(partitions.size).toBeLessThanOrEqual(INDEX_SHARDS);
  });

  it('pages through every customer, newest first, with no repeats, merging the shards', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listRepo.listNewest({ limit: 5, cursor });
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => 22 - i).map((i) => `Cliente ${letters(i)}`));
    expect(pages).toBe(5);
  });

  it('rejects a forged cursor', async () => {
    await expect(listRepo.listNewest({ limit: 3, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    const wrongShape = Buffer.from(JSON.stringify([null, 'x'])).toString('base64url');
    await expect(listRepo.listNewest({ limit: 3, cursor: wrongShape })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});

describe('changes', () => {
  const actor = { role: 'customer' as const, id: 'x' };

  it('updates with the version read, records the changed field names and refuses a stale version', async () => {
    const created = await repo.register(registration(3001));
    const updated = await repo.update(
      created.customerId,
      1,
      { name: 'Cliente Novo', phone: created.phone },
      actor,
    );
    expect(updated).toMatchObject({ name: 'Cliente Novo', version: 2 });
    expect(await repo.getById(created.customerId)).toMatchObject({ name: 'Cliente Novo', version: 2 });
    await expect(repo.update(created.customerId, 1, { name: 'Outro Nome' }, actor)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    const history = await createEventLog(db).list(created.customerId, { limit: 10 });
    expect(history.items[0]).toMatchObject({ type: 'updated', fields: ['name'] });
  });

  it('moves the e-mail guard: the old address is free, the new one found; of two racing, one wins', async () => {
    const a = await repo.register(registration(3002));
    const b = await repo.register(registration(3003));
    const target = 'disputado@example.com';
    const results = await Promise.allSettled([
      repo.update(a.customerId, 1, { email: target }, actor),
      repo.update(b.customerId, 1, { email: target }, actor),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(UniqueValueTakenError);
    const owner = await repo.getByEmail(target);
    expect([a.customerId, b.customerId]).toContain(owner?.customerId);
    const winner = owner?.customerId === a.customerId ? a : b;
    expect(await repo.getByEmail(winner.email)).toBeNull();
    const loser = winner === a ? b : a;
    expect((await repo.getByEmail(loser.email))?.customerId).toBe(loser.customerId);
  });

  it('finds customers by the prefix of any word of the name, ignoring case and accents', async () => {
    const c = await repo.register(registration(3004, { name: 'Joãozinho Ávila' }));
    const ids = async (q: string) =>
      (await repo.searchByName(q, { limit: 10 })).items.map((i) => i.customerId);
    expect(await ids('joaozinho av')).toEqual([c.customerId]);
    expect(await ids('avil')).toEqual([c.customerId]);
    expect(await ids('av joao')).toEqual([c.customerId]);
    expect(await ids('avila maria')).toEqual([]);
    expect(await ids('zzzz')).toEqual([]);
  });

  it('follows a change of name: the old words no longer find the customer, the new ones do', async () => {
    const c = await repo.register(registration(3006, { name: 'Quirino Bezerra' }));
    await repo.update(c.customerId, 1, { name: 'Quirino Xavante' }, actor);
    const ids = async (q: string) =>
      (await repo.searchByName(q, { limit: 10 })).items.map((i) => i.customerId);
    expect(await ids('bezerra')).toEqual([]);
    expect(await ids('xavan')).toEqual([c.customerId]);
    expect(await ids('quirino')).toEqual([c.customerId]);
  });

  it('records consent grants and revocations', async () => {
    const c = await repo.register(registration(3005));
    const consent = { purpose: 'marketing' as const, granted: true, termsVersion: TERMS_VERSION };
    await repo.setConsent(c.customerId, consent, actor);
    const revoked = await repo.setConsent(c.customerId, { ...consent, granted: false }, actor);
    expect(revoked.consents.map((x) => [x.purpose, Boolean(x.revokedAt)])).toEqual([
      ['terms', false],
      ['marketing', true],
    ]);
  });
});

describe('name search at scale', () => {
  const searchTable = `search-${randomUUID()}`;
  let searchRepo: CustomerRepository;
  const surnames = ['Silva', 'Santos', 'Silveira'];

  beforeAll(async () => {
    await ensureTable(client, searchTable);
    searchRepo = createCustomerRepository(createDbService({ table: searchTable, client }), {
      blindIndexSecret: 's'.repeat(32),
    });
    for (let i = 0; i < 30; i++) {
      await searchRepo.register(registration(i, { name: `${letters(i)} ${surnames[i % 3]} Sil` }));
    }
  });

  it('pages through every match of a surname prefix once, across shards, each customer once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await searchRepo.searchByName('sil', { limit: 4, cursor });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    // 'Sil' itself and 'Silva'/'Silveira' all start with "sil": a customer is still listed once.
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it('finds only the customers of one surname and refuses a forged cursor', async () => {
    const page = await searchRepo.searchByName('silve', { limit: 50 });
    expect(page.items.map((c) => c.name).sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `${letters(3 * k + 2)} Silveira Sil`).sort(),
    );
    await expect(searchRepo.searchByName('silva', { limit: 5, cursor: 'e30' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
