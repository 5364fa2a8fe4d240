import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  applyBackup,
  type BackupProgress,
  backupPrefix,
  objectStatus,
  requestArchiveRestore,
  runBackup,
  startBackup,
  verifyBackup,
} from '../src/index.ts';
import { allItems, dbFor, freshEnvironment, seedCustomers } from './fixtures.ts';

describe('erased customers', () => {
  it('are not brought back by a restore of a backup taken before their erasure (LGPD Art. 16)', async () => {
    const env = await freshEnvironment();
    const [erased, kept] = await seedCustomers(env, 4);
    const { backupId } = await runBackup(env, { trigger: 'api' });

    // The account-deletion feature writes this tombstone when it erases a customer.
    await env.db.entities.erasure
      .create({ customerId: erased!, erasedAt: new Date().toISOString(), requestedBy: 'customer' })
      .go();

    const report = await applyBackup(env, { backupId });
    // Customer, its event, its attachment, its name words and both uniqueness guards (CPF, e-mail) are left out.
    expect(report.skippedErased).toEqual({
      attachment: 1,
      customer: 1,
      event: 1,
      nameWord: 3,
      uniqueness: 2,
    });
    expect(report.countsMatch).toBe(true);

    const restored = await allItems(env, report.targetTable);
    const ofErased = restored.filter((i) => i.customerId?.S === erased && i.__edb_e__?.S !== 'erasure');
    expect(ofErased).toEqual([]);
    expect(restored.filter((i) => i.customerId?.S === kept).length).toBe(8);

    const target = dbFor(env, report.targetTable);
    expect((await target.entities.customer.get({ customerId: erased! }).go()).data).toBeNull();
    // The tombstone travels with the restored table, so a later restore from it still skips this customer.
    expect((await target.entities.erasure.query.all({}).go()).data.map((t) => t.customerId)).toEqual([
      erased,
    ]);
  });

  it('keeps the `erased` event of an erasure that happened before the backup, and nothing else of that customer', async () => {
    const env = await freshEnvironment();
    const [erased] = await seedCustomers(env, 2);
    // What the account deletion does: empty the partition and the guards, then tombstone + `erased` event.
    const partition = (await allItems(env, env.table)).filter((i) => i.customerId?.S === erased);
    for (const item of partition) {
      await env.dynamodb.send(
        new DeleteItemCommand({ TableName: env.table, Key: { pk: item.pk!, sk: item.sk! } }),
      );
    }
    const at = new Date().toISOString();
    await env.db.transaction
      .write(({ erasure, event }) => [
        erasure.put({ customerId: erased!, erasedAt: at, requestedBy: 'operator' }).commit(),
        event
          .create({ customerId: erased!, eventId: 'e-erased', at, type: 'erased', actorRole: 'operator' })
          .commit(),
      ])
      .go();
    const { backupId } = await runBackup(env, { trigger: 'api' });

    const report = await applyBackup(env, { backupId });
    expect(report.skippedErased).toEqual({});
    const restored = (await allItems(env, report.targetTable)).filter((i) => i.customerId?.S === erased);
    expect(restored.map((i) => `${i.__edb_e__?.S}:${i.type?.S ?? ''}`).sort()).toEqual([
      'erasure:',
      'event:erased',
    ]);
  });
});

describe('progress', () => {
  it('arrives in order and ends with the final counts', async () => {
    const env = await freshEnvironment();
    await seedCustomers(env, 12);
    const run = await startBackup(env, { trigger: 'api', pageSize: 4, segments: 2, progressIntervalMs: 0 });
    const events: BackupProgress[] = [];
    for await (const event of run.progress.subscribe()) events.push(event);
    const { manifest } = await run.done;

    expect(events[0]).toMatchObject({ phase: 'started', items: 0, backupId: run.backupId });
    expect(events.length).toBeGreaterThan(3);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.seq).toBe(events[i - 1]!.seq + 1);
      expect(events[i]!.items).toBeGreaterThanOrEqual(events[i - 1]!.items);
    }
    expect(events.slice(1, -1).every((e) => e.phase === 'running')).toBe(true);
    expect(events.at(-1)).toMatchObject({
      phase: 'completed',
      items: 96,
      bytes: manifest.totalBytes,
      counts: manifest.counts,
      manifestKey: `${backupPrefix(run.backupId)}manifest.json`,
    });
  });
});

describe('archived backups', () => {
  it('fail restore with ARCHIVED until their objects are restored from Glacier', async () => {
    const env = await freshEnvironment();
    await seedCustomers(env, 2);
    const { backupId, manifest } = await runBackup(env, { trigger: 'api' });
    const prefix = backupPrefix(backupId);
    const partKeys = manifest.parts.map((p) => `${prefix}${p.name}`);
    // What the 90-day lifecycle rule does to the parts.
    for (const key of partKeys) {
      await env.s3.send(
        new CopyObjectCommand({
          Bucket: env.bucket,
          Key: key,
          CopySource: `${env.bucket}/${key}`,
          StorageClass: 'GLACIER',
          MetadataDirective: 'COPY',
        }),
      );
    }
    expect(await objectStatus(env.s3, env.bucket, partKeys[0]!)).toMatchObject({
      storageClass: 'GLACIER',
      availability: 'archived',
    });
    const refused = await verifyBackup(env, backupId).catch((e) => e);
    expect(refused).toMatchObject({ code: 'ARCHIVED' });
    expect(refused.details.archivedKeys).toEqual(partKeys);
    await expect(applyBackup(env, { backupId })).rejects.toMatchObject({ code: 'ARCHIVED' });

    const requested = await requestArchiveRestore(env.s3, env.bucket, partKeys, {
      days: 2,
      tier: 'Standard',
    });
    expect(requested.requested).toEqual(partKeys);
    const status = await objectStatus(env.s3, env.bucket, partKeys[0]!);
    expect(['restoring', 'restored']).toContain(status.availability);
    if (status.availability === 'restored') expect((await verifyBackup(env, backupId)).ok).toBe(true);
  });
});
