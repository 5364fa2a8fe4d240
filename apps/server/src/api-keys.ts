import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Checks `Authorization: Bearer <key>` against the bootstrap keys from `CADASTRO_API_KEYS`. Only digests are
 * kept and compared, in constant time, so neither the keys nor their length leak through timing.
 */
export function createApiKeyVerifier(keys: readonly string[]) {
  const known = keys.map((key) => ({
    id: `bootstrap-${digest(key).toString('hex').slice(0, 8)}`,
    digest: digest(key),
  }));
  return {
    /** The key's public id when it is valid, otherwise null. */
    verify(presented: string): string | null {
      const candidate = digest(presented);
      let match: string | null = null;
      for (const key of known) if (timingSafeEqual(key.digest, candidate)) match = key.id;
      return match;
    },
  };
}
export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
