import { randomBytes } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDbService } from '@cadastro/db';
import { until } from '@cadastro/local-aws';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackupManager } from '../src/backups/manager.ts';
import {
  createDeployment,
  type Deployment,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './server-processes.ts';

/**
 * Scheduled jobs on two instances: two processes of the server entry with the same backup schedule and upload
 * sweep, sharing the table and the bucket. The schedule is injected through its variable with a seconds field
 * (every 20 s) and the job lease is short (6 s), so the test waits seconds rather than minutes. The table holds
 * enough bulk that a backup takes seconds, long enough to kill its holder mid-run.
 */
const PERIOD_S = 20;
let deployment: Deployment;
let db: ReturnType<typeof createDbService>;
let backups: ReturnType<typeof createBackupManager>;
const servers: ServerProcess[] = [];
let readyAt = 0;
/** Job slots come every PERIOD_S on a busy machine; a timeout shows what both servers logged. */
const waiting = {
  timeoutMs: 180_000,
  everyMs: 50,
  detail: () => servers.map((s) => s.output().slice(-3000)).join('\n'),
};

type LogLine = Record<string, unknown> & { msg?: string; job?: string; slot?: string };

beforeAll(async () => {
  // s3rver: a backup killed mid-run leaves an unfinished multipart upload, and moto's `/moto-api/data.json`
  // (which other test files read for e-mail) answers 500 while one exists.
  deployment = await createDeployment({ s3: 's3rver' });
  const { clients, table, bucket } = deployment;
  db = createDbService({ table, client: clients.dynamodb });
  backups = createBackupManager({ dynamodb: clients.dynamodb, s3: clients.s3, db, table, bucket });
  // Bulk for the backups to carry: items of no entity (backed up as "untagged"), 300 KB of incompressible text.
  const put = pLimit(8);
  await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      put(() =>
        clients.dynamodb.send(
          new PutItemCommand({
            TableName: table,
            Item: {
              pk: { S: `bulk#${i}` },
              sk: { S: 'bulk' },
              filler: { S: randomBytes(225_000).toString('base64') },
            },
          }),
        ),
      ),
    ),
  );
  const env = {
    CADASTRO_BACKUP_SCHEDULE: `*/${PERIOD_S} * * * * *`,
    CADASTRO_JOB_LEASE_SECONDS: '6',
    CADASTRO_UPLOAD_SWEEP_SECONDS: '5',
  };
  servers.push(
    ...(await Promise.all([
      startServerProcess(deployment, 'jobs-a', env),
      startServerProcess(deployment, 'jobs-b', env),
    ])),
  );
  readyAt = Date.now();
}, 240_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => stopServerProcess(s)));
});

const jobLines = (server: ServerProcess, job: string): LogLine[] =>
  (server.logs() as LogLine[]).filter((l) => l.job === job);

/** The slots of `job` that both processes have finished with (ran it, or found it done), from their logs. */
function settledSlots(job: string, from: ServerProcess[]) {
  const settled = (s: ServerProcess) =>
    new Set(
      jobLines(s, job)
        .filter((l) => ['job done', 'job failed', 'job slot already done'].includes(l.msg ?? ''))
        .map((l) => l.slot!),
    );
  const [first, ...rest] = from.map(settled);
  return [...first!].filter((slot) => rest.every((set) => set.has(slot)) && Date.parse(slot) > readyAt);
}

/** Who ran `slot` of `job`: the processes that logged its completion, with what they logged. */
const runsOf = (job: string, slot: string) =>
  servers.flatMap((s) =>
    jobLines(s, job)
      .filter((l) => l.slot === slot && l.msg === 'job done')
      .map((l) => ({ server: s.name, line: l })),
  );

describe('scheduled jobs on two server processes', () => {
  it('a scheduled backup fires on both in the same slot and runs exactly once', async () => {
    const [slot] = await until(
      () => {
        const slots = settledSlots('backup', servers);
        return slots.length ? slots : undefined;
      },
      'a backup slot both processes settled',
      waiting,
    );
    const runs = runsOf('backup', slot!);
    expect(runs).toHaveLength(1);
    // The other process found the slot taken, waited while the backup ran, then found it done.
    const other = servers.find((s) => s.name !== runs[0]!.server)!;
    expect(
      jobLines(other, 'backup')
        .filter((l) => l.slot === slot)
        .map((l) => l.msg),
    ).toEqual(['job slot already done']);
    const backupId = runs[0]!.line.backupId as string;
    expect((await backups.get(backupId)).state).toBe('completed');
    const scheduled = (await backups.list(50)).items.filter((b) => b.trigger === 'schedule');
    const inSlot = scheduled.filter((b) => Date.parse(b.startedAt) - Date.parse(slot!) < PERIOD_S * 1000);
    expect(inSlot.filter((b) => Date.parse(b.startedAt) >= Date.parse(slot!)).map((b) => b.id)).toEqual([
      backupId,
    ]);
  }, 240_000);

  it('the upload sweep runs once per slot across both', async () => {
    const slots = await until(
      () => {
        const found = settledSlots('upload-sweep', servers);
        return found.length >= 2 ? found : undefined;
      },
      'two sweep slots both processes settled',
      waiting,
    );
    for (const slot of slots) expect(runsOf('upload-sweep', slot), slot).toHaveLength(1);
  }, 240_000);

  it('killing the holder mid-run (SIGKILL) lets the other take the slot over; the half backup is never good', async () => {
    // The next backup slot: wait until a process holds it and its backup is running.
    const slot = new Date((Math.floor(Date.now() / (PERIOD_S * 1000)) + 1) * PERIOD_S * 1000).toISOString();
    const { holder, running } = await until(
      async () => {
        const { data: lease } = await db.entities.lock
          .get({ name: `job:backup:${slot}` })
          .go({ consistent: true });
        if (!lease || lease.holder.startsWith('completed:')) return undefined;
        const list = await backups.list(10);
        const run = list.items.find(
          (b) => b.state === 'running' && Date.parse(b.startedAt) >= Date.parse(slot),
        );
        return run ? { holder: lease.holder, running: run.id } : undefined;
      },
      `a running backup in slot ${slot}`,
      waiting,
    );
    const pid = Number(holder.split(':').at(-1));
    const victim = servers.find((s) => s.pid === pid)!;
    const survivor = servers.find((s) => s !== victim)!;
    expect(victim, holder).toBeTruthy();
    victim.child.kill('SIGKILL');
    await victim.exited;

    // While it was dead, its lease ran out; the survivor took the slot over and ran the backup to the end.
    const done = await until(() => runsOf('backup', slot)[0], `the takeover of slot ${slot}`, waiting);
    expect(done.server).toBe(survivor.name);
    const takeover = jobLines(survivor, 'backup').find(
      (l) => l.slot === slot && l.msg === 'job slot taken over',
    );
    expect(takeover?.from).toBe(holder);
    const completed = await backups.get(done.line.backupId as string);
    expect(completed.state).toBe('completed');

    // The half backup is listed, and not as good.
    const half = await backups.get(running);
    expect(half.state).toBe('failed');
    expect(half.error).toMatch(/Interrupted/);
    const good = (await backups.list(50)).items.filter((b) => b.state === 'completed').map((b) => b.id);
    expect(good).not.toContain(running);
    expect(good).toContain(completed.id);
  }, 300_000);
});
