import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRepository } from '@cadastro/db';
import { v7 as uuidv7 } from 'uuid';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Keys created by operators look like `cad.<keyId>.<secret>`; the id finds the item, the secret proves it. */
const KEY_PREFIX = 'cad';
/** Longer than any key we issue or accept (bootstrap keys included): refused before any hashing or lookup. */
const KEY_MAX_LENGTH = 512;
/** Key ids are UUIDs: anything else is refused before it reaches DynamoDB (whose keys stop at 2048 bytes). */
const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new key for an operator to hand to a service; `key` is shown once and only its hash is kept. */
export function newApiKey(name: string, operatorId: string, now = new Date()) {
  const keyId = uuidv7({ msecs: now.getTime() });
  const secret = randomBytes(32).toString('base64url');
  return {
    key: `${KEY_PREFIX}.${keyId}.${secret}`,
    item: {
      keyId,
      name,
      secretHash: digest(secret).toString('base64url'),
      createdBy: operatorId,
      createdAt: now.toISOString(),
    },
  };
}

/**
 * Checks `Authorization: Bearer <key>`: keys created by operators (stored hashed, revocable) and the bootstrap keys
 * from `CADASTRO_API_KEYS`. Only digests are compared, in constant time.
 */
export function createApiKeyVerifier(bootstrapKeys: readonly string[], stored: ApiKeyRepository) {
  const bootstrap = bootstrapKeys.map((key) => ({
    id: `bootstrap-${digest(key).toString('hex').slice(0, 8)}`,
    digest: digest(key),
  }));

  function verifyBootstrap(presented: string): string | null {
    const candidate = digest(presented);
    let match: string | null = null;
    for (const key of bootstrap) if (timingSafeEqual(key.digest, candidate)) match = key.id;
    return match;
  }

  return {
    /** The key's public id when it is valid, otherwise null. */
    async verify(presented: string): Promise<string | null> {
      if (presented.length > KEY_MAX_LENGTH) return null;
      const [prefix, keyId, secret, ...rest] = presented.split('.');
      if (prefix !== KEY_PREFIX || !keyId || !secret || rest.length) return verifyBootstrap(presented);
      if (!KEY_ID.test(keyId)) return null;
      const item = await stored.get(keyId);
      if (!item || item.revokedAt) return null;
      const expected = Buffer.from(item.secretHash, 'base64url');
      const candidate = digest(secret);
      return expected.length === candidate.length && timingSafeEqual(expected, candidate) ? item.keyId : null;
    },
  };
}
export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
