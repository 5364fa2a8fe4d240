import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { registerInputSchema, TERMS_VERSION } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { createCustomerRepository, createDbService, type DbService, ensureTable } from '@cadastro/db';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';
import type { Item } from '../src/layout.ts';
import { parallelScan } from '../src/scan.ts';

export function awsClients() {
  const aws = inject('localAws');
  const common = { region: aws.region, credentials: aws.credentials };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: aws.dynamodbEndpoint }),
    s3: new S3Client({
      ...common,
      endpoint: aws.s3Endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
  };
}

/** A table and a bucket of the test's own on the package's DynamoDB Local and moto. */
export async function freshEnvironment() {
  const { dynamodb, s3 } = awsClients();
  const table = `backup-test-${randomUUID()}`;
  const bucket = `backup-test-${randomUUID()}`;
  await Promise.all([ensureTable(dynamodb, table), s3.send(new CreateBucketCommand({ Bucket: bucket }))]);
  const db = createDbService({ table, client: dynamodb });
  return { dynamodb, s3, table, bucket, db };
}
export type TestEnvironment = Awaited<ReturnType<typeof freshEnvironment>>;

/**
 * Registers `customers` customers through the real repository (customer, CPF and e-mail guards, `registered`
 * event, one `nameWord` per word of "Maria da Silva": seven items) and gives each an attachment-like metadata item in its partition, as the attachments feature stores them.
 */
export async function seedCustomers(env: TestEnvironment, customers: number): Promise<string[]> {
  const repo = createCustomerRepository(env.db, {
    blindIndexSecret: 'test-secret-0123456789abcdef0123456789',
  });
  const ids: string[] = [];
  for (let i = 0; i < customers; i++) {
    const { password: _, ...data } = registerInputSchema.parse({
      ...newRegistration(),
      consent: { termsVersion: TERMS_VERSION, accepted: true },
    });
    // Its value does not matter to backups; the server hashes real passwords with scrypt.
    const registered = await repo.register({ ...data, passwordHash: 'scrypt$test' });
    ids.push(registered.customerId);
  }
  const attachments: Item[] = ids.map((customerId) => attachmentItem(customerId));
  for (let i = 0; i < attachments.length; i += 25) {
    await env.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: { [env.table]: attachments.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  return ids;
}

export function attachmentItem(customerId: string): Item {
  const attachmentId = randomUUID();
  return {
    pk: { S: `$cadastro#customerid_${customerId}` },
    sk: { S: `$account#attachment_1#attachmentid_${attachmentId}` },
    __edb_e__: { S: 'attachment' },
    __edb_v__: { S: '1' },
    customerId: { S: customerId },
    attachmentId: { S: attachmentId },
    kind: { S: 'identity' },
    fileName: { S: 'rg-frente.jpg' },
    contentType: { S: 'image/jpeg' },
    size: { N: '284113' },
    sha256: { S: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    tags: { SS: ['frente', 'rg'] },
    thumbnail: { B: new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]) },
    state: { S: 'stored' },
  };
}

/** Every item of a table, in key order, for comparisons. */
export async function allItems(env: { dynamodb: DynamoDBClient }, table: string): Promise<Item[]> {
  const items: Item[] = [];
  await parallelScan({
    client: env.dynamodb,
    table,
    segments: 2,
    onPage: (page) => void items.push(...page),
  });
  const key = (i: Item) => `${i.pk?.S}\u0000${i.sk?.S}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}

export function dbFor(env: TestEnvironment, table: string): DbService {
  return createDbService({ table, client: env.dynamodb });
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-11-25T03:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
