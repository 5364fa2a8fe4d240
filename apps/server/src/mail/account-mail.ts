import { EMAIL_CONFIRMATION_TTL_HOURS, PASSWORD_RESET_TTL_MINUTES } from '@cadastro/contracts';
import type { AccountTokenPurpose } from '@cadastro/db';
import type { Context } from '../context.ts';
import { type AccountMail, composeAccountMail } from './messages.ts';

type MailContext = Pick<Context, 'mail' | 'accountTokens' | 'log'>;

/** Where each link opens in the SPA; the fragment (`#<customerId>.<token>`) never reaches a server. */
const LINK_PATH: Record<AccountTokenPurpose, string> = {
  password_reset: '/redefinir-senha',
  email_confirmation: '/confirmar-email',
};

/**
 * Sends one account e-mail. A failure to send is logged (its type only: no address) and does not fail the
 * request that caused it: the customer can ask again.
 */
export async function sendAccountMail(ctx: MailContext, to: string, mail: AccountMail): Promise<void> {
  try {
    await ctx.mail.mailer.send({ to, ...composeAccountMail(mail) });
  } catch (error) {
    ctx.log.error({ err: { type: (error as Error).name }, mail: mail.kind }, 'e-mail not sent');
  }
}

/** Issues a single-use link of `purpose` and e-mails it. */
export async function sendAccountLink(
  ctx: MailContext,
  customerId: string,
  to: string,
  purpose: AccountTokenPurpose,
): Promise<void> {
  const ttlSeconds =
    purpose === 'password_reset' ? PASSWORD_RESET_TTL_MINUTES * 60 : EMAIL_CONFIRMATION_TTL_HOURS * 3600;
  const token = await ctx.accountTokens.issue(customerId, purpose, {
    ttlSeconds,
    email: purpose === 'email_confirmation' ? to : undefined,
  });
  const link = `${ctx.mail.appUrl}${LINK_PATH[purpose]}#${customerId}.${token}`;
  await sendAccountMail(ctx, to, { kind: purpose, link });
}
