import { argon2, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import pLimit from 'p-limit';

const KEY_LENGTH = 32;

/** Argon2id's cost: memory in KiB, passes over it, lanes. */
export interface Argon2Cost {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

/** OWASP's first choice for password storage: Argon2id with m = 19 MiB, t = 2, p = 1 (about 60 ms a hash here). */
export const DEFAULT_ARGON2_COST: Argon2Cost = { memoryKiB: 19 * 1024, passes: 2, parallelism: 1 };

/**
 * Hashes computed at once, and hashes allowed to wait for a turn. Argon2 and scrypt run on libuv's pool of 4
 * threads, which file and DNS work share: two at a time leave room for them, and a flood of sign-ins waits in a
 * short queue instead of occupying every thread for minutes.
 */
export const DEFAULT_HASH_CONCURRENCY = 2;
export const DEFAULT_HASH_QUEUE = 16;

/** The hashing queue is full: the caller answers 429 `BUSY` with `Retry-After` rather than wait behind a flood. */
export class PasswordHashingBusyError extends Error {
  override name = 'PasswordHashingBusyError';
  constructor() {
    super('Password hashing queue is full');
  }
}

export interface PasswordHasherOptions {
  /** Lowered only by tests, to keep them fast; stored hashes carry their cost, so any cost still verifies. */
  cost?: Argon2Cost;
  concurrency?: number;
  maxQueued?: number;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (the PHC string format, unpadded base64), as other Argon2 tools write it. */
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function argon2id(password: string, salt: Buffer, cost: Argon2Cost, length = KEY_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    argon2(
      'argon2id',
      {
        message: password.normalize('NFKC'),
        nonce: salt,
        memory: cost.memoryKiB,
        passes: cost.passes,
        parallelism: cost.parallelism,
        tagLength: length,
      },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** The hashes written before Argon2id: `scrypt$N$r$p$salt$hash` (base64url). Verified, never written. */
function legacyScrypt(password: string, stored: string): (() => Promise<boolean>) | null {
  const [scheme, n, r, p, salt, expectedHash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expectedHash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  const expected = Buffer.from(expectedHash, 'base64url');
  return () =>
    new Promise((resolve, reject) =>
      scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), KEY_LENGTH, options, (err, key) =>
        err ? reject(err) : resolve(key.length === expected.length && timingSafeEqual(key, expected)),
      ),
    );
}

/**
 * Password hashes as Argon2id PHC strings: the cost travels with each hash, so it can be raised later without
 * breaking the stored ones, and `needsRehash` says which to replace at the next sign-in (older costs, scrypt).
 * Every derivation waits its turn in one bounded queue.
 */
export function createPasswordHasher({
  cost = DEFAULT_ARGON2_COST,
  concurrency = DEFAULT_HASH_CONCURRENCY,
  maxQueued = DEFAULT_HASH_QUEUE,
}: PasswordHasherOptions = {}) {
  const limit = pLimit(concurrency);
  const prefix = `$argon2id$v=19$m=${cost.memoryKiB},t=${cost.passes},p=${cost.parallelism}$`;

  /** One derivation in its turn; refused at once when the queue is full. */
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (limit.pendingCount >= maxQueued) return Promise.reject(new PasswordHashingBusyError());
    return limit(work);
  }

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await inTurn(() => argon2id(password, salt, cost));
    return `${prefix}${b64(salt)}$${b64(key)}`;
  }

  async function verify(password: string, stored: string): Promise<boolean> {
    const phc = PHC.exec(stored);
    if (phc) {
      const [, m, t, p, salt, expectedHash] = phc;
      const expected = Buffer.from(expectedHash!, 'base64');
      if (expected.length < 16) return false; // not a hash this code wrote
      const stepCost = { memoryKiB: Number(m), passes: Number(t), parallelism: Number(p) };
      const key = await inTurn(() =>
        argon2id(password, Buffer.from(salt!, 'base64'), stepCost, expected.length),
      );
      return timingSafeEqual(key, expected);
    }
    const scryptCheck = legacyScrypt(password, stored);
    return scryptCheck ? inTurn(scryptCheck) : false;
  }

  let dummy: Promise<string> | undefined;

  return {
    hash,
    verify,
    /** True for a hash written with another scheme or cost than today's: replace it once the password is known. */
    needsRehash(stored: string): boolean {
      return !stored.startsWith(prefix);
    },
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
