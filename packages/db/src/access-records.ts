import type { PageInput } from '@cadastro/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { AccessItem } from './entities/access.ts';
import { groupCommit } from './group-commit.ts';
import type { DbService } from './service.ts';

export interface AccessActor {
  kind: AccessItem['actorKind'];
  id: string;
  name: string;
}

type Page = Required<Pick<PageInput, 'limit'>> & Pick<PageInput, 'cursor'>;

/** Writes and reads the access record; `retentionDays` sets each item's TTL. */
export function createAccessRecords(db: DbService, options: { retentionDays: number }) {
  const { access } = db.entities;
  const live = (now: Date) => (item: AccessItem) => item.expiresAt * 1000 > now.getTime();
  /**
   * Concurrent reads share BatchWriteItem calls (up to 4 of 25 items, sent together): under load a read costs
   * about one DynamoDB operation instead of two, and each read is still answered only once its record is stored.
   */
  const store = groupCommit<AccessItem>(async (items) => {
    const { unprocessed } = await access.put(items).go({ concurrency: 4 });
    if (unprocessed.length) await access.put(unprocessed as AccessItem[]).go({ concurrency: 4 });
  }, 100);

  return {
    /** One item per customer read, in batches (BatchWriteItem) shared with concurrent reads. */
    async record(customerIds: readonly string[], actor: AccessActor, procedure: string, now = new Date()) {
      const unique = [...new Set(customerIds)];
      if (unique.length === 0) return;
      const at = now.toISOString();
      const expiresAt = Math.floor(now.getTime() / 1000) + options.retentionDays * 86_400;
      const items = unique.map((customerId) => ({
        customerId,
        accessId: uuidv7({ msecs: now.getTime() }),
        at,
        month: at.slice(0, 7),
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        procedure,
        expiresAt,
      }));
      await store(items);
    },

    /** A customer's record, newest first. */
    async forCustomer(customerId: string, page: Page, now = new Date()) {
      const { data, cursor } = await access.query
        .byCustomer({ customerId })
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data.filter(live(now)), nextCursor: cursor };
    },

    /** Everyone's record of one month, newest first (auditors). */
    async forMonth(month: string, page: Page, now = new Date()) {
      const { data, cursor } = await access.query
        .byMonth({ month })
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data.filter(live(now)), nextCursor: cursor };
    },
  };
}
export type AccessRecords = ReturnType<typeof createAccessRecords>;
