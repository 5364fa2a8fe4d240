import { createHash } from 'node:crypto';
import { ErrorReason } from '@cadastro/contracts';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.ts';

export interface SignInThrottleSettings {
  /** Failures allowed per account before any wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it… */
  baseDelayMs: number;
  /** …up to this: the owner is kept out for at most this long after the last failure, never for good. */
  maxDelayMs: number;
  /** A record with no new failure for this long is forgotten. */
  forgetAfterMs: number;
  /** Accounts tracked at once (least recently failed dropped first), so guessing many logins cannot fill memory. */
  maxTracked: number;
  now: () => number;
}

const DEFAULTS: SignInThrottleSettings = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTracked: 100_000,
  now: Date.now,
};

interface Failures {
  count: number;
  blockedUntil: number;
}

/**
 * Failed sign-ins per account (the login as typed, whether or not it exists, so a wait says nothing about
 * existence). After a few failures each further one doubles the wait before the next attempt is even checked,
 * capped, and a success clears the record. The per-IP limit stops one client; this stops many clients guessing
 * one account. Kept in memory: with several instances each keeps its own (the design's shared store can hold it).
 */
export function createSignInThrottle(overrides: Partial<SignInThrottleSettings> = {}) {
  const settings = { ...DEFAULTS, ...overrides };
  const records = new LRUCache<string, Failures>({
    max: settings.maxTracked,
    ttl: settings.forgetAfterMs,
    ttlAutopurge: false,
    perf: { now: settings.now },
  });
  // Logins are personal data: keep only a digest of them in memory.
  const keyOf = (account: string) => createHash('sha256').update(account).digest('base64url');

  return {
    /** Refuses with 429 `RATE_LIMITED` (and the seconds to wait) while the account is in its wait. */
    check(account: string): void {
      const record = records.get(keyOf(account), { updateAgeOnGet: false });
      const waitMs = record ? record.blockedUntil - settings.now() : 0;
      if (waitMs > 0) {
        const retryAfterSeconds = Math.ceil(waitMs / 1000);
        throw new AppError(
          'TOO_MANY_REQUESTS',
          ErrorReason.RATE_LIMITED,
          `Too many failed attempts; retry in ${retryAfterSeconds} s`,
          { retryAfterSeconds },
        );
      }
    },
    failed(account: string): void {
      const key = keyOf(account);
      const count = (records.get(key)?.count ?? 0) + 1;
      const over = count - settings.freeFailures;
      const delay = over > 0 ? Math.min(settings.baseDelayMs * 2 ** (over - 1), settings.maxDelayMs) : 0;
      records.set(key, { count, blockedUntil: settings.now() + delay });
    },
    succeeded(account: string): void {
      records.delete(keyOf(account));
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
