import { isConditionFailure } from './condition-failure.ts';
import type { DbService } from './service.ts';

/**
 * Rate-limit windows in the table, so a limit holds however requests spread over the servers. A window opens at
 * a key's first hit and lasts `windowMs` (as the in-process limiter's does): a hit inside it adds one, the first
 * hit after it starts a new one. Both are conditional writes, retried when another server moved first.
 */
export function createRateCounters(db: DbService) {
  const { rateCounter } = db.entities;
  return {
    /** Counts one hit of `key`; the hits in its window so far and the ms until the window ends. */
    async hit(key: string, windowMs: number, now = Date.now()): Promise<{ hits: number; resetInMs: number }> {
      const cutoff = now - windowMs;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const { data } = await rateCounter
            .patch({ key })
            .add({ hits: 1 })
            .where(({ windowStart }, { gt }) => gt(windowStart, cutoff))
            .go({ response: 'all_new' });
          return { hits: data.hits ?? 1, resetInMs: (data.windowStart ?? now) + windowMs - now };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
        try {
          await rateCounter
            .put({ key, hits: 1, windowStart: now, expiresAt: Math.ceil((now + windowMs) / 1000) })
            .where(
              ({ windowStart }, { notExists, lte }) =>
                `${notExists(windowStart)} OR ${lte(windowStart, cutoff)}`,
            )
            .go();
          return { hits: 1, resetInMs: windowMs };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      throw new Error('Rate counter kept changing under concurrent writes');
    },
  };
}
export type RateCounters = ReturnType<typeof createRateCounters>;
