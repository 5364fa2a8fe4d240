import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type {} from '@cadastro/local-aws/vitest-setup';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type AttachmentRepository,
  AttachmentStateChangedError,
  createAttachmentRepository,
  createDbService,
  createEventLog,
  ensureTable,
} from '../src/index.ts';

const aws = inject('localAws');
const client = new DynamoDBClient({
  region: aws.region,
  endpoint: aws.dynamodbEndpoint,
  credentials: aws.credentials,
});
const table = `attachments-${randomUUID()}`;
const db = createDbService({ table, client });
let repo: AttachmentRepository;
const actor = { role: 'customer' as const, id: 'c1' };

beforeAll(async () => {
  await ensureTable(client, table);
  repo = createAttachmentRepository(db);
});

const newPending = (customerId: string, now: Date) =>
  repo.createPending(
    {
      customerId,
      kind: 'identity',
      fileName: 'rg.pdf',
      contentType: 'application/pdf',
      size: 10,
      pendingLifetimeSeconds: 900,
    },
    now,
  );

describe('attachment repository', () => {
  it('keeps a pending item with a TTL, and drops the TTL when it is confirmed', async () => {
    const customerId = randomUUID();
    const now = new Date('2026-01-01T10:00:00Z');
    const pending = await newPending(customerId, now);
    expect(pending.s3Key).toBe(`attachments/${customerId}/${pending.attachmentId}`);
    expect(pending.expiresAt).toBe(now.getTime() / 1000 + 900);
    expect((await repo.list(customerId, { limit: 10 })).items).toEqual([]);

    const stored = await repo.markStored(
      pending,
      { sha256: 'abc', etag: '"e"' },
      actor,
      new Date('2026-01-01T10:01:00Z'),
    );
    expect(stored.state).toBe('stored');
    const raw = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: {
          pk: { S: `$cadastro#customerid_${customerId}` },
          sk: { S: `$account#attachment_1#attachmentid_${pending.attachmentId}` },
        },
      }),
    );
    expect(raw.Item?.state?.S).toBe('stored');
    expect(raw.Item?.expiresAt).toBeUndefined();
    expect((await repo.list(customerId, { limit: 10 })).items.map((a) => a.attachmentId)).toEqual([
      pending.attachmentId,
    ]);
    await expect(repo.markStored(pending, { sha256: 'abc', etag: '"e"' }, actor)).rejects.toBeInstanceOf(
      AttachmentStateChangedError,
    );
    expect(await repo.deletePending(pending)).toBe(false);
    const events = await createEventLog(db).list(customerId, { limit: 10 });
    expect(events.items.map((e) => e.type)).toEqual(['attachment_confirmed']);
  });

  it('finds pending items older than a cutoff with a Query on the state index', async () => {
    const customerId = randomUUID();
    const old = await newPending(customerId, new Date('2020-01-01T00:00:00Z'));
    const recent = await newPending(customerId, new Date('2020-01-01T02:00:00Z'));
    const { items } = await repo.pendingSince(new Date('2020-01-01T01:00:00Z'), { limit: 100 });
    const ids = items.map((i) => i.attachmentId);
    expect(ids).toContain(old.attachmentId);
    expect(ids).not.toContain(recent.attachmentId);
    expect(await repo.deletePending(old)).toBe(true);
    expect(await repo.get(customerId, old.attachmentId)).toBeNull();
  });
});
