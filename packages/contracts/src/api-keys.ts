import { z } from 'zod';
import { ValidationMessage as M } from './errors.ts';
import { plainText } from './text.ts';

export const createApiKeyInputSchema = z.object({
  name: z
    .string({ error: M.required })
    .trim()
    .min(1, { error: M.required })
    .max(100, { error: M.tooLong })
    .refine(...plainText),
});

export const apiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** The secret is in `key` only in this answer: it is stored hashed and can never be shown again. */
export const createdApiKeySchema = z.object({ apiKey: apiKeyViewSchema, key: z.string() });

export const apiKeyIdSchema = z.object({ id: z.string().min(1).max(64) });
