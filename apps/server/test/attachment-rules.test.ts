import { describe, expect, it } from 'vitest';
import {
  archiveClassOf,
  observeStorage,
  parseRestoreHeader,
  restoreReadyBy,
  restoreTiersFor,
} from '../src/attachments/archive.ts';
import { attachmentDisposition, encodeRfc5987 } from '../src/attachments/content-disposition.ts';

const customer = { role: 'customer', customerId: 'c' } as const;
const operator = { role: 'operator', operatorId: 'o', operatorRole: 'admin', pending: null } as const;
const now = new Date('2026-11-25T12:00:00Z');

describe('storage state from HeadObject', () => {
  it('reads archived, restoring and restored from the storage class and x-amz-restore', () => {
    expect(observeStorage({}, now)).toEqual({ state: 'stored', storageClass: 'STANDARD' });
    expect(observeStorage({ StorageClass: 'GLACIER_IR' }, now)).toEqual({
      state: 'stored',
      storageClass: 'GLACIER_IR',
    });
    expect(observeStorage({ StorageClass: 'GLACIER' }, now).state).toBe('archived');
    expect(
      observeStorage({ StorageClass: 'DEEP_ARCHIVE', Restore: 'ongoing-request="true"' }, now).state,
    ).toBe('restoring');
    expect(
      observeStorage(
        {
          StorageClass: 'GLACIER',
          Restore: 'ongoing-request="false", expiry-date="Fri, 27 Nov 2026 00:00:00 GMT"',
        },
        now,
      ),
    ).toEqual({ state: 'restored', storageClass: 'GLACIER', restoreExpiresAt: '2026-11-27T00:00:00.000Z' });
    // A restored copy past its expiry is archived again.
    expect(
      observeStorage(
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

  it('offers the tiers the class allows, Expedited to staff only, and promises the slowest time of the tier', () => {
    expect(restoreTiersFor('GLACIER', operator)).toEqual(['Expedited', 'Standard', 'Bulk']);
    expect(restoreTiersFor('DEEP_ARCHIVE', operator)).toEqual(['Standard', 'Bulk']);
    expect(restoreTiersFor('GLACIER', customer)).toEqual(['Standard', 'Bulk']);
    expect(restoreTiersFor('STANDARD', operator)).toEqual([]);
    expect(restoreTiersFor(undefined, operator)).toEqual([]);
    expect(restoreReadyBy('DEEP_ARCHIVE', 'Bulk', now)).toBe('2026-11-27T12:00:00.000Z');
    expect(restoreReadyBy('GLACIER', 'Expedited', now)).toBe('2026-11-25T12:05:00.000Z');
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(attachmentDisposition('RG.pdf')).toBe(`attachment; filename="RG.pdf"; filename*=UTF-8''RG.pdf`);
    expect(attachmentDisposition('Declaração "final" (1)*.pdf')).toBe(
      `attachment; filename="Declaracao _final_ (1)*.pdf"; filename*=UTF-8''Declara%C3%A7%C3%A3o%20%22final%22%20%281%29%2A.pdf`,
    );
    expect(attachmentDisposition('文件.png')).toBe(
      `attachment; filename="__.png"; filename*=UTF-8''%E6%96%87%E4%BB%B6.png`,
    );
    expect(encodeRfc5987("it's")).toBe('it%27s');
  });
});
