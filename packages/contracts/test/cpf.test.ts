import { describe, expect, it } from 'vitest';
import { formatCpf, isValidCpf, normalizeCpf } from '../src/index.ts';

describe('CPF', () => {
  it.each([
    ['52998224725', 'bare digits'],
    ['529.982.247-25', 'formatted'],
    [' 529.982.247-25 ', 'surrounding spaces'],
    ['01234567890', 'leading zero'],
    ['012.345.678-90', 'leading zero, formatted'],
  ])('accepts %s (%s)', (cpf) => {
    expect(isValidCpf(cpf.trim())).toBe(true);
  });

  it.each([
    ['52998224724', 'wrong second check digit'],
    ['52998224735', 'wrong first check digit'],
    ['11111111111', 'all equal'],
    ['00000000000', 'all zeros'],
    ['5299822472', 'too short'],
    ['529982247250', 'too long'],
    ['5299822472a', 'letter'],
    ['abc.def.ghi-jk', 'letters only'],
    ['', 'empty'],
  ])('rejects %s (%s)', (cpf) => {
    expect(isValidCpf(cpf)).toBe(false);
  });

  it('normalises to 11 digits and keeps leading zeros', () => {
    expect(normalizeCpf('012.345.678-90')).toBe('01234567890');
  });

  it('formats full and partial values', () => {
    expect(formatCpf('01234567890')).toBe('012.345.678-90');
    expect(formatCpf('0123')).toBe('012.3');
    expect(formatCpf('012345678')).toBe('012.345.678');
    expect(formatCpf('0123456789')).toBe('012.345.678-9');
  });
});
