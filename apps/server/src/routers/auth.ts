import {
  customerSignInSchema,
  ErrorReason,
  operatorSignInSchema,
  type SessionView,
  sessionViewSchema,
} from '@cadastro/contracts';
import type { OperatorItem } from '@cadastro/db';
import { z } from 'zod';
import { endSession, invalidCredentials, startSession } from '../auth/sign-in.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
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

  /**
   * An operator signs in to /admin: e-mail and password, then, once an authenticator is enrolled, its code
   * (`TOTP_REQUIRED` when missing, `TOTP_INVALID` when wrong or already used).
   */
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
      if (operator.totpEnabledAt) {
        if (!input.totp) throw new AppError('UNAUTHORIZED', ErrorReason.TOTP_REQUIRED, 'Enter the code');
        if (!(await ctx.operatorAccounts.checkSignInCode(operator, input.totp))) {
          ctx.signInThrottle.failed(account); // guessing codes counts like guessing passwords
          throw new AppError('UNAUTHORIZED', ErrorReason.TOTP_INVALID, 'Wrong or expired code');
        }
      }
      ctx.signInThrottle.succeeded(account);
      await startSession(ctx, 'operator', operator.operatorId);
      ctx.log.info({ operatorId: operator.operatorId }, 'operator signed in');
      return operatorSessionView(ctx, operator);
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
      if (operator) return operatorSessionView(ctx, operator);
    }
    if (caller.role === 'service')
      return { role: 'service', keyId: caller.keyId, scopes: [...caller.scopes] };
    return { role: 'anonymous' };
  }),
});

function operatorSessionView(ctx: Context, operator: OperatorItem): SessionView {
  return {
    role: 'operator',
    operatorId: operator.operatorId,
    name: operator.name,
    email: operator.email,
    operatorRole: operator.role,
    pending: ctx.operatorAccounts.pendingOf(operator),
    totpEnabled: Boolean(operator.totpEnabledAt),
  };
}
