import {
  customerSignInSchema,
  operatorSignInSchema,
  type SessionView,
  sessionViewSchema,
} from '@cadastro/contracts';
import { z } from 'zod';
import { endSession, invalidCredentials, startSession } from '../auth/sign-in.ts';
import { publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  /** A customer signs in with CPF or e-mail and password. */
  signIn: publicProcedure
    .input(customerSignInSchema)
    .output(sessionViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { kind, value } = input.login;
      const account = `customer:${kind}:${value}`;
      ctx.signInThrottle.check(account);
      const customer =
        kind === 'cpf' ? await ctx.customers.getByCpf(value) : await ctx.customers.getByEmail(value);
      if (!(await ctx.passwords.matches(input.password, customer)) || !customer) {
        ctx.signInThrottle.failed(account);
        throw invalidCredentials();
      }
      ctx.signInThrottle.succeeded(account);
      await startSession(ctx, 'customer', customer.customerId);
      ctx.log.info({ customerId: customer.customerId }, 'customer signed in');
      return { role: 'customer', customerId: customer.customerId, name: customer.name };
    }),

  /** An operator signs in to /admin. */
  operatorSignIn: publicProcedure
    .input(operatorSignInSchema)
    .output(sessionViewSchema)
    .mutation(async ({ ctx, input }) => {
      const account = `operator:${input.email}`;
      ctx.signInThrottle.check(account);
      const found = await ctx.operators.getByEmail(input.email);
      const operator = found?.status === 'active' ? found : null;
      if (!(await ctx.passwords.matches(input.password, operator)) || !operator) {
        ctx.signInThrottle.failed(account);
        throw invalidCredentials();
      }
      ctx.signInThrottle.succeeded(account);
      await startSession(ctx, 'operator', operator.operatorId);
      ctx.log.info({ operatorId: operator.operatorId }, 'operator signed in');
      return {
        role: 'operator',
        operatorId: operator.operatorId,
        name: operator.name,
        email: operator.email,
      };
    }),

  /** Ends the current session (customer or operator); harmless without one. */
  signOut: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await endSession(ctx);
    return { ok: true as const };
  }),

  /** Who the current session belongs to. */
  me: publicProcedure.output(sessionViewSchema).query(async ({ ctx }): Promise<SessionView> => {
    const { caller } = ctx;
    if (caller.role === 'customer') {
      const customer = await ctx.customers.getById(caller.customerId);
      if (customer) return { role: 'customer', customerId: customer.customerId, name: customer.name };
    }
    if (caller.role === 'operator') {
      const operator = await ctx.operators.getById(caller.operatorId);
      if (operator)
        return {
          role: 'operator',
          operatorId: operator.operatorId,
          name: operator.name,
          email: operator.email,
        };
    }
    if (caller.role === 'service') return { role: 'service', keyId: caller.keyId };
    return { role: 'anonymous' };
  }),
});
