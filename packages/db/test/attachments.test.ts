import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AttachmentRepository,
  AttachmentStateChangedError,
  createAttachmentRepository,
  createDbService,
  createEventLog,
  ensureTable,
} from '../src/index.ts';
import { localDynamoDb } from './local-dynamodb.ts';

const { client, table } = localDynamoDb('attachments');
const db = createDbService({ table, client });
let repo: AttachmentRepository;
const actor = { role: 'customer' as const, id: 'c1' };
/**
 * Test clocks start a year ahead: an item whose `expiresAt` lies in the past may be deleted by DynamoDB Local's
 * TTL at any moment, which would make these tests flaky.
 */
const base = Date.now() + 365 * 86_400_000;
const at = (minutes: number) => new Date(base + minutes * 60_000);

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
    const now = at(0);
    const pending = await newPending(customerId, now);
    expect(pending.s3Key).toBe(`attachments/${customerId}/${pending.attachmentId}`);
    expect(pending.expiresAt).toBe(Math.floor(now.getTime() / 1000) + 900);
    expect((await repo.list(customerId, { limit: 10 })).items).toEqual([]);

    const stored = await repo.markStored(pending, { sha256: 'abc', etag: '"e"' }, actor, at(1));
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
    // Marking it stored again with the same verification is a no-op (a resent transaction); with another, a conflict.
    expect((await repo.markStored(pending, { sha256: 'abc', etag: '"e"' }, actor)).state).toBe('stored');
    await expect(repo.markStored(pending, { sha256: 'def', etag: '"f"' }, actor)).rejects.toBeInstanceOf(
      AttachmentStateChangedError,
    );
    expect(await repo.deletePending(pending)).toBe(false);
    const events = await createEventLog(db).list(customerId, { limit: 10 });
    expect(events.items.map((e) => e.type)).toEqual(['attachment_confirmed']);
  });

  it('finds pending items older than a cutoff with a Query on the state index', async () => {
    const customerId = randomUUID();
    const old = await newPending(customerId, at(0));
    const recent = await newPending(customerId, at(120));
    const { items } = await repo.pendingSince(at(60), { limit: 100 });
    const ids = items.map((i) => i.attachmentId);
    expect(ids).toContain(old.attachmentId);
    expect(ids).not.toContain(recent.attachmentId);
    expect(await repo.deletePending(old)).toBe(true);
    expect(await repo.get(customerId, old.attachmentId)).toBeNull();
  });
});
