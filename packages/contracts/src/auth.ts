import { z } from 'zod';
import { apiKeyScopeSchema } from './api-keys.ts';
import { isValidCpf, normalizeCpf } from './cpf.ts';
import { ValidationMessage as M } from './errors.ts';
import { EMAIL_MAX } from './limits.ts';
import { operatorRoleSchema, totpCodeSchema } from './operators.ts';
import { passwordAttemptSchema } from './password.ts';

/** A CPF (with or without punctuation) or an e-mail: which one is decided by the presence of `@`. */
export const loginSchema = z
  .string({ error: M.required })
  .trim()
  .min(1, { error: M.required })
  .max(EMAIL_MAX, { error: M.tooLong })
  .transform((v, ctx) => {
    if (v.includes('@')) return { kind: 'email' as const, value: v.toLowerCase() };
    const cpf = normalizeCpf(v);
    if (!isValidCpf(cpf)) {
      ctx.addIssue({ code: 'custom', message: M.loginInvalid });
      return z.NEVER;
    }
    return { kind: 'cpf' as const, value: cpf };
  });

export const customerSignInSchema = z.object({ login: loginSchema, password: passwordAttemptSchema });
export type CustomerSignInInput = z.input<typeof customerSignInSchema>;

export const operatorSignInSchema = z.object({
  email: z
    .string({ error: M.required })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: M.emailInvalid })),
  password: passwordAttemptSchema,
  /** The authenticator's code, once the operator enrolled one (`TOTP_REQUIRED` asks for it). */
  totp: totpCodeSchema.optional(),
});
export type OperatorSignInInput = z.input<typeof operatorSignInSchema>;

/** Who the current session belongs to. */
export const sessionViewSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('anonymous') }),
  z.object({ role: z.literal('customer'), customerId: z.string(), name: z.string() }),
  z.object({
    role: z.literal('operator'),
    operatorId: z.string(),
    name: z.string(),
    email: z.string(),
    operatorRole: operatorRoleSchema,
    /** What must happen before anything else in /admin: a new password, or an authenticator (admins). */
    pending: z.enum(['password', 'totp']).nullable(),
    totpEnabled: z.boolean(),
  }),
  z.object({ role: z.literal('service'), keyId: z.string(), scopes: z.array(apiKeyScopeSchema) }),
]);
export type SessionView = z.infer<typeof sessionViewSchema>;
