import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RegisterInput, registerInputSchema, TERMS_VERSION } from '../src/index.ts';

const valid: RegisterInput = {
  name: '  Maria   da Silva ',
  cpf: '529.982.247-25',
  email: 'Maria@Example.com',
  phone: '(11) 91234-5678',
  birthDate: '1990-05-17',
  address: {
    cep: '01310-100',
    street: 'Avenida Paulista',
    number: '1578',
    complement: '',
    district: 'Bela Vista',
    city: 'São Paulo',
    uf: 'SP',
  },
  consent: { termsVersion: TERMS_VERSION, accepted: true },
  password: 'uma senha longa 1',
};

function fieldErrors(input: unknown) {
  const result = registerInputSchema.safeParse(input);
  if (result.success) throw new Error('expected a validation error');
  return z.flattenError(result.error).fieldErrors;
}

describe('registerInputSchema', () => {
  it('normalises every field', () => {
    expect(registerInputSchema.parse(valid)).toEqual({
      name: 'Maria da Silva',
      password: 'uma senha longa 1',
      cpf: '52998224725',
      email: 'maria@example.com',
      phone: '+5511912345678',
      birthDate: '1990-05-17',
      address: {
        cep: '01310100',
        street: 'Avenida Paulista',
        number: '1578',
        complement: undefined,
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: 'SP',
      },
      consent: { termsVersion: TERMS_VERSION, accepted: true },
    });
  });

  it('names each bad field with a stable reason', () => {
    expect(fieldErrors({ ...valid, cpf: '111.111.111-11', email: 'nope', name: 'Maria' })).toEqual({
      cpf: ['cpf_invalid'],
      email: ['email_invalid'],
      name: ['name_full_required'],
    });
  });

  it('requires consent to the current terms', () => {
    const { error } = registerInputSchema.safeParse({
      ...valid,
      consent: { termsVersion: '2000-01', accepted: false },
    });
    expect(error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['consent.termsVersion', 'terms_outdated'],
      ['consent.accepted', 'consent_required'],
    ]);
  });

  it('refuses minors, impossible dates and bad addresses', () => {
    const nextYear = new Date().getUTCFullYear() - 10;
    expect(fieldErrors({ ...valid, birthDate: `${nextYear}-01-01` }).birthDate).toEqual(['underage']);
    expect(fieldErrors({ ...valid, birthDate: '1990-02-30' }).birthDate).toEqual(['date_invalid']);
    const { error } = registerInputSchema.safeParse({
      ...valid,
      address: { ...valid.address, cep: '123', uf: 'XX' },
    });
    expect(error?.issues.map((i) => i.path.join('.'))).toEqual(['address.cep', 'address.uf']);
  });

  it('reports missing fields as required', () => {
    expect(fieldErrors({}).name).toEqual(['required']);
  });
});
