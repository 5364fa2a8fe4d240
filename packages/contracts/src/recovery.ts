import { z } from 'zod';
import { loginSchema } from './auth.ts';
import { passwordSchema } from './password.ts';

/** "Esqueci minha senha": the CPF or e-mail of the account. The answer is the same whether it exists or not. */
export const requestPasswordResetSchema = z.object({ login: loginSchema });
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetSchema>;

/**
 * What an e-mailed link carries, after `#` so it never reaches a server log: `<customerId>.<token>`. The SPA
 * sends both in a request body.
 */
export const accountLinkSchema = z.object({
  customerId: z.string().min(1).max(64),
  token: z
    .string()
    .min(32)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export type AccountLink = z.infer<typeof accountLinkSchema>;

/** Reads `<customerId>.<token>` from a link's fragment; null when it is not one. */
export function parseAccountLink(fragment: string): AccountLink | null {
  const [customerId, token, ...rest] = fragment.replace(/^#/, '').split('.');
  const parsed = accountLinkSchema.safeParse({ customerId, token });
  return parsed.success && rest.length === 0 ? parsed.data : null;
}

export const resetPasswordSchema = accountLinkSchema.extend({ password: passwordSchema });
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
