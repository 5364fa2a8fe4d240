import { z } from 'zod';
import { ValidationMessage as M } from './errors.ts';
import { passwordAttemptSchema, passwordSchema } from './password.ts';

/**
 * What an operator may do in /admin. `admin`: operators, API keys, backups and restores, and everything support
 * and auditors do; `support`: read and correct customers, handle their documents; `auditor`: the access record
 * and the reports, no personal data beyond them.
 */
export const OPERATOR_ROLES = ['admin', 'support', 'auditor'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];
export const operatorRoleSchema = z.enum(OPERATOR_ROLES);

/** `invited`: the invitation link was not used yet; `disabled`: can no longer sign in. */
export const OPERATOR_STATUSES = ['invited', 'active', 'disabled'] as const;

const operatorEmailSchema = z
  .string({ error: M.required })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: M.emailInvalid }).max(254, { error: M.tooLong }));

export const operatorViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: operatorRoleSchema,
  status: z.enum(OPERATOR_STATUSES),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});
export type OperatorView = z.infer<typeof operatorViewSchema>;

export const inviteOperatorInputSchema = z.object({
  email: operatorEmailSchema,
  name: z.string({ error: M.required }).trim().min(1, { error: M.required }).max(120, { error: M.tooLong }),
  role: operatorRoleSchema,
});
export type InviteOperatorInput = z.input<typeof inviteOperatorInputSchema>;

export const operatorIdInputSchema = z.object({ id: z.string().min(1).max(64) });
export const setOperatorRoleInputSchema = operatorIdInputSchema.extend({ role: operatorRoleSchema });

/**
 * An invitation or a password reset: the operator and a path of the SPA holding the single-use token in its
 * fragment (`/admin/convite#…`), so the token never reaches a server log. Shown once.
 */
export const operatorLinkSchema = z.object({ operator: operatorViewSchema, link: z.string() });

export const acceptInvitationInputSchema = z.object({
  token: z.string().min(10).max(200),
  password: passwordSchema,
});

export const changePasswordInputSchema = z.object({
  currentPassword: passwordAttemptSchema,
  newPassword: passwordSchema,
});

/** A six-digit code from the authenticator app (RFC 6238, 30 s steps). */
export const totpCodeSchema = z.string({ error: M.required }).regex(/^\d{6}$/, { error: 'totp_invalid' });

/** To enrol an authenticator: the secret (base32) and the `otpauth://` URI a QR code carries. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), uri: z.string() });
