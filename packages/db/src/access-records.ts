import type { PageInput } from '@cadastro/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { AccessItem } from './entities/access.ts';
import { type JournalLog, openJournal } from './journal.ts';
import { type DbService, HOT_PATH } from './service.ts';

export interface AccessActor {
  kind: AccessItem['actorKind'];
  id: string;
  name: string;
}

export interface AccessJournalSettings {
  /** On the instance's own volume (DATA_DIR/access-journal): one server process per directory. */
  dir: string;
  /** Longest an item waits in the journal before a flush to the table starts (ACCESS_JOURNAL_FLUSH_MS). */
  flushMs: number;
  /** Segment files roll at this size or age, whichever comes first. */
  segmentBytes?: number;
  segmentMs?: number;
  log?: JournalLog;
}

type Page = Required<Pick<PageInput, 'limit'>> & Pick<PageInput, 'cursor'>;

/** Four BatchWriteItem calls of 25 items, sent together, per flush. */
const FLUSH_ITEMS = 100;
/** A reader of the record waits at most this long for this instance's journal to reach the table. */
const READ_SETTLE_MS = 2_000;

/**
 * The access record (LGPD Art. 37). A read is answered once its items are in the journal on the instance's disk
 * (`journal.ts`: shared appends, fdatasync); a flusher moves them to the table in the background with
 * BatchWriteItem. `retentionDays` sets each item's TTL.
 */
export function createAccessRecords(
  db: DbService,
  options: { retentionDays: number; journal: AccessJournalSettings },
) {
  const { access } = db.entities;
  const live = (now: Date) => (item: AccessItem) => item.expiresAt * 1000 > now.getTime();
  const journal = openJournal<AccessItem>({
    dir: options.journal.dir,
    flushMs: options.journal.flushMs,
    flushItems: FLUSH_ITEMS,
    segmentBytes: options.journal.segmentBytes ?? 4 * 2 ** 20,
    segmentMs: options.journal.segmentMs ?? 60_000,
    log: options.journal.log,
    key: (item) => `${item.customerId}/${item.accessId}`,
    storable: (item) => {
      try {
        access.put(item).params(); // ElectroDB's own validation of the item
        return true;
      } catch {
        return false;
      }
    },
    // A put of the same key again changes nothing: replaying a segment is safe.
    store: async (items) => {
      const { unprocessed } = await access.put(items).go({ ...HOT_PATH, concurrency: 4 });
      return unprocessed as AccessItem[];
    },
  });

  /** This instance's reads show in the record at once: its journal is flushed first (bounded wait). */
  const flushedHere = () => journal.settled(READ_SETTLE_MS);

  return {
    /** One item per customer read, journaled durably; stored in the table shortly after (see `backlog`). */
    async record(customerIds: readonly string[], actor: AccessActor, procedure: string, now = new Date()) {
      const unique = [...new Set(customerIds)];
      if (unique.length === 0) return;
      const at = now.toISOString();
      const expiresAt = Math.floor(now.getTime() / 1000) + options.retentionDays * 86_400;
      await journal.append(
        unique.map((customerId) => ({
          customerId,
          accessId: uuidv7({ msecs: now.getTime() }),
          at,
          month: at.slice(0, 7),
          actorKind: actor.kind,
          actorId: actor.id,
          actorName: actor.name,
          procedure,
          expiresAt,
        })),
      );
    },

    /** A customer's record, newest first. */
    async forCustomer(customerId: string, page: Page, now = new Date()) {
      await flushedHere();
      const { data, cursor } = await access.query
        .byCustomer({ customerId })
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data.filter(live(now)), nextCursor: cursor };
    },

    /** Everyone's record of one month, newest first (auditors). */
    async forMonth(month: string, page: Page, now = new Date()) {
      await flushedHere();
      const { data, cursor } = await access.query
        .byMonth({ month })
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data.filter(live(now)), nextCursor: cursor };
    },

    /** Items journaled but not yet in the table, and the age of the oldest. */
    backlog: journal.backlog,
    /** Waits (at most `timeoutMs`) until every item journaled so far is in the table. */
    settled: journal.settled,
    /** On shutdown: stores the backlog within `timeoutMs`; what is left stays journaled for the next start. */
    close: journal.close,
  };
}
export type AccessRecords = ReturnType<typeof createAccessRecords>;
