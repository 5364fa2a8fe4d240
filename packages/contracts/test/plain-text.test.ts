import { describe, expect, it } from 'vitest';
import {
  addressSchema,
  attachmentFileNameSchema,
  createApiKeyInputSchema,
  customerSearchInputSchema,
  isPlainText,
  nameSchema,
} from '../src/index.ts';

const UNSAFE = {
  escape: 'Rua \u001b[31mA',
  nul: 'Rua\u0000A',
  'bidi override': 'Rua \u202eA',
  'bidi isolate': 'Rua \u2066A',
  'line break': 'Rua A\nRua B',
  'carriage return': 'Rua A\rB',
  tab: 'Rua\tA',
  'C1 control': 'Rua \u0085A',
  'lone high surrogate': 'Rua \ud800A',
  'lone low surrogate': 'Rua \udc00A',
};

describe('plain text', () => {
  it.each(Object.entries(UNSAFE))('refuses %s', (_, value) => {
    expect(isPlainText(value)).toBe(false);
  });

  it('accepts what people write: accents, apostrophes, emoji (paired surrogates), ordinal signs', () => {
    for (const value of ['Rua São João, 12º', "D'Ávila", 'Apto 3 – bloco B 🏠', 'Ação']) {
      expect(isPlainText(value), value).toBe(true);
    }
  });

  const address = {
    cep: '01001-000',
    street: 'Praça da Sé',
    number: '1',
    district: 'Sé',
    city: 'São Paulo',
    uf: 'SP',
  };
  const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
    result.success ? [] : result.error!.issues.map((i) => i.message);

  it.each(Object.entries(UNSAFE))('every free-text field refuses %s with text_invalid_chars', (_, bad) => {
    for (const field of ['street', 'number', 'complement', 'district', 'city'] as const) {
      expect(messages(addressSchema.safeParse({ ...address, [field]: bad })), field).toContain(
        'text_invalid_chars',
      );
    }
    expect(messages(nameSchema.safeParse(`Maria ${bad} Silva`))).toContain('text_invalid_chars');
    expect(messages(createApiKeyInputSchema.safeParse({ name: bad }))).toContain('text_invalid_chars');
    expect(messages(attachmentFileNameSchema.safeParse(`${bad}.pdf`))).toContain('text_invalid_chars');
    expect(messages(customerSearchInputSchema.safeParse({ by: 'name', query: `Maria ${bad}` }))).toContain(
      'text_invalid_chars',
    );
  });
});
