import type { Actor } from './events.ts';
import { createEventLog } from './events.ts';
import type { DbService } from './service.ts';

type ErasureActor = Actor & { role: 'customer' | 'operator' | 'service' };
export type ErasureStatus = 'none' | 'erasing' | 'erased';

/**
 * The tombstone of an erasure, outside the customer's partition: the id, who asked and when, nothing personal.
 * Written `erasing` before anything is deleted (a restore already skips the customer, and a retry knows there is
 * an erasure to finish), then `erased` together with the `erased` event in the emptied partition.
 */
export function createErasureLog(db: DbService) {
  const events = createEventLog(db);
  const { erasure } = db.entities;
  return {
    /** Records that an erasure started; a tombstone already there (a retry) is kept as it is. */
    async begin(customerId: string, actor: ErasureActor, now = new Date()): Promise<void> {
      try {
        await erasure
          .create({ customerId, erasedAt: now.toISOString(), requestedBy: actor.role, state: 'erasing' })
          .go();
      } catch (error) {
        if (!/conditional request failed/i.test((error as Error).message)) throw error;
      }
    },

    /** The tombstone becomes `erased` and the `erased` event is written, in one transaction. */
    async finish(customerId: string, actor: ErasureActor, now = new Date()): Promise<void> {
      const result = await db.transaction
        .write(({ erasure, event }) => [
          erasure.patch({ customerId }).set({ state: 'erased' }).commit(),
          event.create(events.eventItem(customerId, { type: 'erased', actor }, now)).commit(),
        ])
        .go();
      if (result.canceled) throw new Error('Could not record the erasure');
    },

    async status(customerId: string): Promise<ErasureStatus> {
      const { data } = await erasure.get({ customerId }).go({ consistent: true });
      if (!data) return 'none';
      return data.state ?? 'erased';
    },

    async isErased(customerId: string): Promise<boolean> {
      const { data } = await erasure.get({ customerId }).go();
      return Boolean(data);
    },
  };
}
export type ErasureLog = ReturnType<typeof createErasureLog>;
