import { createHash } from 'node:crypto';
import type { RateCounters } from '@cadastro/db';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

/**
 * A `@fastify/rate-limit` store over the table's counters: every server behind the load balancer counts into the
 * same window, so the limit holds however a client's attempts are spread. Keys are hashed: no client IP is
 * written to the table.
 */
export function sharedRateLimitStore(counters: RateCounters): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      const hashed = createHash('sha256').update(key).digest('base64url');
      counters.hit(hashed, timeWindow).then(
        ({ hits, resetInMs }) => callback(null, { current: hits, ttl: resetInMs }),
        (error: Error) => callback(error),
      );
    }
    child() {
      return this;
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
