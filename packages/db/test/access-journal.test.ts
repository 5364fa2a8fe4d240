import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, waitUntilTableNotExists } from '@aws-sdk/client-dynamodb';
import { until } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessActor,
  type AccessItem,
  createAccessRecords,
  createDbService,
  type DbService,
  ensureTable,
  JournalWriteError,
} from '../src/index.ts';
import { openJournal } from '../src/journal.ts';
import { localDynamoDb } from './local-dynamodb.ts';

/**
 * The access record's journal against DynamoDB Local: items reach the table after the append, a directory left by
 * a run that never flushed is replayed exactly once, a table that refuses writes keeps the items journaled until
 * it takes them, and a journal that cannot be written refuses the append.
 */
const { client, table } = localDynamoDb('access-journal');
let db: DbService;
const dirs: string[] = [];
const actor: AccessActor = { kind: 'service', id: 'key-1', name: 'svc' };
const HOUR = 3_600_000;

function journalDir() {
  const dir = mkdtempSync(join(tmpdir(), 'cadastro-journal-'));
  dirs.push(dir);
  return dir;
}
const segments = (dir: string) => readdirSync(dir).filter((n) => /^\d+-\d+\.jsonl$/.test(n));
const recordsOf = async (customerId: string) =>
  (await db.entities.access.query.byCustomer({ customerId }).go({ pages: 'all' })).data;

beforeAll(async () => {
  await ensureTable(client, table);
  db = createDbService({ table, client });
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the access journal', () => {
  it('answers once the items are on disk and stores them afterwards, then removes the segment', async () => {
    const dir = journalDir();
    const records = createAccessRecords(db, { retentionDays: 30, journal: { dir, flushMs: HOUR } });
    await Promise.all(['c-1', 'c-2', 'c-1'].map((id) => records.record([id], actor, 'customers.get')));
    expect(records.backlog().items).toBe(3);
    expect(segments(dir)).toHaveLength(1);
    // Nothing in the table until a flush: a flush is an hour away here, or asked for by a reader.
    expect(await db.entities.access.query.byCustomer({ customerId: 'c-1' }).go()).toMatchObject({ data: [] });
    expect((await records.forCustomer('c-1', { limit: 10 })).items).toHaveLength(2);
    expect(records.backlog()).toMatchObject({ items: 0, failures: 0 });
    expect((await records.forCustomer('c-2', { limit: 10 })).items).toHaveLength(1);
    // The segment in use stays until the journal closes; then it goes too.
    await records.close(10_000);
    expect(segments(dir)).toEqual([]);
  });

  it('replays what a run left journaled exactly once, skipping a torn last line', async () => {
    const dir = journalDir();
    const first = createAccessRecords(db, { retentionDays: 30, journal: { dir, flushMs: HOUR } });
    for (let i = 0; i < 30; i++) await first.record([`r-${i % 3}`], actor, 'customers.get');
    // The run ends without a flush (as after SIGKILL); a write was cut short mid-line.
    const [segment] = segments(dir);
    appendFileSync(join(dir, segment!), '{"customerId":"r-0","accessId":"torn');

    const second = createAccessRecords(db, { retentionDays: 30, journal: { dir, flushMs: 10 } });
    expect(second.backlog().items).toBe(30);
    await until(() => second.backlog().items === 0 && segments(dir).length === 0, 'the replay is stored');
    const stored = (await Promise.all(['r-0', 'r-1', 'r-2'].map(recordsOf))).flat();
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((s) => s.accessId)).size).toBe(30);

    // The same segment replayed again (a crash between the put and the removal): the same 30 items, no more.
    writeFileSync(
      join(dir, '000000000000001-000000.jsonl'),
      `${stored.map((s) => JSON.stringify(s)).join('\n')}\n`,
    );
    const third = createAccessRecords(db, { retentionDays: 30, journal: { dir, flushMs: 10 } });
    await until(() => third.backlog().items === 0 && segments(dir).length === 0, 'the second replay');
    expect((await Promise.all(['r-0', 'r-1', 'r-2'].map(recordsOf))).flat()).toHaveLength(30);
    await Promise.all([first, second, third].map((r) => r.close(10_000)));
  });

  it('sets aside a replayed item the table could never take, and stores the rest', async () => {
    const dir = journalDir();
    const first = createAccessRecords(db, { retentionDays: 30, journal: { dir, flushMs: HOUR } });
    await first.record(['v-1'], actor, 'customers.get');
    await first.record(['v-2'], actor, 'customers.get');
    // An item without its procedure, as another version might have written it.
    const [segment] = segments(dir);
    const odd = JSON.stringify({ customerId: 'v-3', accessId: 'x', at: new Date().toISOString() });
    appendFileSync(join(dir, segment!), `${odd}\n`);

    const second = createAccessRecords(db, { retentionDays: 30, journal: { dir, flushMs: 10 } });
    expect(second.backlog().items).toBe(2);
    await until(() => second.backlog().items === 0 && segments(dir).length === 0, 'the rest is stored');
    expect((await recordsOf('v-1')).length + (await recordsOf('v-2')).length).toBe(2);
    expect(readFileSync(join(dir, 'rejected.jsonl'), 'utf8')).toBe(`${odd}\n`);
    await Promise.all([first, second].map((r) => r.close(10_000)));
  });

  it('keeps the items journaled while the table refuses them and stores them once it takes them', async () => {
    const own = `${table}-outage`;
    await ensureTable(client, own);
    const ownDb = createDbService({ table: own, client });
    const dir = journalDir();
    const records = createAccessRecords(ownDb, { retentionDays: 30, journal: { dir, flushMs: 10 } });
    await client.send(new DeleteTableCommand({ TableName: own }));
    await waitUntilTableNotExists({ client, maxWaitTime: 60 }, { TableName: own });

    for (let i = 0; i < 5; i++) await records.record([`o-${i}`], actor, 'customers.get');
    await until(() => records.backlog().failures >= 2, 'two failed flushes');
    expect(records.backlog().items).toBe(5);
    expect(segments(dir)).toHaveLength(1);

    await ensureTable(client, own);
    await until(() => records.backlog().items === 0, 'the retry stores them', { timeoutMs: 90_000 });
    const stored = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => ownDb.entities.access.query.byCustomer({ customerId: `o-${i}` }).go()),
    );
    expect(stored.map((s) => s.data.length)).toEqual([1, 1, 1, 1, 1]);
    await records.close(10_000);
    expect(segments(dir)).toEqual([]);
  });

  it('retries the items DynamoDB leaves unprocessed', async () => {
    // DynamoDB Local never throttles, so this store hands back half of the first batch as UnprocessedItems would.
    const dir = journalDir();
    const put = (items: AccessItem[]) => db.entities.access.put(items).go();
    let calls = 0;
    const journal = openJournal<AccessItem>({
      dir,
      flushMs: 10,
      flushItems: 100,
      segmentBytes: 2 ** 20,
      segmentMs: HOUR,
      key: (i) => `${i.customerId}/${i.accessId}`,
      store: async (items) => {
        calls += 1;
        if (calls > 1) return (await put(items)).unprocessed as AccessItem[];
        const half = Math.ceil(items.length / 2);
        await put(items.slice(0, half));
        return items.slice(half);
      },
    });
    const at = new Date().toISOString();
    const items = Array.from({ length: 10 }, (_, i) => ({
      customerId: 'u-1',
      accessId: `0190000-${i}`,
      at,
      month: at.slice(0, 7),
      actorKind: 'service' as const,
      actorId: 'k',
      actorName: 'svc',
      procedure: 'customers.get',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    }));
    await journal.append(items);
    await until(() => journal.backlog().items === 0, 'the unprocessed half is stored');
    expect(calls).toBe(2);
    expect(await recordsOf('u-1')).toHaveLength(10);
    await journal.close(10_000);
  });

  it('refuses the append when the journal cannot be written, and works again once it can', async () => {
    const dir = journalDir();
    // Segments of one write each, so every append opens a file in the directory.
    const records = createAccessRecords(db, {
      retentionDays: 30,
      journal: { dir, flushMs: 10, segmentBytes: 1 },
    });
    await records.record(['w-1'], actor, 'customers.get');
    // The directory replaced by a file: opening a segment in it fails (ENOTDIR), even for root.
    renameSync(dir, `${dir}.away`);
    dirs.push(`${dir}.away`);
    writeFileSync(dir, '');
    await expect(records.record(['w-2'], actor, 'customers.get')).rejects.toBeInstanceOf(JournalWriteError);
    rmSync(dir);
    renameSync(`${dir}.away`, dir);
    await records.record(['w-3'], actor, 'customers.get');
    expect(await records.settled(30_000)).toBe(true);
    expect((await recordsOf('w-1')).length + (await recordsOf('w-3')).length).toBe(2);
    expect(await recordsOf('w-2')).toEqual([]);
    await records.close(10_000);
  });
});
