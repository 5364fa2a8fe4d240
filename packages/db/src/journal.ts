import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { groupCommit } from './gather.ts';

/** What the journal reports (a pino logger fits). */
export interface JournalLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface JournalSettings<T> {
  /** Segments live here, one JSON item per line (`<time>-<n>.jsonl`); created if missing. */
  dir: string;
  /** Stores a batch where it belongs; resolves with the items it could not store (to retry later). */
  store: (items: T[]) => Promise<T[]>;
  /** Identity of an item, to match what `store` gives back. */
  key: (item: T) => string;
  /**
   * Whether a replayed item can be stored at all (one written by another version may not be): one that cannot is
   * set aside in `rejected.jsonl` in the directory, kept for a person to look at, rather than retried for ever
   * ahead of every other item.
   */
  storable?: (item: T) => boolean;
  /** A flush starts once the oldest waiting item is this old… */
  flushMs: number;
  /** …or at once when this many wait (one flush stores at most this many). */
  flushItems: number;
  /** A new segment is started when the current one reaches this size… */
  segmentBytes: number;
  /** …or this age. */
  segmentMs: number;
  log?: JournalLog;
}

/** The journal could not make the items durable; nothing was acknowledged. */
export class JournalWriteError extends Error {
  constructor(cause: unknown) {
    super('could not write to the journal', { cause });
    this.name = 'JournalWriteError';
  }
}

export interface JournalBacklog {
  /** Items journaled but not yet stored. */
  items: number;
  /** Age of the oldest of them, in seconds (0 with none). */
  oldestSeconds: number;
  /** Flushes failed in a row (0 when the last one worked). */
  failures: number;
}

interface Segment {
  path: string;
  appended: number;
  stored: number;
  /** False once nothing more is appended to it: it goes when every item in it is stored. */
  open: boolean;
  removed: boolean;
}

interface Entry<T> {
  n: number;
  item: T;
  segment: Segment;
}

const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 30_000;
/** Journal appends gathered into one write + fdatasync, at most. */
const APPEND_GROUP_ITEMS = 2_000;
const SEGMENT_NAME = /^\d+-\d+\.jsonl$/;

/**
 * A write-ahead journal on the local disk in front of a slower store: `append` returns once the items are on disk
 * (concurrent appends share one write and one fdatasync), and a flusher in the background moves them to the store
 * in batches, retrying with backoff what fails. A segment file is deleted once every item in it is stored; the
 * segments a previous process left (a crash, SIGKILL) are read back at open and stored again. Storing must be
 * idempotent (each item carries its own key): an item can be stored twice, never lost once acknowledged.
 */
export function openJournal<T>(settings: JournalSettings<T>) {
  const { dir, store, key, log } = settings;
  mkdirSync(dir, { recursive: true });

  let nextN = 0;
  let segmentCounter = 0;
  /** Every item not yet stored, by number, in journal order (a Map iterates in insertion order). */
  const unstored = new Map<number, { at: number }>();
  /** Items waiting for a flush (failed ones go back to the front). */
  let queue: Entry<T>[] = [];
  let flushing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let retryAt = 0;
  let urgent = false;
  let closed = false;
  const waiters: Array<{ upTo: number; resolve: () => void }> = [];
  const removals = new Set<Promise<unknown>>();

  // ── Replay: what a previous process journaled and may not have stored ──
  const left = readdirSync(dir)
    .filter((name) => SEGMENT_NAME.test(name))
    .sort();
  let rejected = 0;
  for (const name of left) {
    const path = join(dir, name);
    const segment: Segment = { path, appended: 0, stored: 0, open: false, removed: false };
    const at = statSync(path).mtimeMs;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      // A torn last line was never acknowledged (its fdatasync had not returned): skip it.
      const item = parseLine<T>(line);
      if (item === undefined) continue;
      if (settings.storable && !settings.storable(item)) {
        appendFileSync(join(dir, 'rejected.jsonl'), `${line}\n`);
        rejected += 1;
        continue;
      }
      segment.appended += 1;
      enqueue(item, segment, at);
    }
    if (segment.appended === 0) unlinkSync(path);
  }
  if (rejected) log?.warn({ rejected, file: join(dir, 'rejected.jsonl') }, 'access journal: items set aside');
  if (queue.length) {
    log?.info({ items: queue.length, segments: left.length }, 'access journal: replaying a previous run');
    urgent = true;
    schedule();
  }

  // ── Appending ──
  let active: { segment: Segment; handle: FileHandle; bytes: number; openedAt: number } | null = null;

  async function startSegment() {
    await retire();
    const name = `${String(Date.now()).padStart(15, '0')}-${String(segmentCounter++).padStart(6, '0')}.jsonl`;
    const path = join(dir, name);
    const handle = await open(path, 'a');
    try {
      // The new file's name must survive a crash too.
      const directory = await open(dir, 'r');
      await directory.sync().finally(() => directory.close());
    } catch (error) {
      await handle.close();
      throw error;
    }
    active = {
      segment: { path, appended: 0, stored: 0, open: true, removed: false },
      handle,
      bytes: 0,
      openedAt: Date.now(),
    };
    return active;
  }

  async function retire() {
    if (!active) return;
    const { segment, handle } = active;
    active = null;
    segment.open = false;
    await handle.close().catch(() => {});
    removeIfDone(segment);
  }

  const append = groupCommit<T>(async (items) => {
    if (closed) throw new JournalWriteError(new Error('the journal is closed'));
    const bytes = Buffer.from(`${items.map((item) => JSON.stringify(item)).join('\n')}\n`);
    try {
      let current = active;
      if (
        !current ||
        current.bytes >= settings.segmentBytes ||
        Date.now() - current.openedAt >= settings.segmentMs
      ) {
        current = await startSegment();
      }
      await current.handle.write(bytes);
      await current.handle.datasync();
      current.bytes += bytes.length;
      current.segment.appended += items.length;
      const now = Date.now();
      for (const item of items) enqueue(item, current.segment, now);
      schedule();
    } catch (error) {
      // Part of this write may be in the file: never append after it. (If replayed, those items record reads
      // that were refused: an extra line in the record, never a missing one.)
      await retire();
      throw new JournalWriteError(error);
    }
  }, APPEND_GROUP_ITEMS);

  function enqueue(item: T, segment: Segment, at: number) {
    const n = nextN++;
    unstored.set(n, { at });
    queue.push({ n, item, segment });
  }

  // ── Flushing ──
  function schedule() {
    if (closed || flushing || queue.length === 0) return;
    const now = Date.now();
    const oldest = unstored.get(queue[0]!.n)?.at ?? now;
    const due = Math.max(
      retryAt,
      urgent || queue.length >= settings.flushItems ? now : oldest + settings.flushMs,
    );
    if (due <= now) {
      if (timer) clearTimeout(timer);
      timer = null;
      flushing = flush().finally(() => {
        flushing = null;
        schedule();
      });
      return;
    }
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = null;
        schedule();
      },
      Math.max(1, due - now),
    );
    timer.unref();
  }

  async function flush() {
    const batch = queue.slice(0, settings.flushItems);
    queue = queue.slice(batch.length);
    let failed: Entry<T>[] = batch;
    let error: Error | null = null;
    try {
      const left = new Set((await store(batch.map((e) => e.item))).map(key));
      failed = left.size ? batch.filter((e) => left.has(key(e.item))) : [];
      if (failed.length) {
        error = new Error(`${failed.length} items not processed`);
        error.name = 'UnprocessedItems'; // throttled: DynamoDB took the rest of the batch
      }
    } catch (thrown) {
      error = thrown as Error;
    }
    if (!error) {
      if (failures > 0) log?.info({ afterFailures: failures }, 'access journal: storing works again');
      failures = 0;
      retryAt = 0;
    } else {
      failures += 1;
      const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1));
      retryAt = Date.now() + backoff * (0.5 + Math.random() / 2);
      queue = [...failed, ...queue];
      // The first failure and then every tenth: enough to alarm on without flooding the log.
      if (failures === 1 || failures % 10 === 0) {
        log?.warn(
          { err: { type: error.name }, ...backlog() }, // the type only: a message may quote an item
          'access journal: storing failed, will retry',
        );
      }
    }
    const stored = failed.length ? batch.filter((e) => !failed.includes(e)) : batch;
    for (const entry of stored) {
      unstored.delete(entry.n);
      entry.segment.stored += 1;
      removeIfDone(entry.segment);
    }
    if (queue.length === 0) urgent = false;
    wakeWaiters();
  }

  function removeIfDone(segment: Segment) {
    if (segment.open || segment.removed || segment.stored < segment.appended) return;
    segment.removed = true;
    const removal = unlink(segment.path)
      .catch((error: Error) =>
        log?.warn({ err: { type: error.name }, path: segment.path }, 'access journal: segment not removed'),
      )
      .finally(() => removals.delete(removal));
    removals.add(removal);
  }

  function oldestUnstored(): number {
    for (const n of unstored.keys()) return n;
    return nextN;
  }

  function wakeWaiters() {
    const oldest = oldestUnstored();
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.upTo < oldest) {
        waiters[i]!.resolve();
        waiters.splice(i, 1);
      }
    }
  }

  function backlog(): JournalBacklog {
    let oldestAt: number | undefined;
    for (const { at } of unstored.values()) {
      oldestAt = at;
      break;
    }
    return {
      items: unstored.size,
      oldestSeconds: oldestAt === undefined ? 0 : Math.max(0, (Date.now() - oldestAt) / 1000),
      failures,
    };
  }

  /**
   * Resolves true once everything journaled before the call is stored (a flush is started now rather than when
   * due), or false after `timeoutMs`.
   */
  function settled(timeoutMs: number): Promise<boolean> {
    const upTo = nextN - 1;
    if (oldestUnstored() > upTo) return Promise.resolve(true);
    urgent = true;
    if (retryAt > Date.now() && failures > 0) retryAt = Math.min(retryAt, Date.now());
    schedule();
    return new Promise<boolean>((resolve) => {
      const waiter = {
        upTo,
        resolve: () => {
          clearTimeout(timeout);
          resolve(true);
        },
      };
      const timeout = setTimeout(() => {
        const at = waiters.indexOf(waiter);
        if (at >= 0) waiters.splice(at, 1);
        resolve(false);
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  return {
    /** Resolves once the items are on disk; rejects with JournalWriteError if they could not be written. */
    append,
    settled,
    backlog,
    /**
     * Stops taking items and stores the backlog, waiting at most `timeoutMs`; what is left stays in its segments
     * for the next start. Resolves with the backlog left (0 items when everything was stored).
     */
    async close(timeoutMs: number): Promise<JournalBacklog> {
      const done = await settled(timeoutMs);
      closed = true; // no more appends, no more flushes
      if (timer) clearTimeout(timer);
      timer = null;
      await flushing;
      await retire();
      await Promise.all(removals);
      const left = backlog();
      if (!done || left.items)
        log?.warn(left, 'access journal: closed with items not stored (kept for the next start)');
      return left;
    },
  };
}
export type Journal<T> = ReturnType<typeof openJournal<T>>;

function parseLine<T>(line: string): T | undefined {
  if (!line.trim()) return undefined;
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}
