import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_DEFAULTS,
  BACKUP_LOCK,
  createBackupRecords,
  createLease,
  manifestKeyOf,
  runBackup,
  startBackup,
} from '../src/index.ts';
import { freshEnvironment, manualClock, seedCustomers, type TestEnvironment } from './fixtures.ts';

async function hasManifest(env: TestEnvironment, backupId: string) {
  return env.s3.send(new HeadObjectCommand({ Bucket: env.bucket, Key: manifestKeyOf(backupId) })).then(
    () => true,
    () => false,
  );
}

async function completedIds(env: TestEnvironment) {
  const { items } = await createBackupRecords(env.db).list(50);
  return items.filter((b) => b.state === 'completed').map((b) => b.backupId);
}

describe('a backup that dies halfway', () => {
  it('after a part upload fails: no manifest, recorded failed, lock released, the next backup runs', async () => {
    const env = await freshEnvironment();
    await seedCustomers(env, 10);
    // S3 refuses the customer part, as a network failure halfway through the upload would.
    const failing = { on: true };
    env.s3.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? '';
        if (failing.on && context.commandName === 'PutObjectCommand' && key.includes('customer.')) {
          throw Object.assign(new Error('Injected upload failure'), { name: 'InjectedFailure' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectFailure' },
    );

    const failed = await startBackup(env, { trigger: 'api', pageSize: 5 });
    await expect(failed.done).rejects.toThrow('Injected upload failure');
    expect(await hasManifest(env, failed.backupId)).toBe(false);
    const record = await createBackupRecords(env.db).get(failed.backupId);
    expect(record).toMatchObject({ state: 'failed', error: 'Injected upload failure' });
    expect(record?.manifestKey).toBeUndefined();
    expect(await completedIds(env)).toEqual([]);
    expect(failed.progress.last).toMatchObject({ phase: 'failed', error: 'Injected upload failure' });

    failing.on = false;
    const next = await runBackup(env, { trigger: 'api' });
    expect(next.manifest.totalItems).toBe(80);
    expect(await completedIds(env)).toEqual([next.backupId]);
  });

  it('when aborted: uploads are aborted, no manifest is written, the next backup runs', async () => {
    const env = await freshEnvironment();
    await seedCustomers(env, 10);
    const controller = new AbortController();
    const run = await startBackup(env, {
      trigger: 'cli',
      signal: controller.signal,
      pageSize: 3,
      segments: 1,
      progressIntervalMs: 0,
    });
    for await (const event of run.progress.subscribe()) {
      if (event.items > 0) controller.abort(new Error('Stopped by the operator'));
    }
    await expect(run.done).rejects.toThrow();
    expect(await hasManifest(env, run.backupId)).toBe(false);
    expect((await createBackupRecords(env.db).get(run.backupId))?.state).toBe('failed');
    const listed = await env.s3.send(new ListObjectsV2Command({ Bucket: env.bucket, Prefix: 'backups/' }));
    expect((listed.Contents ?? []).filter((o) => o.Key?.endsWith('manifest.json'))).toEqual([]);

    const next = await runBackup(env, { trigger: 'cli' });
    expect(next.manifest.totalItems).toBe(80);
  });

  it('after a crash that kept the lock: the next run waits for the lease to expire, then marks the dead run failed', async () => {
    const env = await freshEnvironment();
    await seedCustomers(env, 2);
    const clock = manualClock();
    const records = createBackupRecords(env.db);
    // A run that crashed: its record says running and it still holds the lease.
    const crashedId = '019ab8f0-0000-7000-8000-000000000001';
    await records.start({
      backupId: crashedId,
      trigger: 'schedule',
      startedAt: clock.now().toISOString(),
      prefix: 'backups/2026/11/25/x/',
    });
    const lease = createLease({ db: env.db, name: BACKUP_LOCK, leaseMs: BACKUP_DEFAULTS.leaseMs, clock });
    expect(await lease.acquire(crashedId)).toEqual({ acquired: true });

    const blocked = await runBackup({ ...env, clock }, { trigger: 'schedule' }).catch((e) => e);
    expect(blocked).toMatchObject({ code: 'BACKUP_RUNNING', details: { runningBackupId: crashedId } });

    clock.advance(BACKUP_DEFAULTS.leaseMs + 1000);
    const next = await runBackup({ ...env, clock }, { trigger: 'schedule' });
    expect(next.manifest.totalItems).toBe(16);
    expect(await records.get(crashedId)).toMatchObject({
      state: 'failed',
      error: 'Interrupted: its lease expired',
    });
    expect(await lease.current()).toBeNull();
  });

  it('never runs two at once', async () => {
    const env = await freshEnvironment();
    await seedCustomers(env, 3);
    const first = await startBackup(env, { trigger: 'api' });
    const second = await startBackup(env, { trigger: 'api' }).catch((e) => e);
    expect(second).toMatchObject({ code: 'BACKUP_RUNNING', details: { runningBackupId: first.backupId } });
    await first.done;
  });
});
