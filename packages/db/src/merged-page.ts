import { z } from 'zod';

/** A pagination cursor that this API did not hand out (or no longer accepts). */
export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid pagination cursor');
    this.name = 'InvalidCursorError';
  }
}

/** Where each shard stands: `null` from its start, a cursor of that shard's Query, or `false` when it is used up. */
type ShardPositions = Array<string | null | false>;
const positionsSchema = z.array(z.union([z.string().max(2048), z.null(), z.literal(false)]));

export interface ShardQuery<T> {
  shards: number;
  limit: number;
  cursor: string | null | undefined;
  /** One Query on one shard, resuming at `cursor` (null: from the start). */
  query: (
    shard: number,
    cursor: string | null,
    limit: number,
  ) => Promise<{ data: T[]; cursor: string | null }>;
  /** The order of the merged result (the index's own sort order). */
  compare: (a: T, b: T) => number;
  /** A cursor of `shard`'s Query that resumes right after `item`. */
  cursorAfter: (shard: number, item: T) => string;
}

/**
 * One page of an index sharded over several partition keys: a Query of at most `limit` items on every shard
 * not yet used up (in parallel), merged in index order; the next cursor records where each shard stands, so no
 * item is repeated or skipped across pages.
 */
export async function mergedPage<T>(q: ShardQuery<T>): Promise<{ items: T[]; nextCursor: string | null }> {
  const positions = q.cursor ? decode(q.cursor, q.shards) : Array<string | null | false>(q.shards).fill(null);
  const fetched = await Promise.all(
    positions.map((position, shard) =>
      position === false ? null : q.query(shard, position, q.limit).then((page) => ({ shard, ...page })),
    ),
  );
  const candidates = fetched
    .flatMap((page) => (page ? page.data.map((item) => ({ shard: page.shard, item })) : []))
    .sort((a, b) => q.compare(a.item, b.item));
  const taken = candidates.slice(0, q.limit);

  const next: ShardPositions = positions.slice();
  for (const page of fetched) {
    if (!page) continue;
    const used = taken.filter((c) => c.shard === page.shard);
    if (used.length === page.data.length) next[page.shard] = page.cursor ?? false;
    else if (used.length > 0) next[page.shard] = q.cursorAfter(page.shard, (used.at(-1) as { item: T }).item);
  }
  const more = next.some((p) => p !== false);
  return { items: taken.map((c) => c.item), nextCursor: more ? encode(next) : null };
}

function encode(positions: ShardPositions): string {
  return Buffer.from(JSON.stringify(positions)).toString('base64url');
}

function decode(cursor: string, shards: number): ShardPositions {
  try {
    const parsed = positionsSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.length !== shards) throw new Error('shard count');
    return parsed;
  } catch {
    throw new InvalidCursorError();
  }
}
