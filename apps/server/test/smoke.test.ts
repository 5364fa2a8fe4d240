import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerExport, DownloadUrl, PresignedUpload } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort, until } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp.ts';
import { data } from './accounts.ts';
import { type CookieClient, cookieClient } from './trpc-http.ts';
import { pdf, postUpload } from './uploads.ts';

/**
 * The product as a newcomer starts it: `pnpm start` from the repository root, exactly as the README says (only
 * DATA_DIR and PORT chosen, so the run is isolated), then everything over HTTP. The local default: DynamoDB Local
 * and s3rver persisting under DATA_DIR.
 */
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'cadastro-smoke-'));
const running = new Set<ChildProcess>();
const ADMIN_EMAIL = 'admin@cadastro.local';
const NEW_ADMIN_PASSWORD = 'uma-senha-nova-do-admin-2026';

beforeAll(() => {
  const pnpm = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (pnpm.status !== 0) throw new Error('The smoke test runs `pnpm start`: install pnpm (corepack enable)');
});
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  for (const pid of processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** What a user's shell passes on: no AWS settings, no test-runner variables. */
function userEnvironment(port: number): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'JAVA_HOME', 'COREPACK_HOME', 'XDG_CACHE_HOME'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name]) env[name] = process.env[name];
  return { ...env, DATA_DIR: dataDir, PORT: String(port) };
}

async function pnpmStart(port: number) {
  // Its own process group, as a terminal gives a command: Ctrl-C reaches every process in it.
  const child = spawn('pnpm', ['start'], {
    cwd: repoRoot,
    env: userEnvironment(port),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
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
      reject(new Error(`pnpm start exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return { child, output: () => output };
}

/**
 * Ctrl-C in the terminal: SIGINT to the foreground process group. (A SIGTERM to the launcher alone is not enough
 * since pnpm and the `node` package's wrapper run between it and the server; `pnpm start` is not for process
 * managers: systemd runs the release.) Resolves once every process naming DATA_DIR is gone.
 */
async function stop(child: ChildProcess) {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  for (let waited = 0; processesUsing(dataDir).length > 0; waited += 200) {
    if (waited > 60_000) {
      const left = processesUsing(dataDir).map((pid) => `${pid} ${commandOf(pid)}`);
      throw new Error(`Still running after stop:\n${left.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Processes whose command line or environment names this run's DATA_DIR: the server and its emulators. */
function processesUsing(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (cmdline.includes(dir) || environ.includes(dir)) found.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 200);
  } catch {
    return '(gone)';
  }
}

const ok = (res: { status: number; body: unknown }) => expect(res.status, JSON.stringify(res.body)).toBe(200);

describe('pnpm start, used over HTTP', () => {
  it('registers, uploads, downloads, exports, erases, registers again, backs up, and keeps it all across a restart', {
    timeout: 600_000,
  }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await pnpmStart(port);
    // The first operator's generated password is shown once on the console.
    const adminPassword = /password: (\S+)/.exec(first.output())?.[1];
    expect(adminPassword, first.output()).toBeTruthy();
    // The server, DynamoDB Local and s3rver at least: what must all be gone after a stop.
    expect(processesUsing(dataDir).length).toBeGreaterThanOrEqual(3);

    // Register and upload a PDF.
    const customer = cookieClient(url);
    const input = newRegistration();
    ok(await customer.mutation('customers.register', input));
    const bytes = pdf(2048);
    const created = await customer.mutation('attachments.createUpload', {
      kind: 'identity',
      fileName: 'rg.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    ok(created);
    const upload = data<PresignedUpload>(created);
    await postUpload(upload, bytes, 'application/pdf');
    ok(await customer.mutation('attachments.confirm', { attachmentId: upload.attachmentId }));

    // Download it: the same bytes.
    const link = await customer.query('attachments.downloadUrl', { attachmentId: upload.attachmentId });
    ok(link);
    const downloaded = await fetch(data<DownloadUrl>(link).url);
    expect(downloaded.status).toBe(200);
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(bytes);

    // Export, then erase: signed out only once it is done.
    const exported = await customer.query('customers.exportMe');
    ok(exported);
    expect(data<CustomerExport>(exported).documents).toHaveLength(1);
    ok(await customer.mutation('customers.deleteMe', { password: input.password }));
    expect(customer.cookie).toBeNull();

    // The same CPF registers again.
    const again = cookieClient(url);
    const againInput = { ...newRegistration(), cpf: input.cpf };
    ok(await again.mutation('customers.register', againInput));
    const againId = data<{ id: string }>(await again.query('customers.me')).id;

    // The first operator as a user meets it: a new password first, then an authenticator (admins need one);
    // then a backup, verified.
    const operator = cookieClient(url);
    ok(await operator.mutation('auth.operatorSignIn', { email: ADMIN_EMAIL, password: adminPassword }));
    ok(
      await operator.mutation('operators.changePassword', {
        currentPassword: adminPassword,
        newPassword: NEW_ADMIN_PASSWORD,
      }),
    );
    const enrolment = await operator.mutation('operators.beginTotp', {});
    ok(enrolment);
    const { secret } = data<{ secret: string }>(enrolment);
    ok(await operator.mutation('operators.confirmTotp', { code: totpCode(secret) }));
    const { backupId } = await backupNow(operator);
    const verified = await operator.mutation('backups.restore', { backupId, mode: 'verify' });
    ok(verified);
    expect(data<{ verify: { ok: boolean } }>(verified).verify.ok).toBe(true);

    await stop(first.child);

    // Started again: the data is still there.
    const second = await pnpmStart(port);
    try {
      expect(second.output()).not.toContain('First operator');
      const signedIn = cookieClient(url);
      ok(await signedIn.mutation('auth.signIn', { login: input.cpf, password: againInput.password }));
      expect(data<{ id: string }>(await signedIn.query('customers.me')).id).toBe(againId);
      const operatorAgain = cookieClient(url);
      // The next step's code: the one confirmed at enrolment may still be current, and a code works once.
      ok(
        await operatorAgain.mutation('auth.operatorSignIn', {
          email: ADMIN_EMAIL,
          password: NEW_ADMIN_PASSWORD,
          totp: totpCode(secret, Date.now() + 30_000),
        }),
      );
      const listed = await operatorAgain.query('backups.list', { limit: 10 });
      expect(data<{ items: Array<{ id: string; state: string }> }>(listed).items).toContainEqual(
        expect.objectContaining({ id: backupId, state: 'completed' }),
      );
    } finally {
      await stop(second.child);
    }
    expect(processesUsing(dataDir)).toEqual([]);

    // Logs went to DATA_DIR/logs, without the password or the customer's data.
    const logs = readdirSync(join(dataDir, 'logs'))
      .map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8'))
      .join('');
    expect(logs).toContain('first operator created');
    for (const secret of [adminPassword!, NEW_ADMIN_PASSWORD, input.email, input.cpf, input.password])
      expect(logs).not.toContain(secret);
  });
});

async function backupNow(operator: CookieClient): Promise<{ backupId: string }> {
  const created = await operator.mutation('backups.create', {});
  ok(created);
  const { backupId } = data<{ backupId: string }>(created);
  const state = await until(
    async () => {
      const got = await operator.query('backups.get', { backupId });
      const { state } = data<{ state: string }>(got);
      return state === 'running' ? undefined : state;
    },
    'the backup to end',
    { everyMs: 250 },
  );
  expect(state).toBe('completed');
  return { backupId };
}
