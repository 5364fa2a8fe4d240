import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { BACKUP_DEFAULTS, BACKUP_LOCK, createBackupRecords, createLease, startBackup } from '../src/index.ts';
import { freshEnvironment, seedCustomers } from './fixtures.ts';

/** An S3 endpoint that accepts connections and never answers: a backup using it stays mid-upload. */
async function silentEndpoint() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a backup process killed with SIGKILL mid-run', () => {
  it('blocks the next backup only until its lease lapses, and is then shown interrupted', async () => {
    expect(BACKUP_DEFAULTS.leaseMs).toBeLessThanOrEqual(60_000);
    expect(BACKUP_DEFAULTS.heartbeatMs * 6).toBeLessThanOrEqual(BACKUP_DEFAULTS.leaseMs);

    const env = await freshEnvironment();
    await seedCustomers(env, 5);
    const silent = await silentEndpoint();
    const aws = inject('localAws');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./crashing-backup.ts', import.meta.url))],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: aws.dynamodbEndpoint,
          SILENT_S3_ENDPOINT: silent.endpoint,
          TABLE: env.table,
          BUCKET: env.bucket,
          REGION: aws.region,
          KEY_ID: aws.credentials.accessKeyId,
          SECRET: aws.credentials.secretAccessKey,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const deadId = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const match = /running (\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.stderr.on('data', (c: Buffer) => {
          err += c.toString();
        });
        child.on('exit', (code) => reject(new Error(`the backup process exited (${code}) early:\n${err}`)));
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));

      // The dead run still holds the lease: a new backup is refused, for at most the lease's length.
      const lease = await createLease({
        db: env.db,
        name: BACKUP_LOCK,
        leaseMs: BACKUP_DEFAULTS.leaseMs,
        clock: { now: () => new Date() },
      }).current();
      expect(lease?.holder).toBe(deadId);
      expect(lease!.expiresAt * 1000 - Date.parse(lease!.acquiredAt)).toBeLessThanOrEqual(
        BACKUP_DEFAULTS.leaseMs,
      );
      await expect(startBackup(env, { trigger: 'cli' })).rejects.toMatchObject({ code: 'BACKUP_RUNNING' });

      // Once it lapses, the next backup starts and the dead run is recorded as interrupted.
      let next: Awaited<ReturnType<typeof startBackup>> | undefined;
      const deadline = Date.now() + BACKUP_DEFAULTS.leaseMs + 60_000;
      while (!next && Date.now() < deadline) {
        next = await startBackup(env, { trigger: 'cli' }).catch((error: { code?: string }) => {
          if (error.code !== 'BACKUP_RUNNING') throw error;
          return undefined;
        });
        if (!next) await new Promise((r) => setTimeout(r, 1000));
      }
      expect(next, 'the next backup never started').toBeDefined();
      await next!.done;
      const dead = await createBackupRecords(env.db).get(deadId);
      expect(dead).toMatchObject({ state: 'failed', error: expect.stringMatching(/Interrupted/) });
    } finally {
      child.kill('SIGKILL');
      await silent.close();
    }
  }, 240_000);
});
