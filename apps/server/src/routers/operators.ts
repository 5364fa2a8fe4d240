import {
  acceptInvitationInputSchema,
  changePasswordInputSchema,
  inviteOperatorInputSchema,
  operatorIdInputSchema,
  operatorLinkSchema,
  operatorViewSchema,
  setOperatorRoleInputSchema,
  totpCodeSchema,
  totpEnrolmentSchema,
} from '@cadastro/contracts';
import type { OperatorItem } from '@cadastro/db';
import { z } from 'zod';
import { startSession } from '../auth/sign-in.ts';
import { adminProcedure, ownAccountProcedure, publicProcedure } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });

const toOperatorView = (o: OperatorItem) => ({
  id: o.operatorId,
  email: o.email,
  name: o.name,
  role: o.role,
  status: o.status,
  totpEnabled: Boolean(o.totpEnabledAt),
  createdAt: o.createdAt,
});

/** The company's team in /admin: admins manage it; every operator manages their own password and authenticator. */
export const operatorsProcedures = {
  list: adminProcedure.output(z.array(operatorViewSchema)).query(async ({ ctx }) => {
    return (await ctx.operators.list()).map(toOperatorView);
  }),

  /** Creates the account and answers a single-use link (shown once) for the new operator to choose a password. */
  invite: adminProcedure
    .input(inviteOperatorInputSchema)
    .output(operatorLinkSchema)
    .mutation(async ({ ctx, input }) => {
      const { operator, link } = await ctx.operatorAccounts.invite(input);
      ctx.log.info(
        { operatorId: operator.operatorId, role: input.role, by: ctx.caller.operatorId },
        'operator invited',
      );
      return { operator: toOperatorView(operator), link };
    }),

  /** A new single-use link to choose a password; the old password and the operator's sessions stop at once. */
  resetPassword: adminProcedure
    .input(operatorIdInputSchema)
    .output(operatorLinkSchema)
    .mutation(async ({ ctx, input }) => {
      const { operator, link } = await ctx.operatorAccounts.resetPassword(input.id);
      ctx.log.info({ operatorId: input.id, by: ctx.caller.operatorId }, 'operator password reset');
      return { operator: toOperatorView(operator), link };
    }),

  disable: adminProcedure
    .input(operatorIdInputSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.operatorAccounts.setStatus(input.id, 'disabled');
      ctx.log.info({ operatorId: input.id, by: ctx.caller.operatorId }, 'operator disabled');
      return { ok: true as const };
    }),

  enable: adminProcedure
    .input(operatorIdInputSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.operatorAccounts.setStatus(input.id, 'active');
      return { ok: true as const };
    }),

  setRole: adminProcedure
    .input(setOperatorRoleInputSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.operatorAccounts.setRole(input.id, input.role);
      ctx.log.info(
        { operatorId: input.id, role: input.role, by: ctx.caller.operatorId },
        'operator role changed',
      );
      return { ok: true as const };
    }),

  /** The invited (or reset) operator chooses a password through the link, and is signed in. */
  acceptInvitation: publicProcedure
    .input(acceptInvitationInputSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const operator = await ctx.operatorAccounts.acceptLink(input.token, input.password);
      await startSession(ctx, 'operator', operator.operatorId);
      ctx.log.info({ operatorId: operator.operatorId }, 'operator link used');
      return { ok: true as const };
    }),

  changePassword: ownAccountProcedure
    .input(changePasswordInputSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.operatorAccounts.changePassword(
        ctx.caller.operatorId,
        input.currentPassword,
        input.newPassword,
      );
      return { ok: true as const };
    }),

  /** Starts enrolling an authenticator app: its secret and URI, in force once `confirmTotp` gets a right code. */
  beginTotp: ownAccountProcedure.output(totpEnrolmentSchema).mutation(({ ctx }) => {
    return ctx.operatorAccounts.beginTotp(ctx.caller.operatorId);
  }),

  confirmTotp: ownAccountProcedure
    .input(z.object({ code: totpCodeSchema }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.operatorAccounts.confirmTotp(ctx.caller.operatorId, input.code);
      ctx.log.info({ operatorId: ctx.caller.operatorId }, 'operator enrolled an authenticator');
      return { ok: true as const };
    }),
};
