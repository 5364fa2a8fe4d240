import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE,
  lifecycleConfiguration,
  lifecycleProblems,
} from '../src/desired/lifecycle-rules.ts';
import { billedBytes, monthlyCost } from '../src/lifecycle/cost.ts';
import { classAt, lifecycleDate, objectFate } from '../src/lifecycle/object-fate.ts';
import { pricesFor } from '../src/lifecycle/prices.ts';

const KiB = 1024;
const object = (
  key: string,
  size: number,
  lastModified = '2027-01-15T10:30:00Z',
  storageClass = 'STANDARD',
) => ({
  key,
  size,
  lastModified: new Date(lastModified),
  storageClass,
});

describe('lifecycle dates', () => {
  it('add the days to the creation time and round up to the next midnight UTC, as S3 documents', () => {
    // S3's own example: created 15 January 10:30 UTC, 3 days → acted on 19 January 00:00 UTC.
    expect(lifecycleDate(new Date('2014-01-15T10:30:00Z'), 3).toISOString()).toBe('2014-01-19T00:00:00.000Z');
  });
});

describe('what the rules do to an object', () => {
  const rules = lifecycleConfiguration(DEFAULT_LIFECYCLE);

  it('moves attachments and backups to GLACIER after 90 days, expires backups after 365', () => {
    const fate = objectFate(object('backups/b.json.gz', 5 * 1024 * KiB), rules);
    expect(fate.transitions).toEqual([
      { at: new Date('2027-04-16T00:00:00Z'), storageClass: 'GLACIER', rule: 'backups-archive-and-expire' },
    ]);
    expect(fate.expiration?.at).toEqual(new Date('2028-01-16T00:00:00Z'));
  });

  it('lets an upload tagged pending expire instead of archiving it, and archives it once retagged stored', () => {
    const pending = { ...object('attachments/c-1/a-1', 500 * KiB), tags: { 'cadastro-upload': 'pending' } };
    const fate = objectFate(pending, rules);
    expect(fate.transitions).toEqual([]);
    expect(fate.expiration?.rule).toBe('pending-uploads-expire');
    expect(classAt(pending, fate, new Date('2027-01-17T00:00:00Z'))).toBeNull();

    const stored = { ...pending, tags: { 'cadastro-upload': 'stored' } };
    expect(objectFate(stored, rules).expiration).toBeUndefined();
    expect(objectFate(stored, rules).transitions.map((t) => t.rule)).toEqual(['attachments-archive']);
    // From a listing (tags unknown) the tag rule never matches.
    expect(objectFate(object('attachments/c-1/a-1', 500 * KiB), rules).expiration).toBeUndefined();
  });

  it('keeps objects under 128 KB in STANDARD, unless told to move them (never to GLACIER_IR)', () => {
    const small = object('attachments/a.jpg', 127 * KiB);
    expect(objectFate(small, rules)).toMatchObject({ transitions: [], keptSmall: true });
    expect(objectFate(object('attachments/b.jpg', 128 * KiB), rules)).toMatchObject({ keptSmall: false });
    const moveSmall = lifecycleConfiguration({ ...DEFAULT_LIFECYCLE, smallObjects: 'transition' });
    expect(objectFate(small, moveSmall).transitions).toHaveLength(1);
    const instant = lifecycleConfiguration({
      ...DEFAULT_LIFECYCLE,
      smallObjects: 'transition',
      archiveStorageClass: 'GLACIER_IR',
    });
    expect(objectFate(small, instant)).toMatchObject({ transitions: [], keptSmall: true });
  });

  it('never moves an object to a warmer class', () => {
    const archived = object('attachments/c.pdf', 1024 * KiB, '2026-01-01T00:00:00Z', 'DEEP_ARCHIVE');
    expect(objectFate(archived, rules).transitions).toEqual([]);
  });
});

describe('storage cost per object', () => {
  it('counts 40 KB more for GLACIER and DEEP_ARCHIVE, split 32 KB archive / 8 KB STANDARD', () => {
    expect(billedBytes(100, 'GLACIER')).toEqual([
      ['GLACIER', 100 + 32 * KiB],
      ['STANDARD', 8 * KiB],
    ]);
    expect(billedBytes(100, 'DEEP_ARCHIVE')[1]).toEqual(['STANDARD', 8 * KiB]);
  });

  it('bills GLACIER_IR objects as at least 128 KB', () => {
    expect(billedBytes(1, 'GLACIER_IR')).toEqual([['GLACIER_IR', 128 * KiB]]);
    expect(monthlyCost(2 ** 30, 'GLACIER_IR', pricesFor('us-east-1'))).toBeCloseTo(0.004, 10);
  });

  it('has no price for a class outside the table', () => {
    expect(monthlyCost(1, 'ONEZONE_IA', pricesFor('us-east-1'))).toBeUndefined();
  });

  it('marks every sa-east-1 figure, and any region without a table, as an estimate', () => {
    expect(Object.values(pricesFor('sa-east-1').perGbMonth).every((p) => p?.estimate)).toBe(true);
    expect(pricesFor('us-east-1').perGbMonth.GLACIER).toEqual({ usd: 0.0036 });
    expect(pricesFor('eu-west-1').perGbMonth.STANDARD?.estimate).toContain('eu-west-1');
  });
});

describe('settings checks', () => {
  it('refuses what S3 would refuse and warns about early-deletion charges', () => {
    expect(lifecycleProblems(DEFAULT_LIFECYCLE)).toEqual({ errors: [], warnings: [] });
    expect(lifecycleProblems({ ...DEFAULT_LIFECYCLE, backupRetentionDays: 90 }).errors[0]).toContain(
      'backupRetentionDays',
    );
    const deep = lifecycleProblems({
      ...DEFAULT_LIFECYCLE,
      archiveStorageClass: 'DEEP_ARCHIVE',
      backupRetentionDays: 200,
    });
    expect(deep.warnings.join()).toContain('180-day minimum');
  });
});
