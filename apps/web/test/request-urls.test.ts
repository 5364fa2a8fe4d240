import { describe, expect, it } from 'vitest';
import { personalDataIn } from './request-urls.ts';

// The check every browser test runs on its request URLs: it must catch what it is for.
describe('personal data in a URL', () => {
  it('finds a CPF with or without punctuation, and an e-mail, also percent-encoded', () => {
    const input = (query: string) =>
      `http://127.0.0.1/trpc/customers.search?input=${encodeURIComponent(JSON.stringify({ by: 'cpf', query }))}`;
    expect(personalDataIn(input('529.982.247-25'))).toEqual(['a CPF (529.982.247-25)']);
    expect(personalDataIn(input('52998224725'))).toEqual(['a CPF (52998224725)']);
    expect(personalDataIn('http://127.0.0.1/x?email=maria%40example.com')).toEqual(['an e-mail address']);
  });

  it('leaves alone what holds none: ids, numbers that are no CPF, the app’s pages', () => {
    expect(personalDataIn('http://127.0.0.1/admin/clientes/019ab8f0-0000-7000-8000-00000000abcd')).toEqual(
      [],
    );
    expect(personalDataIn('http://127.0.0.1/x?n=12345678900')).toEqual([]);
    expect(personalDataIn('http://127.0.0.1/trpc/customers.search,auth.me?batch=1')).toEqual([]);
  });
});
