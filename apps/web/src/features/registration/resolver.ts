import {
  type RegisterData,
  type RegisterInput,
  registerInputSchema,
  ValidationMessage,
} from '@cadastro/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { type FieldError, get, type Resolver } from 'react-hook-form';
import { REGISTRATION_FIELDS } from './fields.ts';

// The very schema the server checks with: the form can never accept what the API rejects, or the reverse.
const schemaResolver = zodResolver(registerInputSchema);

/**
 * The shared schema, plus one courtesy: a text field left empty says "fill in this field" rather than a
 * format error such as "invalid CPF", which would suggest the customer typed something wrong.
 */
export const registrationResolver: Resolver<RegisterInput, unknown, RegisterData> = async (
  values,
  context,
  options,
) => {
  const result = await schemaResolver(values, context, options);
  for (const field of REGISTRATION_FIELDS) {
    const error = get(result.errors, field) as FieldError | undefined;
    const value: unknown = get(values, field);
    if (error && typeof value === 'string' && value.trim() === '' && field !== 'address.uf') {
      error.type = 'required';
      error.message = ValidationMessage.required;
    }
  }
  return result;
};
