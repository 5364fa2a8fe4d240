import { describe, expect, it } from 'vitest';
import {
  customerSearchInputSchema,
  customerSignInSchema,
  ValidationMessage as M,
  passwordSchema,
  searchableName,
} from '../src/index.ts';

const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.message);

describe('passwordSchema', () => {
  it.each([
    ['curta1', M.passwordTooShort],
    ['somenteletras', M.passwordWeak],
    ['1234567890123', M.passwordWeak],
    ['aaaaaaaaaaaa', M.passwordWeak],
  ])('refuses %s', (password, message) => {
    expect(messages(passwordSchema.safeParse(password))).toContain(message);
  });

  it('accepts a long passphrase and keeps it as typed', () => {
    expect(passwordSchema.parse(' café com pão 2 ')).toBe(' café com pão 2 ');
  });
});

describe('customerSignInSchema', () => {
  it('tells a CPF from an e-mail', () => {
    expect(customerSignInSchema.parse({ login: '529.982.247-25', password: 'x' }).login).toEqual({
      kind: 'cpf',
      value: '52998224725',
    });
    expect(customerSignInSchema.parse({ login: ' Ana@Example.COM ', password: 'x' }).login).toEqual({
      kind: 'email',
      value: 'ana@example.com',
    });
    expect(messages(customerSignInSchema.safeParse({ login: '123', password: 'x' }))).toContain(
      M.loginInvalid,
    );
  });
});

describe('name search', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(searchableName('  José  da SILVA-Ávila ')).toBe('jose da silva avila');
    expect(customerSearchInputSchema.parse({ by: 'name', query: 'JOSÉ' })).toMatchObject({
      by: 'name',
      query: 'jose',
      limit: 20,
    });
  });
});
