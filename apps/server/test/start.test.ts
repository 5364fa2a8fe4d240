import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: {
      PATH: process.env.PATH,
      HOME: join(dataDir, 'home'), // no ~/.aws here: the local default applies
      DATA_DIR: dataDir,
      PORT: String(port),
      CADASTRO_API_KEYS: apiKey,
      LOG_LEVEL: 'info',
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
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('pnpm start (local default)', () => {
  // Two starts of the real server with DynamoDB Local and s3rver: slow on a busy 2-core machine.
  it('keeps a registered customer across a restart and stops cleanly on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const input = newRegistration();

    const first = await start(port);
    // The first operator's generated password is shown once on the console…
    const shown = /password: (\S+)/.exec(first.output())?.[1];
    expect(shown).toBeTruthy();
    const created = await trpcMutation(url, 'customers.register', input);
    expect(created.status).toBe(200);
    const { id } = created.body.result!.data as { id: string };
    const operator = await trpcMutation(
      url,
      'auth.operatorSignIn',
      { email: 'admin@cadastro.local', password: shown },
      { origin: url },
    );
    expect(operator.status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await start(port);
    try {
      // …and only once.
      expect(second.output()).not.toContain('First operator');
      const fetched = await trpcQuery(url, 'customers.get', { id }, { authorization: `Bearer ${apiKey}` });
      expect(fetched.status).toBe(200);
      expect(fetched.body.result?.data).toMatchObject({ id, email: input.email });
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
    // Logs went to DATA_DIR/logs, without the password or the customer's data.
    const logs = readdirSync(join(dataDir, 'logs')).map((f) =>
      readFileSync(join(dataDir, 'logs', f), 'utf8'),
    );
    expect(logs.join('')).toContain('first operator created');
    for (const secret of [shown!, input.email, input.cpf, input.password])
      expect(logs.join('')).not.toContain(secret);
  });

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
