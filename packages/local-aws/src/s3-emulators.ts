import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunningEmulator } from './dynamodb-local.ts';
import { spawnGuarded } from './guarded-process.ts';
import { requireCommand } from './prerequisites.ts';
import { freePort, waitUntilAnswering } from './wait.ts';

/**
 * moto's S3 server (in memory): implements lifecycle configuration, storage classes, `InvalidObjectState`
 * and RestoreObject, encryption and public access blocks, which is why the tests use it.
 * `MOTO_SERVER` may name the executable.
 */
export async function startMoto(): Promise<RunningEmulator> {
  const command = process.env.MOTO_SERVER ?? 'moto_server';
  requireCommand(command, '--help', 'The tests need moto\'s S3 server: pip install "moto[server]"');
  const port = await freePort();
  const proc = spawnGuarded(command, ['-H', '127.0.0.1', '-p', String(port)]);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${endpoint}/moto-api/`, proc, 'moto_server');
  return { endpoint, stop: () => proc.stop() };
}

/** s3rver's only accepted credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * s3rver persists to a directory, so `pnpm start` keeps its files across restarts. It runs in its own Node
 * process because its ListObjectsV2 continuation needs `--openssl-legacy-provider` (Node 20 and 24 alike).
 */
export async function startS3rver(directory: string): Promise<RunningEmulator> {
  mkdirSync(directory, { recursive: true });
  const bin = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');
  const port = await freePort();
  const proc = spawnGuarded(process.execPath, [
    '--openssl-legacy-provider',
    bin,
    '--directory',
    directory,
    '--address',
    '127.0.0.1',
    '--port',
    String(port),
    '--silent',
  ]);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(endpoint, proc, 's3rver');
  return { endpoint, stop: () => proc.stop() };
}
