import {
  CONFLICT_FIELD,
  customerIdSchema,
  ErrorReason,
  pageInputSchema,
  registerInputSchema,
} from '@cadastro/contracts';
import { InvalidCursorError, UniqueValueTakenError } from '@cadastro/db';
import { z } from 'zod';
import { toCustomerView } from '../customers/present.ts';
import { AppError } from '../errors.ts';
import { publicProcedure, router, serviceProcedure } from '../trpc.ts';

const reasonOf = { cpf: ErrorReason.CPF_TAKEN, email: ErrorReason.EMAIL_TAKEN } as const;

export const customersRouter = router({
  /** A customer registers: the record and its CPF and e-mail guards are written in one transaction. */
  register: publicProcedure
    .input(registerInputSchema)
    .output(z.object({ id: z.string(), createdAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      try {
        const customer = await ctx.customers.register(input);
        ctx.log.info({ customerId: customer.customerId }, 'customer registered');
        return { id: customer.customerId, createdAt: customer.createdAt };
      } catch (error) {
        if (!(error instanceof UniqueValueTakenError)) throw error;
        const reasons = error.kinds.map((k) => reasonOf[k]);
        throw new AppError('CONFLICT', reasons[0]!, 'Already registered', {
          conflicts: reasons.map((reason) => ({ reason, field: CONFLICT_FIELD[reason] })),
        });
      }
    }),

  get: serviceProcedure.input(customerIdSchema).query(async ({ ctx, input }) => {
    const customer = await ctx.customers.getById(input.id);
    if (!customer) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Customer not found');
    return toCustomerView(customer);
  }),

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  list: serviceProcedure.input(pageInputSchema).query(async ({ ctx, input }) => {
    try {
      const page = await ctx.customers.listNewest(input);
      return { items: page.items.map(toCustomerView), nextCursor: page.nextCursor };
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new AppError('BAD_REQUEST', ErrorReason.INVALID_CURSOR, 'Invalid cursor');
      }
      throw error;
    }
  }),
});
