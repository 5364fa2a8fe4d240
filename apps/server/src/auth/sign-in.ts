import { ErrorReason } from '@cadastro/contracts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import type { SessionRecord } from '../sessions/store.ts';

/** One answer for an unknown account and a wrong password, so sign-in never tells which accounts exist. */
export const invalidCredentials = () =>
  new AppError('UNAUTHORIZED', ErrorReason.INVALID_CREDENTIALS, 'Wrong login or password');

/**
 * Starts a new session and puts its token in the cookie. A session the request came with is revoked first: the
 * id changes at every sign-in, so a token planted before sign-in (session fixation) is worth nothing after it.
 */
export async function startSession(ctx: Context, role: SessionRecord['role'], subjectId: string) {
  if (ctx.sessionCookie.token) await ctx.sessions.revoke(ctx.sessionCookie.token);
  const { token } = await ctx.sessions.start(role, subjectId);
  ctx.sessionCookie.set(token, ctx.sessions.settings.absoluteMs);
}

export async function endSession(ctx: Context) {
  if (ctx.sessionCookie.token) await ctx.sessions.revoke(ctx.sessionCookie.token);
  ctx.sessionCookie.clear();
}
