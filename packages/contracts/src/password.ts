import { z } from 'zod';
import { ValidationMessage as M } from './errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './limits.ts';

/**
 * Length over composition (NIST SP 800-63B): at least PASSWORD_MIN characters, with a letter and something else
 * (a digit or a symbol), and not one character repeated. Never trimmed: what the person typed is the password.
 */
export const passwordSchema = z
  .string({ error: M.required })
  .min(PASSWORD_MIN, { error: M.passwordTooShort })
  .max(PASSWORD_MAX, { error: M.tooLong })
  .refine((v) => /\p{L}/u.test(v) && /[^\p{L}]/u.test(v), { error: M.passwordWeak })
  .refine((v) => !/^(.)\1*$/u.test(v), { error: M.passwordWeak });

/** What sign-in accepts: any non-empty string, so a weak old password never gets a different error than a wrong one. */
export const passwordAttemptSchema = z
  .string({ error: M.required })
  .min(1, { error: M.required })
  .max(PASSWORD_MAX, { error: M.tooLong });
