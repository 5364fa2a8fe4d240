import type { PageInput } from '@cadastro/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { EventItem } from './entities/event.ts';
import type { DbService } from './service.ts';

export interface Actor {
  role: EventItem['actorRole'];
  id?: string;
}

export interface NewEvent {
  type: string;
  actor: Actor;
  /** Names of the fields involved, never their values. */
  fields?: string[];
  details?: Record<string, string | number | boolean>;
}

export function createEventLog(db: DbService) {
  const { event } = db.entities;

  /** The item to put; also usable inside a transaction (`event.create(eventItem(...)).commit()`). */
  function eventItem(customerId: string, e: NewEvent, now = new Date()) {
    return {
      customerId,
      eventId: uuidv7({ msecs: now.getTime() }),
      at: now.toISOString(),
      type: e.type,
      actorRole: e.actor.role,
      actorId: e.actor.id,
      fields: e.fields ?? [],
      details: e.details ?? {},
    };
  }

  return {
    eventItem,
    async append(customerId: string, e: NewEvent, now = new Date()): Promise<void> {
      await event.create(eventItem(customerId, e, now)).go();
    },
    /** Newest first. */
    async list(customerId: string, page: Required<Pick<PageInput, 'limit'>> & Pick<PageInput, 'cursor'>) {
      const { data, cursor } = await event.query
        .byCustomer({ customerId })
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data, nextCursor: cursor };
    },
  };
}
export type EventLog = ReturnType<typeof createEventLog>;
