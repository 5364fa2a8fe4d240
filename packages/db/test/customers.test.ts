import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { registerInputSchema, TERMS_VERSION } from '@cadastro/contracts';
import { cpfFrom } from '@cadastro/contracts/testing';
import type {} from '@cadastro/local-aws/vitest-setup';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type CustomerRepository,
  createCustomerRepository,
  createDbService,
  createEventLog,
  type DbService,
  ensureTable,
  InvalidCursorError,
  tableDefinition,
  UniqueValueTakenError,
} from '../src/index.ts';

const aws = inject('localAws');
const client = new DynamoDBClient({
  region: aws.region,
  endpoint: aws.dynamodbEndpoint,
  credentials: aws.credentials,
});
const table = `customers-${randomUUID()}`;
let repo: CustomerRepository;
let db: DbService;

/** `0` → `Aa`, `1` → `Ab`…: names must be letters only. */
function letters(n: number): string {
  return `${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(97 + (n % 26))}`;
}

function registration(n: number, overrides: Record<string, unknown> = {}) {
  return registerInputSchema.parse({
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
    ...overrides,
  });
}

beforeAll(async () => {
  await ensureTable(client, table);
  db = createDbService({ table, client });
  repo = createCustomerRepository(db, {
    blindIndexSecret: 'test-secret-0123456789abcdef',
  });
});

describe('table definition', () => {
  it('is derived from the entities: primary keys, gsi1, on-demand', () => {
    const def = tableDefinition('x');
    expect(def.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(
      def.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.KeySchema?.map((k) => k.AttributeName)]),
    ).toEqual([['gsi1', ['gsi1pk', 'gsi1sk']]]);
    expect(def.BillingMode).toBe('PAY_PER_REQUEST');
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
      ['registered', 'customer', ['name', 'cpf', 'email', 'phone', 'birthDate', 'address', 'consent']],
    ]);
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
    for (let i = 0; i < 7; i++) await listRepo.register(registration(i), new Date(Date.UTC(2026, 0, 1 + i)));
  });

  it('pages through every customer, newest first, with no repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listRepo.listNewest({ limit: 3, cursor });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Cliente ${letters(i)}`));
    expect(pages).toBe(3);
  });

  it('rejects a forged cursor', async () => {
    await expect(listRepo.listNewest({ limit: 3, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
