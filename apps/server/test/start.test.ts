import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort } from '@cadastro/local-aws';
import { afterAll, describe, expect, it } from 'vitest';
import { trpcMutation, trpcQuery } from './trpc-http.ts';

/** `pnpm start` as a newcomer runs it: local mode, DynamoDB Local and s3rver persisting under DATA_DIR. */
const dataDir = mkdtempSync(join(tmpdir(), 'cadastro-start-'));
const apiKey = 'smoke-test-key-0123456789abcdefghijklmnopq';
/** Servers still running when a test fails or times out: stopped so they never outlive the run. */
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: {
      PATH: process.env.PATH,
      HOME: join(dataDir, 'home'), // no ~/.aws here: the local default applies
      DATA_DIR: dataDir,
      PORT: String(port),
      CADASTRO_API_KEYS: apiKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Cadastro is running at')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return child;
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('pnpm start (local default)', () => {
  it('keeps a registered customer across a restart and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const input = newRegistration();

    const first = await start(port);
    const created = await trpcMutation(url, 'customers.register', input);
    expect(created.status).toBe(200);
    const { id } = created.body.result!.data as { id: string };
    expect(await stop(first)).toBe(0);

    const second = await start(port);
    try {
      const fetched = await trpcQuery(url, 'customers.get', { id }, { authorization: `Bearer ${apiKey}` });
      expect(fetched.status).toBe(200);
      expect(fetched.body.result?.data).toMatchObject({ id, email: input.email });
    } finally {
      expect(await stop(second)).toBe(0);
    }
    // Two cold starts (tsx, Java, s3rver, the local apply) share two cores with the other packages' tests.
  }, 180_000);

  it('refuses to start with a bad variable, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: { PATH: process.env.PATH, PORT: 'eighty', CADASTRO_TABLE: 'x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('CADASTRO_TABLE');
  });
});
