import { restoreReadyBy } from '@cadastro/storage';
import { describe, expect, it } from 'vitest';
import { restoreTiersFor } from '../src/attachments/archive.ts';
import { attachmentDisposition, encodeRfc5987 } from '../src/attachments/content-disposition.ts';

const customer = { role: 'customer', customerId: 'c' } as const;
const operator = { role: 'operator', operatorId: 'o', operatorRole: 'admin', pending: null } as const;
const now = new Date('2026-11-25T12:00:00Z');

describe('restore policy', () => {
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
