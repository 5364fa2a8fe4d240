import type { Actor } from './events.ts';
import { createEventLog } from './events.ts';
import type { DbService } from './service.ts';

/**
 * The tombstone of an erasure and the `erased` event in the (now empty) customer partition, in one transaction.
 * Neither holds personal data: the id, who asked and when.
 */
export function createErasureLog(db: DbService) {
  const events = createEventLog(db);
  return {
    async record(
      customerId: string,
      actor: Actor & { role: 'customer' | 'operator' | 'service' },
      now = new Date(),
    ) {
      const erasedAt = now.toISOString();
      const result = await db.transaction
        .write(({ erasure, event }) => [
          erasure.put({ customerId, erasedAt, requestedBy: actor.role }).commit(),
          event.create(events.eventItem(customerId, { type: 'erased', actor }, now)).commit(),
        ])
        .go();
      if (result.canceled) throw new Error('Could not record the erasure');
    },
    async isErased(customerId: string): Promise<boolean> {
      const { data } = await db.entities.erasure.get({ customerId }).go();
      return Boolean(data);
    },
  };
}
export type ErasureLog = ReturnType<typeof createErasureLog>;
