import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { serverFormErrors } from '../src/features/registration/server-errors.ts';

/** A client error as `@trpc/client` builds it from the server's error body. */
function apiError(data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message: 'x', code: -32600, data } });
}

describe('server errors on the registration form', () => {
  it('puts each uniqueness conflict on its field', () => {
    const error = apiError({
      code: 'CONFLICT',
      reason: 'CPF_TAKEN',
      conflicts: [
        { reason: 'CPF_TAKEN', field: 'cpf' },
        { reason: 'EMAIL_TAKEN', field: 'email' },
      ],
    });
    expect(serverFormErrors(error)).toEqual({
      fields: [
        { field: 'cpf', message: 'CPF_TAKEN' },
        { field: 'email', message: 'EMAIL_TAKEN' },
      ],
      form: null,
    });
  });

  it('puts invalid fields on their dotted path and the rest on the form', () => {
    const error = apiError({
      code: 'BAD_REQUEST',
      reason: 'VALIDATION',
      fieldErrors: { 'address.cep': ['cep_invalid'], 'consent.termsVersion': ['terms_outdated'] },
    });
    expect(serverFormErrors(error)).toEqual({
      fields: [{ field: 'address.cep', message: 'cep_invalid' }],
      form: 'terms_outdated',
    });
  });

  it('falls back to the reason, or to a generic message when nothing came back', () => {
    expect(serverFormErrors(apiError({ code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' }))).toEqual({
      fields: [],
      form: 'RATE_LIMITED',
    });
    expect(serverFormErrors(new TypeError('Failed to fetch'))).toEqual({ fields: [], form: 'unexpected' });
  });
});
