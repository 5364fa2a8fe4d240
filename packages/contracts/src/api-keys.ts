import { z } from 'zod';
import { ValidationMessage as M } from './errors.ts';

/**
 * What a service's API key may do, chosen when the key is created. A procedure open to services names the one
 * scope it needs; a procedure that names none is closed to every key (document changes, restores, operators).
 */
export const API_KEY_SCOPES = [
  /** Read a customer by id, list customers, read their documents' metadata and download links. */
  'customers:read',
  /** Find one customer by exact CPF or e-mail (`customers.lookup`). */
  'customers:lookup',
  /** List backups and follow their progress. */
  'backups:read',
  /** Start a backup. */
  'backups:run',
  /** The storage lifecycle report. */
  'reports:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);

/** A key's longest validity; a key without `validDays` never expires (it can always be revoked). */
export const API_KEY_MAX_VALID_DAYS = 730;

export const createApiKeyInputSchema = z.object({
  name: z.string({ error: M.required }).trim().min(1, { error: M.required }).max(100, { error: M.tooLong }),
  /** At least one, and only what the service needs: nothing is granted by default. */
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, { error: M.required })
    .max(API_KEY_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
  validDays: z.number().int().min(1).max(API_KEY_MAX_VALID_DAYS).optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInputSchema>;

export const apiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  validUntil: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** The secret is in `key` only in this answer: it is stored hashed and can never be shown again. */
export const createdApiKeySchema = z.object({ apiKey: apiKeyViewSchema, key: z.string() });

export const apiKeyIdSchema = z.object({ id: z.string().min(1).max(64) });
