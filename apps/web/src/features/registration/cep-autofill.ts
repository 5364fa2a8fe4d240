import type { RegisterInput } from '@cadastro/contracts';
import type { UseFormGetValues, UseFormSetValue } from 'react-hook-form';
import type { createApiClient } from '../../trpc.ts';

const FILLED = ['street', 'district', 'city', 'uf'] as const;

/**
 * Fills the address fields the customer has not typed yet from the CEP (`addresses.lookupCep`, off unless the
 * server has a lookup configured). Loaded only once a whole CEP is typed; a failure changes nothing.
 */
export async function fillAddressFromCep(
  client: ReturnType<typeof createApiClient>,
  cep: string,
  form: { getValues: UseFormGetValues<RegisterInput>; setValue: UseFormSetValue<RegisterInput> },
): Promise<void> {
  const result = await client.addresses.lookupCep.query({ cep });
  if (!result.found) return;
  for (const field of FILLED) {
    const value = result.address[field];
    if (value && !form.getValues(`address.${field}`)) form.setValue(`address.${field}`, value);
  }
}
