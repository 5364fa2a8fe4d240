import { describe, expect, it } from 'vitest';
import { protocolOf } from '../src/index.ts';

describe('protocolOf', () => {
  it('is short, readable and the same for the same id', () => {
    const id = '019ad7c2-6f1e-7a4b-9c3d-2e8f1a6b5c4d';
    expect(protocolOf(id)).toMatch(/^CAD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(protocolOf(id)).toBe(protocolOf(id));
  });

  it('differs between ids, even ids a millisecond apart', () => {
    const ids = Array.from(
      { length: 2000 },
      (_, i) => `019ad7c2-6f1e-7a4b-9c3d-${String(i).padStart(12, '0')}`,
    );
    expect(new Set(ids.map(protocolOf)).size).toBe(ids.length);
  });
});
