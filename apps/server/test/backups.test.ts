import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CopyObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { type BackupProgress, partKeyOf, readManifest } from '@cadastro/backup';
import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newApiKey } from '../src/api-keys.ts';
import { startBackupSchedule } from '../src/backups/schedule.ts';
import { createSlotRunner } from '../src/jobs/once-per-slot.ts';
import { asOperator, callerFor, startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import { trpcMutation, trpcQuery } from './trpc-http.ts';

let server: TestServer;
/** A service key made to run backups: the bootstrap key only reads. */
const auth = { authorization: '' };

beforeAll(async () => {
  server = await startTestServer();
  const { key, item } = newApiKey({ name: 'Backups', scopes: ['backups:read', 'backups:run'] }, 'test');
  await server.services.apiKeyStore.create(item);
  auth.authorization = `Bearer ${key}`;
  for (let i = 0; i < 6; i++) {
    expect((await trpcMutation(server.url, 'customers.register', newRegistration())).status).toBe(200);
  }
});
afterAll(() => server?.close());

/** Reads a tRPC subscription over SSE (what `httpSubscriptionLink` does), with an API key, until it ends. */
async function readSse(path: string, input: unknown): Promise<unknown[]> {
  const res = await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { ...auth, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(30_000),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const data: unknown[] = [];
  let event = 'message';
  const text = await res.text(); // the server closes the stream after the final event
  for (const line of text.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) {
      if (event === 'message' || event === '') data.push(JSON.parse(line.slice(5)));
      event = 'message';
    }
  }
  return data;
}

/** `src/cli/restore.ts` as `pnpm restore` runs it, configured for this test server's table and bucket. */
async function restoreCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const aws = inject('localAws');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: {
      PATH: process.env.PATH,
      DATA_DIR: server.dataDir,
      CADASTRO_MODE: 'aws',
      AWS_REGION: aws.region,
      AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: aws.dynamodbEndpoint,
      AWS_ENDPOINT_URL_S3: aws.s3Endpoint,
      CADASTRO_TABLE: server.table,
      CADASTRO_BUCKET: server.bucket,
      CADASTRO_BLIND_INDEX_SECRET: server.blindIndexSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

describe('backups over HTTP', () => {
  it('denies anonymous callers, customers and read-only keys', async () => {
    expect((await trpcMutation(server.url, 'backups.create', {})).status).toBe(401);
    const readOnly = { authorization: `Bearer ${TEST_API_KEY}` };
    const refused = await trpcMutation(server.url, 'backups.create', {}, readOnly);
    expect([refused.status, refused.body.error?.data.reason]).toEqual([403, 'MISSING_SCOPE']);
    const asCustomer = callerFor(server, { role: 'customer', customerId: 'c-1' });
    await expect(asCustomer.backups.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('creates a backup, streams its progress over SSE to the final counts, then lists it as completed', async () => {
    const created = await trpcMutation(server.url, 'backups.create', {}, auth);
    expect(created.status).toBe(200);
    const { backupId } = created.body.result!.data as { backupId: string };

    const events = (await readSse('backups.progress', { backupId })) as BackupProgress[];
    expect(events.length).toBeGreaterThan(0);
    for (let i = 1; i < events.length; i++) expect(events[i]!.seq).toBeGreaterThan(events[i - 1]!.seq);
    const last = events.at(-1)!;
    const manifest = await readManifest(server.clients.s3, server.bucket, backupId);
    expect(last).toMatchObject({ phase: 'completed', items: manifest.totalItems, counts: manifest.counts });
    expect(manifest.counts).toMatchObject({ customer: 6, uniqueness: 12, event: 6 });

    const listed = await trpcQuery(server.url, 'backups.list', { limit: 10 }, auth);
    expect(listed.body.result?.data).toMatchObject({
      items: [
        {
          id: backupId,
          state: 'completed',
          trigger: 'api',
          items: manifest.totalItems,
          bytes: manifest.totalBytes,
          storage: { storageClass: 'STANDARD', availability: 'available' },
        },
      ],
    });

    // Restores, even a verify that reads every customer's data, are for operators: never for a key.
    const byKey = await trpcMutation(server.url, 'backups.restore', { backupId, mode: 'verify' }, auth);
    expect(byKey.status).toBe(403);
    const operator = await server.services.operators.getByEmail('operadora@example.com');
    const verified = await callerFor(server, asOperator(operator!.operatorId)).backups.restore({
      backupId,
      mode: 'verify',
    });
    expect(verified).toMatchObject({ mode: 'verify', verify: { ok: true } });
  });

  it('answers CONFLICT/BACKUP_RUNNING while another backup holds the lock', async () => {
    const staff = callerFor(server, asOperator('op-1'));
    const first = await staff.backups.create();
    const second = await trpcMutation(server.url, 'backups.create', {}, auth);
    expect(second.status).toBe(409);
    expect(second.body.error?.data).toMatchObject({
      reason: 'BACKUP_RUNNING',
      runningBackupId: first.backupId,
    });
    for await (const _ of server.services.backups.progress(first.backupId)) {
      // drain until the run ends
    }
  });

  it('restores into a new table and reports archived backups with reason ARCHIVED', async () => {
    const operator = await server.services.operators.getByEmail('operadora@example.com');
    const staff = callerFor(server, asOperator(operator!.operatorId));
    const { backupId } = await staff.backups.create();
    for await (const _ of server.services.backups.progress(backupId)) {
      // wait for the end
    }
    const applied = await staff.backups.restore({ backupId, mode: 'apply' });
    expect(applied).toMatchObject({ mode: 'apply', apply: { createdTable: true, countsMatch: true } });

    const manifest = await readManifest(server.clients.s3, server.bucket, backupId);
    for (const part of manifest.parts) {
      const key = partKeyOf(backupId, manifest, part.name);
      await server.clients.s3.send(
        new CopyObjectCommand({
          Bucket: server.bucket,
          Key: key,
          CopySource: `${server.bucket}/${key}`,
          StorageClass: 'DEEP_ARCHIVE',
        }),
      );
    }
    const archived = await staff.backups.restore({ backupId, mode: 'verify' }).catch((e: unknown) => e);
    expect(archived).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ARCHIVED' });
    const shown = await staff.backups.get({ backupId });
    expect(shown.storage).toMatchObject({ storageClass: 'DEEP_ARCHIVE', availability: 'archived' });
  });

  it('lists a backup whose part was deleted as damaged, naming the part', async () => {
    const staff = callerFor(server, asOperator('op-1'));
    const { backupId } = await staff.backups.create();
    for await (const _ of server.services.backups.progress(backupId)) {
      // wait for the end
    }
    const manifest = await readManifest(server.clients.s3, server.bucket, backupId);
    const victim = manifest.parts[0]!;
    await server.clients.s3.send(
      new DeleteObjectCommand({ Bucket: server.bucket, Key: partKeyOf(backupId, manifest, victim.name) }),
    );
    const listed = await trpcQuery(server.url, 'backups.list', { limit: 10 }, auth);
    const shown = (listed.body.result!.data as { items: Array<{ id: string }> }).items.find(
      (b) => b.id === backupId,
    );
    expect(shown).toMatchObject({ state: 'damaged', problems: [`${victim.name} is missing`] });

    // `pnpm restore --list` (the CLI the root script runs) marks it too.
    const listedByCli = await restoreCli(['--list']);
    expect(listedByCli.code, listedByCli.output).toBe(0);
    const line = listedByCli.output.split('\n').find((l) => l.startsWith(backupId));
    expect(line).toMatch(/damaged/);
    expect(line).toContain(`${victim.name} is missing`);
  });

  it('restores into the live table only with break-glass confirmation, adding what is missing and nothing else', async () => {
    const operator = await server.services.operators.getByEmail('operadora@example.com');
    const admin = callerFor(server, asOperator(operator!.operatorId));
    const { id } = (await trpcMutation(server.url, 'customers.register', newRegistration())).body.result!
      .data as { id: string };
    const { key, item } = newApiKey({ name: 'Vazada', scopes: ['customers:read'] }, 'test');
    await server.services.apiKeyStore.create(item);
    const { backupId } = await admin.backups.create();
    for await (const _ of server.services.backups.progress(backupId)) {
      // wait for the end
    }
    // After the backup: the customer corrects their name, the key is revoked, one history item is lost.
    await admin.customers.update({ id, version: 1, changes: { name: 'Nome Corrigido Depois' } });
    await server.services.apiKeyStore.revoke(item.keyId);
    const [registered] = (await server.services.events.list(id, { limit: 10 })).items.reverse();
    await server.services.db.entities.event
      .delete({ customerId: id, at: registered!.at, eventId: registered!.eventId })
      .go();

    const live = {
      backupId,
      mode: 'apply' as const,
      targetTable: server.services.table,
      allowNonEmpty: true,
    };
    await expect(admin.backups.restore(live)).rejects.toMatchObject({ reason: 'CONFIRMATION_REQUIRED' });
    const applied = await admin.backups.restore({ ...live, confirmLiveTable: server.services.table });
    expect(applied.mode === 'apply' && applied.apply.keptExisting.customer).toBeGreaterThan(0);

    expect((await server.services.customers.getById(id))?.name).toBe('Nome Corrigido Depois');
    expect((await server.services.apiKeyStore.get(item.keyId))?.revokedAt).toEqual(expect.any(String));
    const leaked = await trpcQuery(server.url, 'customers.list', {}, { authorization: `Bearer ${key}` });
    expect(leaked.status).toBe(401);
    const history = (await server.services.events.list(id, { limit: 10 })).items.map((e) => e.eventId);
    expect(history).toContain(registered!.eventId);
  });

  it('answers NOT_FOUND for an unknown backup and BAD_REQUEST for a malformed id', async () => {
    const unknown = await trpcQuery(
      server.url,
      'backups.get',
      { backupId: '019ab8f0-0000-7000-8000-00000000abcd' },
      auth,
    );
    expect(unknown.status).toBe(404);
    const malformed = await trpcQuery(server.url, 'backups.get', { backupId: 'nope' }, auth);
    expect(malformed.status).toBe(400);
    // Restoring one is not found either (not "incomplete": nothing of it was ever written).
    const admin = callerFor(server, asOperator('op-1'));
    for (const mode of ['verify', 'apply'] as const) {
      const restored = await admin.backups
        .restore({ backupId: '019ab8f0-0000-7000-8000-00000000abcd', mode })
        .catch((e: unknown) => e);
      expect(restored, mode).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    }
  });
});

describe('scheduled backups', () => {
  it('run on a tick of the schedule', async () => {
    const logged: string[] = [];
    const log = {
      info: (_: unknown, m: string) => void logged.push(m),
      warn: (_: unknown, m: string) => void logged.push(m),
      error: (_: unknown, m: string) => void logged.push(m),
    };
    const schedule = startBackupSchedule(server.services.backups, {
      expression: '0 3 * * *',
      timezone: 'America/Sao_Paulo',
      log,
      runOnce: createSlotRunner({ db: server.services.db, log }),
    });
    expect(schedule.next()?.toISOString()).toMatch(/T06:00:00\.000Z$/); // 03:00 in São Paulo
    await schedule.trigger();
    schedule.stop();
    expect(logged).toEqual(['job slot taken', 'scheduled backup started', 'job done']);
    const { items } = await callerFor(server, asOperator('op')).backups.list({
      limit: 1,
    });
    expect(items[0]).toMatchObject({ trigger: 'schedule', state: 'completed' });
  });
});
