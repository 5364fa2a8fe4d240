import {
  accountLinkSchema,
  customerSignInSchema,
  ErrorReason,
  operatorSignInSchema,
  requestPasswordResetSchema,
  resetPasswordSchema,
  type SessionView,
  sessionViewSchema,
} from '@cadastro/contracts';
import type { OperatorItem } from '@cadastro/db';
import { z } from 'zod';
import { endSession, invalidCredentials, startSession } from '../auth/sign-in.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { sendAccountLink, sendAccountMail } from '../mail/account-mail.ts';
import { customerProcedure, publicProcedure } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });
const tokenInvalid = () =>
  new AppError('BAD_REQUEST', ErrorReason.TOKEN_INVALID, 'The link is unknown, used already or expired');

export const authProcedures = {
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

  /**
   * "Esqueci minha senha": e-mails a single-use link when the CPF or e-mail belongs to an account. The answer is
   * the same either way, and the link goes out after it, so neither the answer nor its timing tells who exists.
   */
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const { kind, value } = input.login;
      const customer =
        kind === 'cpf' ? await ctx.customers.getByCpf(value) : await ctx.customers.getByEmail(value);
      if (customer) {
        void sendAccountLink(ctx, customer.customerId, customer.email, 'password_reset').catch(
          (error: Error) => ctx.log.error({ err: { type: error.name } }, 'password reset link not issued'),
        );
        ctx.log.info({ customerId: customer.customerId }, 'password reset requested');
      }
      return { ok: true as const };
    }),

  /**
   * Sets a new password with a recovery link's token (used up here). Every session of the customer ends; this
   * browser is signed in afresh, and a notice goes to the account's address.
   */
  resetPassword: publicProcedure
    .input(resetPasswordSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const used = await ctx.accountTokens.consume(input.customerId, 'password_reset', input.token);
      const customer = used && (await ctx.customers.getById(used.customerId));
      if (!customer) throw tokenInvalid();
      const actor = { role: 'customer' as const, id: customer.customerId };
      await ctx.customers.setPassword(customer.customerId, await ctx.passwords.hash(input.password), actor);
      await ctx.sessions.revokeAllOf('customer', customer.customerId);
      await startSession(ctx, 'customer', customer.customerId);
      await sendAccountMail(ctx, customer.email, { kind: 'password_changed' });
      ctx.log.info({ customerId: customer.customerId }, 'password reset');
      return { ok: true as const };
    }),

  /** Confirms an address with the token e-mailed to it; it works signed in or not. */
  confirmEmail: publicProcedure
    .input(accountLinkSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const used = await ctx.accountTokens.consume(input.customerId, 'email_confirmation', input.token);
      if (!used?.email || !(await ctx.customers.confirmEmail(used.customerId, used.email)))
        throw tokenInvalid();
      ctx.log.info({ customerId: used.customerId }, 'e-mail confirmed');
      return { ok: true as const };
    }),

  /** A new confirmation link to the signed-in customer's current address. */
  resendEmailConfirmation: customerProcedure.output(ok).mutation(async ({ ctx }) => {
    const customer = await ctx.customers.getById(ctx.caller.customerId);
    if (!customer) throw invalidCredentials();
    await sendAccountLink(ctx, customer.customerId, customer.email, 'email_confirmation');
    return { ok: true as const };
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
};

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
