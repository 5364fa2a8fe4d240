import { describe, expect, it } from 'vitest';
import {
  addressSchema,
  birthDateSchema,
  CEP_RANGES,
  cepMatchesUf,
  formatDateInput,
  UFS,
} from '../src/index.ts';

const address = { street: 'Rua A', number: '1', district: 'Centro', city: 'Cidade' };

describe('CEP against the state', () => {
  it('has ranges for every state, none overlapping', () => {
    expect(Object.keys(CEP_RANGES).sort()).toEqual([...UFS].sort());
    const all = Object.values(CEP_RANGES)
      .flat()
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < all.length; i++) expect(all[i]![0]).toBeGreaterThan(all[i - 1]![1]);
  });

  it.each([
    ['01310-100', 'SP'],
    ['20040-002', 'RJ'],
    ['70040-010', 'DF'],
    ['69301-000', 'RR'],
    ['69005-000', 'AM'],
    ['74000-000', 'GO'],
    ['90010-000', 'RS'],
  ] as const)('%s is in %s', (cep, uf) => {
    expect(cepMatchesUf(cep, uf)).toBe(true);
    expect(addressSchema.safeParse({ ...address, cep, uf }).success).toBe(true);
  });

  it('leaves a malformed CEP or state to their own errors', () => {
    const badCep = addressSchema.safeParse({ ...address, cep: 'abc', uf: 'SP' });
    expect(badCep.error?.issues.map((i) => i.message)).toEqual(['cep_invalid']);
    const badUf = addressSchema.safeParse({ ...address, cep: '01310-100', uf: 'XX' });
    expect(badUf.error?.issues.map((i) => i.message)).toEqual(['uf_invalid']);
  });

  it('refuses a CEP of another state, on the CEP field', () => {
    const result = addressSchema.safeParse({ ...address, cep: '01310-100', uf: 'RJ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['cep'], message: 'cep_uf_mismatch' });
  });
});

describe('birth date as typed in Brazil', () => {
  it('reads dd/mm/aaaa and ISO alike', () => {
    expect(birthDateSchema.parse('17/05/1990')).toBe('1990-05-17');
    expect(birthDateSchema.parse('1990-05-17')).toBe('1990-05-17');
  });

  it.each(['31/02/1990', '29/02/1991', '00/05/1990', '17/13/1990', '17/05', 'ontem'])(
    'says %j is no date',
    (v) => {
      const result = birthDateSchema.safeParse(v);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('date_invalid');
    },
  );

  it('accepts 29 February of a leap year', () => {
    expect(birthDateSchema.parse('29/02/1992')).toBe('1992-02-29');
  });

  it('masks while typing', () => {
    expect(formatDateInput('1')).toBe('1');
    expect(formatDateInput('1705')).toBe('17/05');
    expect(formatDateInput('17051990')).toBe('17/05/1990');
    expect(formatDateInput('17/05/19901')).toBe('17/05/1990');
  });
});
