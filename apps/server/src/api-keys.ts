import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyScope, CreateApiKeyInput } from '@cadastro/contracts';
import type { ApiKeyItem, ApiKeyRepository } from '@cadastro/db';
import { LRUCache } from 'lru-cache';
import { v7 as uuidv7 } from 'uuid';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Keys created by operators look like `cad.<keyId>.<secret>`; the id finds the item, the secret proves it. */
const KEY_PREFIX = 'cad';
/** Longer than any key we issue or accept (bootstrap keys included): refused before any hashing or lookup. */
const KEY_MAX_LENGTH = 512;
/** Key ids are UUIDs: anything else is refused before it reaches DynamoDB (whose keys stop at 2048 bytes). */
const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Keys from `CADASTRO_API_KEYS` (set on the instance, not created in /admin) read and look up, never run or
 * change anything: a key that must start backups is created in /admin with `backups:run`.
 */
export const BOOTSTRAP_KEY_SCOPES: readonly ApiKeyScope[] = [
  'customers:read',
  'customers:lookup',
  'backups:read',
  'reports:read',
];

/** Touching `lastUsedAt` at most this often per key and server keeps a write off nearly every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * How long a stored key, once read, is believed without reading it again: a key revoked in /admin stops working on
 * every server within this time (at once on the server that revoked it). Keeps a GetItem off nearly every request.
 */
export const API_KEY_CACHE_MS = 5_000;
/** Keys remembered at once; the least recently used are read again. */
const API_KEY_CACHE_SIZE = 1_000;

/** A service that presented a valid key: its id, name and scopes. */
export interface ServiceKey {
  keyId: string;
  name: string;
  scopes: readonly ApiKeyScope[];
}

/** A new key for an operator to hand to a service; `key` is shown once and only its hash is kept. */
export function newApiKey(
  input: { name: string; scopes: ApiKeyScope[]; validDays?: number },
  operatorId: string,
  now = new Date(),
) {
  const keyId = uuidv7({ msecs: now.getTime() });
  const secret = randomBytes(32).toString('base64url');
  return {
    key: `${KEY_PREFIX}.${keyId}.${secret}`,
    item: {
      keyId,
      name: input.name,
      scopes: input.scopes,
      secretHash: digest(secret).toString('base64url'),
      createdBy: operatorId,
      createdAt: now.toISOString(),
      ...(input.validDays && {
        validUntil: new Date(now.getTime() + input.validDays * 86_400_000).toISOString(),
      }),
    },
  };
}
export type NewApiKeyInput = Pick<CreateApiKeyInput, 'name' | 'validDays'>;

/**
 * Checks `Authorization: Bearer <key>`: keys created by operators (stored hashed, revocable) and the bootstrap keys
 * from `CADASTRO_API_KEYS`. Only digests are compared, in constant time.
 */
export function createApiKeyVerifier(
  bootstrapKeys: readonly string[],
  stored: ApiKeyRepository,
  { cacheMs = API_KEY_CACHE_MS }: { cacheMs?: number } = {},
) {
  const bootstrap = bootstrapKeys.map((key) => {
    const id = `bootstrap-${digest(key).toString('hex').slice(0, 8)}`;
    return { key: { keyId: id, name: id, scopes: BOOTSTRAP_KEY_SCOPES }, digest: digest(key) };
  });
  const lastTouched = new Map<string, number>();
  // Unknown ids are remembered too: a made-up key sent again and again is read once per cache time.
  const cache = new LRUCache<string, { item: ApiKeyItem | null; readAt: number }>({
    max: API_KEY_CACHE_SIZE,
  });

  async function storedKey(keyId: string, now: Date): Promise<ApiKeyItem | null> {
    const cached = cache.get(keyId);
    if (cached && now.getTime() - cached.readAt < cacheMs && cached.readAt <= now.getTime())
      return cached.item;
    const item = await stored.get(keyId);
    cache.set(keyId, { item, readAt: now.getTime() });
    return item;
  }

  function verifyBootstrap(presented: string): ServiceKey | null {
    const candidate = digest(presented);
    let match: ServiceKey | null = null;
    for (const entry of bootstrap) if (timingSafeEqual(entry.digest, candidate)) match = entry.key;
    return match;
  }

  /** Best effort: a failed write is tried again on the key's next request. */
  function touch(keyId: string, now: Date) {
    if (now.getTime() - (lastTouched.get(keyId) ?? 0) < TOUCH_INTERVAL_MS) return;
    lastTouched.set(keyId, now.getTime());
    stored.touch(keyId, now).catch(() => lastTouched.delete(keyId));
  }

  return {
    /** The key's id, name and scopes when it is valid (known, not revoked, not expired), otherwise null. */
    async verify(presented: string, now = new Date()): Promise<ServiceKey | null> {
      if (presented.length > KEY_MAX_LENGTH) return null;
      const [prefix, keyId, secret, ...rest] = presented.split('.');
      if (prefix !== KEY_PREFIX || !keyId || !secret || rest.length) return verifyBootstrap(presented);
      if (!KEY_ID.test(keyId)) return null;
      const item = await storedKey(keyId, now);
      if (!item || item.revokedAt) return null;
      if (item.validUntil && Date.parse(item.validUntil) <= now.getTime()) return null;
      const expected = Buffer.from(item.secretHash, 'base64url');
      const candidate = digest(secret);
      if (expected.length !== candidate.length || !timingSafeEqual(expected, candidate)) return null;
      touch(item.keyId, now);
      return { keyId: item.keyId, name: item.name, scopes: (item.scopes ?? []) as ApiKeyScope[] };
    },
    /** Drops what this server remembers of a key (it was just revoked here): the next request reads it again. */
    forget(keyId: string): void {
      cache.delete(keyId);
    },
  };
}
export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
