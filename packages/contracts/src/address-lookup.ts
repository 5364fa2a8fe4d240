import { z } from 'zod';
import { UFS } from './cep.ts';
import { cepSchema } from './customer.ts';

export const cepLookupInputSchema = z.object({ cep: cepSchema });

/** What the address lookup by CEP answers: nothing when the CEP is unknown, or the lookup off, slow or failing. */
export const cepLookupResultSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(false) }),
  z.object({
    found: z.literal(true),
    address: z.object({ street: z.string(), district: z.string(), city: z.string(), uf: z.enum(UFS) }),
  }),
]);
export type CepLookupResult = z.infer<typeof cepLookupResultSchema>;
