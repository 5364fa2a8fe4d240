import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDbService } from '@cadastro/db';
import { until } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import {
  createDeployment,
  type Deployment,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './server-processes.ts';
import { type TrpcBody, trpcQuery } from './trpc-http.ts';

/**
 * A staff read is answered once its access record is journaled on DATA_DIR; the table gets it shortly after.
 * In-process server: the record shows, and a journal that cannot be written refuses the read. Separate processes
 * of the server entry (as the unit runs it): SIGKILL after reads were answered and before any flush, then a start
 * on the same DATA_DIR stores each record exactly once; SIGTERM stores the journal before the process exits.
 */
const segmentsIn = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.jsonl'));

describe('the access record through the journal (one server)', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A segment per write, so that every read opens a file in the journal's directory.
    server = await startTestServer({ accessJournal: { segmentBytes: 1 } });
  });
  afterAll(() => server?.close());

  const get = (id: string) =>
    trpcQuery(server.url, 'customers.get', { id }, { authorization: `Bearer ${TEST_API_KEY}` });

  it('records a read with a key; the customer sees it', async () => {
    const customer = await registeredCustomer(server);
    expect((await get(customer.id)).status).toBe(200);
    const log = await customer.client.query('customers.accessLog', { limit: 10 });
    expect(data<{ items: Array<{ procedure: string }> }>(log).items).toMatchObject([
      { procedure: 'customers.get' },
    ]);
  });

  it('refuses the read with a clean 503 when the journal cannot be written, never answering unrecorded', async () => {
    const customer = await registeredCustomer(server);
    const dir = join(server.dataDir, 'access-journal');
    await server.services.accessRecords.settled(30_000);
    // The directory replaced by a file: a segment cannot be opened in it (ENOTDIR, whoever runs the test).
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, '');
    try {
      const refused = await get(customer.id);
      expect(refused.status).toBe(503);
      expect(refused.body.error?.data.reason).toBe('DEPENDENCY_UNAVAILABLE');
      expect(JSON.stringify(refused.body)).not.toMatch(/ENOTDIR|journal|access-journal|\/tmp/i);
      expect(JSON.stringify(refused.body)).not.toContain(customer.input.name);
    } finally {
      rmSync(dir);
      renameSync(`${dir}.away`, dir);
    }
    expect((await get(customer.id)).status).toBe(200);
    const log = await customer.client.query('customers.accessLog', { limit: 10 });
    expect(data<{ items: unknown[] }>(log).items).toHaveLength(1); // the answered read only
  });
});

describe('the access journal across a crash and a shutdown (server processes)', () => {
  let deployment: Deployment;
  let dataDir: string;
  let customerId: string;
  const running: ServerProcess[] = [];
  const apiKey = `journal-test-key-${'x'.repeat(24)}`;

  beforeAll(async () => {
    deployment = await createDeployment();
    dataDir = mkdtempSync(join(tmpdir(), 'cadastro-journal-'));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.map((s) => stopServerProcess(s)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const db = () => createDbService({ table: deployment.table, client: deployment.clients.dynamodb });
  const stored = async () =>
    (await db().entities.access.query.byCustomer({ customerId }).go({ pages: 'all' })).data;
  const start = async (name: string, env: Record<string, string> = {}) => {
    const server = await startServerProcess(deployment, name, {
      DATA_DIR: dataDir,
      CADASTRO_API_KEYS: apiKey,
      SHUTDOWN_DRAIN_SECONDS: '0',
      ...env,
    });
    running.push(server);
    return server;
  };
  const read = async (server: ServerProcess) => {
    const res = await trpcQuery(
      server.url,
      'customers.get',
      { id: customerId },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const backlogOf = async (server: ServerProcess) => {
    const body = (await (await fetch(`${server.url}/readyz`)).json()) as TrpcBody & {
      accessJournal: { items: number; oldestSeconds: number };
    };
    return body.accessJournal;
  };

  it('stores the records of reads answered before a SIGKILL exactly once, at the next start', async () => {
    // No flush for an hour: the records are only in the journal when the process dies.
    const first = await start('before-kill', { ACCESS_JOURNAL_FLUSH_MS: '3600000' });
    customerId = (await registeredCustomer(first)).id;
    for (let i = 0; i < 7; i++) await read(first);
    expect((await backlogOf(first)).items).toBe(7);
    expect(await stored()).toEqual([]);

    first.child.kill('SIGKILL');
    await first.exited;
    expect(segmentsIn(join(dataDir, 'access-journal')).length).toBeGreaterThan(0);

    const second = await start('after-kill');
    await until(async () => (await stored()).length >= 7, 'the replayed records are in the table');
    await until(async () => (await backlogOf(second)).items === 0, 'the backlog is empty');
    const records = await stored();
    expect(records).toHaveLength(7);
    expect(new Set(records.map((r) => r.accessId)).size).toBe(7);
    expect(records.every((r) => r.procedure === 'customers.get' && r.actorKind === 'service')).toBe(true);
    expect(second.logs().some((l) => l.msg === 'access journal: replaying a previous run')).toBe(true);

    // A shutdown now leaves no segment behind, and nothing is stored twice.
    await stopServerProcess(second);
    expect(segmentsIn(join(dataDir, 'access-journal'))).toEqual([]);
    expect(await stored()).toHaveLength(7);
  });

  it('stores the journal on SIGTERM before the process exits', async () => {
    const server = await start('drain', { ACCESS_JOURNAL_FLUSH_MS: '3600000' });
    for (let i = 0; i < 4; i++) await read(server);
    expect((await backlogOf(server)).items).toBe(4);
    expect(await stored()).toHaveLength(7);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(await stored()).toHaveLength(11);
    expect(segmentsIn(join(dataDir, 'access-journal'))).toEqual([]);
  });
});
