import { CreateBucketCommand, PutObjectCommand, type StorageClass } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE, lifecycleConfiguration } from '../src/desired/lifecycle-rules.ts';
import { type LifecycleReport, lifecycleReport, noteText } from '../src/lifecycle/report.ts';
import { localClients, uniqueName } from './helpers.ts';

const { s3 } = localClients();
const DAY = 86_400_000;
const GB = 2 ** 30;
const KiB = 1024;
const MiB = 1024 * KiB;
// us-east-1, USD per GB-month
const STANDARD = 0.023;
const GLACIER = 0.0036;

const objects = {
  contract: { key: 'attachments/contrato.pdf', size: 1 * MiB },
  smallScan: { key: 'attachments/rg-pequeno.jpg', size: 10 * KiB },
  // Tagged cadastro-upload=pending: the pending rule filters on that tag, which a listing does not carry.
  pending: { key: 'attachments/cust-1/upload-1', size: 200 * KiB, tagging: 'cadastro-upload=pending' },
  backup: { key: 'backups/2026-08.json.gz', size: 5 * MiB },
  archivedBackup: { key: 'backups/2026-05.json.gz', size: 2 * MiB, storageClass: 'GLACIER' },
  note: { key: 'notes/readme.txt', size: 1 * KiB },
} as const;

describe('lifecycle report on a seeded moto bucket', () => {
  const bucket = uniqueName('report');
  let seededAt: number;
  let report: LifecycleReport;

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    seededAt = Date.now();
    for (const o of Object.values(objects)) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: o.key,
          Body: Buffer.alloc(o.size, 1),
          StorageClass: ('storageClass' in o ? o.storageClass : undefined) as StorageClass | undefined,
          Tagging: 'tagging' in o ? o.tagging : undefined,
        }),
      );
    }
    // 100 days on: past the 90-day transition, before the 365-day backup retention.
    report = await lifecycleReport({
      s3,
      bucket,
      region: 'us-east-1',
      lifecycle: lifecycleConfiguration(DEFAULT_LIFECYCLE),
      asOf: new Date(seededAt + 100 * DAY),
      pageSize: 2,
    });
  });

  it('reads the listing page by page', () => {
    expect(report.pages).toBe(3);
    expect(report.truncated).toBe(false);
    const all = Object.values(objects);
    expect(report.totals).toEqual({ objects: 6, bytes: all.reduce((n, o) => n + o.size, 0) });
  });

  it('groups objects by the rules’ prefixes, age band and storage class', () => {
    const group = (prefix: string, storageClass: string) =>
      report.groups.find((g) => g.prefix === prefix && g.storageClass === storageClass);
    expect(report.groups.every((g) => g.age === '90–180 d')).toBe(true);
    expect(group('attachments/', 'STANDARD')).toMatchObject({
      objects: 3,
      bytes: 1 * MiB + 10 * KiB + 200 * KiB,
    });
    expect(group('backups/', 'STANDARD')).toMatchObject({ objects: 1, bytes: 5 * MiB });
    expect(group('backups/', 'GLACIER')).toMatchObject({ objects: 1, bytes: 2 * MiB });
    expect(group('(other)', 'STANDARD')).toMatchObject({ objects: 1, bytes: 1 * KiB });
    expect(report.groups).toHaveLength(4);
  });

  it('says what the rules move and when, keeping the object under 128 KB in STANDARD', () => {
    // The pending upload's tag rule is not evaluated from a listing (a note says so): it counts as an attachment.
    expect(report.notes.some((n) => n.code === 'tag_rules_not_evaluated')).toBe(true);
    // The 365-day expiry: creation + 365 days, rounded up to the next midnight UTC.
    const expiryMonth = new Date(Math.floor((seededAt + 365 * DAY) / DAY) * DAY + DAY)
      .toISOString()
      .slice(0, 7);
    expect(report.schedule).toEqual([
      {
        when: 'due',
        action: 'transition',
        storageClass: 'GLACIER',
        objects: 3,
        bytes: 1 * MiB + 200 * KiB + 5 * MiB,
      },
      { when: expiryMonth, action: 'expire', objects: 2, bytes: 5 * MiB + 2 * MiB },
    ]);
    expect(report.smallObjectsKept).toEqual({ objects: 1, bytes: 10 * KiB });
  });

  it('prices the bucket as stored, without rules and with them, counting the archive overhead', () => {
    const standardNow = 1 * MiB + 10 * KiB + 200 * KiB + 5 * MiB + 1 * KiB;
    // One GLACIER object: its bytes plus 32 KB at the GLACIER rate, 8 KB at the STANDARD rate.
    const asStored = (standardNow * STANDARD + (2 * MiB + 32 * KiB) * GLACIER + 8 * KiB * STANDARD) / GB;
    const withoutRules = ((standardNow + 2 * MiB) * STANDARD) / GB;
    // The 1 MiB contract, the 200 KiB upload (its tag unseen) and the 5 MiB backup join the archived backup;
    // the small scan and the note stay in STANDARD.
    const withRules =
      ((10 * KiB + 1 * KiB) * STANDARD +
        (1 * MiB + 200 * KiB + 5 * MiB + 2 * MiB + 4 * 32 * KiB) * GLACIER +
        4 * 8 * KiB * STANDARD) /
      GB;
    expect(report.monthlyCostUsd.asStored).toBeCloseTo(asStored, 12);
    expect(report.monthlyCostUsd.withoutRules).toBeCloseTo(withoutRules, 12);
    expect(report.monthlyCostUsd.withRules).toBeCloseTo(withRules, 12);
    // The same figures in decimals (USD per month), worked out separately for a reader to check.
    expect(report.monthlyCostUsd.asStored).toBeCloseTo(0.00014671, 8);
    expect(report.monthlyCostUsd.withoutRules).toBeCloseTo(0.00018432, 8);
    expect(report.monthlyCostUsd.withRules).toBeCloseTo(0.00003019, 8);
    expect(report.unpriced).toEqual([]);
    expect(report.notes.some((n) => noteText(n).includes('under 128 KiB stay in STANDARD'))).toBe(true);
  });

  it('stops at maxObjects and says so; a cap equal to the count is not a truncation', async () => {
    const input = {
      s3,
      bucket,
      region: 'us-east-1',
      lifecycle: lifecycleConfiguration(DEFAULT_LIFECYCLE),
      pageSize: 2,
    };
    const capped = await lifecycleReport({ ...input, maxObjects: 3 });
    expect(capped.truncated).toBe(true);
    expect(capped.totals.objects).toBe(3);
    expect(capped.notes.some((n) => noteText(n).includes('Stopped after 3 objects'))).toBe(true);
    const exact = await lifecycleReport({ ...input, maxObjects: 6 });
    expect(exact.truncated).toBe(false);
    expect(exact.totals.objects).toBe(6);
  });
});
