import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import pLimit from 'p-limit';

const KEY_LENGTH = 32;
/** Production cost: N = 2^15, r = 8, p = 1 (about 32 MiB and 0.1–0.3 s per hash on a small instance). */
export const DEFAULT_SCRYPT_LOG_N = 15;

/**
 * Hashes computed at once, and hashes allowed to wait for a turn. scrypt runs on libuv's pool of 4 threads, which
 * file and DNS work share: two at a time leave room for them, and a flood of sign-ins waits in a short queue
 * instead of occupying every thread for minutes.
 */
export const DEFAULT_HASH_CONCURRENCY = 2;
export const DEFAULT_HASH_QUEUE = 16;

/** The hashing queue is full: the caller answers 503 with `Retry-After` rather than wait behind a flood. */
export class PasswordHashingBusyError extends Error {
  override name = 'PasswordHashingBusyError';
  constructor() {
    super('Password hashing queue is full');
  }
}

export interface PasswordHasherOptions {
  logN?: number;
  concurrency?: number;
  maxQueued?: number;
}

interface Params {
  N: number;
  r: number;
  p: number;
}

function deriveNow(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * scrypt password hashes as `scrypt$N$r$p$salt$hash` (base64url): the cost travels with each hash, so it can be
 * raised later without breaking the stored ones. `logN` is lowered only by tests, to keep them fast.
 */
export function createPasswordHasher({
  logN = DEFAULT_SCRYPT_LOG_N,
  concurrency = DEFAULT_HASH_CONCURRENCY,
  maxQueued = DEFAULT_HASH_QUEUE,
}: PasswordHasherOptions = {}) {
  const params: Params = { N: 2 ** logN, r: 8, p: 1 };
  const limit = pLimit(concurrency);

  /** One scrypt derivation in its turn; refused at once when the queue is full. */
  function derive(password: string, salt: Buffer, derivation: Params): Promise<Buffer> {
    if (limit.pendingCount >= maxQueued) return Promise.reject(new PasswordHashingBusyError());
    return limit(() => deriveNow(password, salt, derivation));
  }

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, params);
    return [
      'scrypt',
      params.N,
      params.r,
      params.p,
      salt.toString('base64url'),
      key.toString('base64url'),
    ].join('$');
  }

  async function verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, expectedHash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !expectedHash) return false;
    const expected = Buffer.from(expectedHash, 'base64url');
    const key = await derive(password, Buffer.from(salt, 'base64url'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    });
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  let dummy: Promise<string> | undefined;

  return {
    hash,
    verify,
    /**
     * Checks a password against an account that may not exist, taking the same time either way, so response
     * times do not tell whether a CPF or e-mail is registered.
     */
    async matches(password: string, account: { passwordHash: string } | null): Promise<boolean> {
      if (account) return verify(password, account.passwordHash);
      dummy ??= hash(randomBytes(16).toString('hex'));
      await verify(password, await dummy);
      return false;
    },
  };
}
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
