import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyBackup,
  BackupError,
  backupPrefix,
  createBackupRecords,
  EXCLUDED_ENTITIES,
  type Manifest,
  runBackup,
  verifyBackup,
} from '../src/index.ts';
import { allItems, freshEnvironment, seedCustomers, type TestEnvironment } from './fixtures.ts';

let env: TestEnvironment;
let manifest: Manifest;

beforeAll(async () => {
  env = await freshEnvironment();
  await seedCustomers(env, 30);
  const result = await runBackup(env, {
    trigger: 'api',
    requestedBy: 'operator:test',
    partSize: 5 * 1024 * 1024,
  });
  manifest = result.manifest;
});

describe('backup → restore round trip', () => {
  it('writes gzip NDJSON per entity and a manifest with counts, sizes and SHA-256 of every part', async () => {
    expect(manifest.counts).toEqual({
      attachment: 30,
      customer: 30,
      event: 30,
      nameWord: 90,
      uniqueness: 60,
    });
    expect(manifest.totalItems).toBe(240);
    expect(manifest.parts.map((p) => p.name)).toEqual([
      'attachment.00001.ndjson.gz',
      'customer.00001.ndjson.gz',
      'event.00001.ndjson.gz',
      'nameWord.00001.ndjson.gz',
      'uniqueness.00001.ndjson.gz',
    ]);
    for (const part of manifest.parts) {
      expect(part.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(part.bytes).toBeGreaterThan(0);
    }
    expect(backupPrefix(manifest.backupId)).toMatch(
      new RegExp(`^backups/\\d{4}/\\d{2}/\\d{2}/${manifest.backupId}/$`),
    );
    const record = await createBackupRecords(env.db).get(manifest.backupId);
    expect(record).toMatchObject({ state: 'completed', items: 240, bytes: manifest.totalBytes });
  });

  it('verifies a sound backup', async () => {
    const report = await verifyBackup(env, manifest.backupId);
    expect(report.ok).toBe(true);
    expect(report.parts.every((p) => p.ok && p.actual?.items === p.expected.items)).toBe(true);
  });

  it('restores into a new table with every item equal', async () => {
    const report = await applyBackup(env, { backupId: manifest.backupId });
    expect(report).toMatchObject({ createdTable: true, countsMatch: true, skippedErased: {} });
    expect(report.targetTable).toBe(`${env.table}-restore-${manifest.backupId}`);

    const original = (await allItems(env, env.table)).filter(
      (i) => !EXCLUDED_ENTITIES.has(i.__edb_e__?.S ?? ''),
    );
    const restored = await allItems(env, report.targetTable);
    expect(restored).toHaveLength(240);
    expect(restored).toEqual(original);
  });

  it('is idempotent: applying again into the same table changes nothing', async () => {
    const target = `${env.table}-restore-${manifest.backupId}`;
    const before = await allItems(env, target);
    const again = await applyBackup(env, {
      backupId: manifest.backupId,
      targetTable: target,
      allowNonEmpty: true,
    });
    expect(again.countsMatch).toBe(true);
    expect(await allItems(env, target)).toEqual(before);
  });

  it('refuses to write into a non-empty table without the explicit flag', async () => {
    const error = await applyBackup(env, { backupId: manifest.backupId, targetTable: env.table }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect(error.code).toBe('TARGET_NOT_EMPTY');
  });

  it('fails verify naming the part when one byte of it changed, and apply refuses it', async () => {
    const corrupted = await freshEnvironment();
    await seedCustomers(corrupted, 5);
    const { manifest: m } = await runBackup(corrupted, { trigger: 'cli' });
    const victim = m.parts.find((p) => p.entity === 'customer')!;
    const key = `${backupPrefix(m.backupId)}${victim.name}`;
    const object = await corrupted.s3.send(new GetObjectCommand({ Bucket: corrupted.bucket, Key: key }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await corrupted.s3.send(new PutObjectCommand({ Bucket: corrupted.bucket, Key: key, Body: bytes }));

    const report = await verifyBackup(corrupted, m.backupId);
    expect(report.ok).toBe(false);
    expect(report.parts.filter((p) => !p.ok).map((p) => p.name)).toEqual([victim.name]);
    expect(report.parts.find((p) => p.name === victim.name)!.problems.join(' ')).toMatch(
      /SHA-256 differs|cannot be read/,
    );

    const refused = await applyBackup(corrupted, { backupId: m.backupId }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'CORRUPT' });
    expect(refused.details.failedParts[0].name).toBe(victim.name);
  });
});
