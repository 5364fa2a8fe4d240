import { ErrorReason } from '@cadastro/contracts';
import type { Context } from '../context.ts';
import { AppError, errorForLog } from '../errors.ts';
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

/**
 * After a successful sign-in, when the password is known: a hash of an older scheme or cost (scrypt before
 * Argon2id) is replaced by today's. Best effort: a busy hashing queue or a failed write leaves the old hash, which
 * still verifies, for the next sign-in.
 */
export async function upgradePasswordHash(
  ctx: Context,
  account: { kind: 'customer' | 'operator'; id: string; passwordHash: string },
  password: string,
) {
  if (!ctx.passwords.needsRehash(account.passwordHash)) return;
  try {
    const next = await ctx.passwords.hash(password);
    const repository = account.kind === 'customer' ? ctx.customers : ctx.operators;
    await repository.upgradePasswordHash(account.id, account.passwordHash, next);
  } catch (error) {
    ctx.log.warn({ err: errorForLog(error) }, 'password hash not upgraded');
  }
}
