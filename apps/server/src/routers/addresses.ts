import { cepLookupInputSchema, cepLookupResultSchema } from '@cadastro/contracts';
import { publicProcedure } from '../trpc.ts';

export const addressesProcedures = {
  /** The street, district, city and state of a CEP, when the lookup is configured and answers in time. */
  lookupCep: publicProcedure
    .input(cepLookupInputSchema)
    .output(cepLookupResultSchema)
    .query(async ({ ctx, input }) => (ctx.cepLookup ? ctx.cepLookup(input.cep) : { found: false as const })),
};
