import { describe, expect, it } from 'vitest';
import {
  archiveClassOf,
  type HeadFields,
  objectStateOf,
  parseRestoreHeader,
  restoreReadyBy,
  restoreTakesDays,
  restoreTiersOf,
} from '../src/index.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('storage state from HeadObject', () => {
  it('reads archived, restoring and restored from the storage class and x-amz-restore', () => {
    expect(objectStateOf({}, now)).toEqual({ state: 'stored', storageClass: 'STANDARD', archiveClass: null });
    expect(objectStateOf({ StorageClass: 'GLACIER_IR' }, now)).toEqual({
      state: 'stored',
      storageClass: 'GLACIER_IR',
      archiveClass: null,
    });
    expect(objectStateOf({ StorageClass: 'GLACIER' }, now).state).toBe('archived');
    expect(
      objectStateOf({ StorageClass: 'DEEP_ARCHIVE', Restore: 'ongoing-request="true"' }, now).state,
    ).toBe('restoring');
    expect(
      objectStateOf(
        {
          StorageClass: 'GLACIER',
          Restore: 'ongoing-request="false", expiry-date="Fri, 27 Nov 2026 00:00:00 GMT"',
        },
        now,
      ),
    ).toEqual({
      state: 'restored',
      storageClass: 'GLACIER',
      archiveClass: 'GLACIER',
      restoredUntil: '2026-11-27T00:00:00.000Z',
    });
    // A restored copy past its expiry is archived again.
    expect(
      objectStateOf(
        {
          StorageClass: 'GLACIER',
          Restore: 'ongoing-request="false", expiry-date="Fri, 20 Nov 2026 00:00:00 GMT"',
        },
        now,
      ).state,
    ).toBe('archived');
    expect(
      archiveClassOf({ StorageClass: 'INTELLIGENT_TIERING', ArchiveStatus: 'DEEP_ARCHIVE_ACCESS' }),
    ).toBe('DEEP_ARCHIVE_ACCESS');
    expect(archiveClassOf({ StorageClass: 'INTELLIGENT_TIERING' })).toBeNull();
    expect(parseRestoreHeader(undefined)).toBeNull();
  });

  it('treats every archive class alike: GLACIER, DEEP_ARCHIVE and Intelligent-Tiering archive tiers', () => {
    const heads: HeadFields[] = [
      { StorageClass: 'GLACIER' },
      { StorageClass: 'DEEP_ARCHIVE' },
      { StorageClass: 'INTELLIGENT_TIERING', ArchiveStatus: 'ARCHIVE_ACCESS' },
      { StorageClass: 'INTELLIGENT_TIERING', ArchiveStatus: 'DEEP_ARCHIVE_ACCESS' },
    ];
    for (const head of heads) {
      expect(objectStateOf(head, now).state, JSON.stringify(head)).toBe('archived');
      expect(objectStateOf({ ...head, Restore: 'ongoing-request="true"' }, now).state).toBe('restoring');
    }
    expect(objectStateOf({ StorageClass: 'INTELLIGENT_TIERING' }, now).state).toBe('stored');
    expect(restoreTiersOf('DEEP_ARCHIVE')).toEqual(['Standard', 'Bulk']);
    expect(restoreTiersOf('ARCHIVE_ACCESS')).toEqual(['Expedited', 'Standard', 'Bulk']);
    expect(restoreTiersOf('GLACIER_IR')).toEqual([]);
    expect(restoreTakesDays('GLACIER')).toBe(true);
    expect(restoreTakesDays('DEEP_ARCHIVE_ACCESS')).toBe(false);
    expect(restoreReadyBy('DEEP_ARCHIVE', 'Bulk', now)).toBe('2026-11-27T12:00:00.000Z');
  });
});
