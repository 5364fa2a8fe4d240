import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRegistration } from '@cadastro/contracts/testing';
import { applyInfra, localDesiredState } from '@cadastro/infra';
import { freePort } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.ts';
import { buildRelease, type ReleaseSummary } from '../src/release/build-release.ts';
import { localClients, NO_PAUSES, uniqueName, watchRelease } from './helpers.ts';
import {
  assertUnitPrerequisites,
  firejailProtocols,
  readEnvironmentFile,
  unitDirectives,
} from './systemd-unit.ts';

const UNIT_DATA_DIR = '/var/lib/cadastro';
const UNIT_APP_DIR = '/opt/cadastro/current';

/**
 * What `pnpm build` produces, started as cadastro.service starts it on EC2: the unit's user, its Environment= lines
 * and EnvironmentFile, its UMask, its ExecStart with this machine's Node 24 in place of /usr/local/bin/node, and
 * its RestrictAddressFamilies applied by firejail's seccomp filter (systemd is not PID 1 here). The instance's
 * paths (/opt/cadastro/current, /var/lib/cadastro) become temporary directories; the AWS endpoints are the
 * package's DynamoDB Local and moto.
 */
describe('the release, started as its systemd unit starts it', () => {
  const unit = readFileSync(join(import.meta.dirname, '../ec2/cadastro.service'), 'utf8');
  const d = unitDirectives(unit);
  const user = d.get('User')?.[0] ?? 'root';
  const work = mkdtempSync(join(tmpdir(), 'cadastro-release-'));
  const outDir = join(work, 'release');
  const dataDir = join(work, 'data');
  const envFile = join(work, 'cadastro.env');
  const restrict = (cmd: string) => [
    '--noprofile',
    '--quiet',
    `--protocol=${firejailProtocols(d.get('RestrictAddressFamilies')?.[0] ?? '')}`,
    '--',
    'setpriv',
    `--reuid=${user}`,
    `--regid=${user}`,
    '--init-groups',
    'sh',
    '-c',
    `umask ${d.get('UMask')?.[0]} && exec ${cmd}`,
  ];
  let summary: ReleaseSummary;
  let server: ChildProcess | undefined;
  let release: ReturnType<typeof watchRelease> | undefined;
  let url = '';
  const unitPath = (value: string) =>
    value.replaceAll(UNIT_APP_DIR, outDir).replaceAll(UNIT_DATA_DIR, dataDir);

  beforeAll(async () => {
    assertUnitPrerequisites(user);
    const webDist = join(work, 'web-dist');
    mkdirSync(webDist);
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Cadastro</title><div id="root"></div>');
    summary = await buildRelease({ repoRoot: REPO_ROOT, outDir, webDist });
    // As user-data.sh leaves them: the release readable by all, DATA_DIR owned by the service user.
    chmodSync(work, 0o755);
    mkdirSync(dataDir, { mode: 0o750 });
    chownSync(dataDir, uidOf(user), uidOf(user, 'g'));

    const aws = inject('localAws');
    const table = uniqueName('release');
    await applyInfra(
      localClients(),
      localDesiredState({ region: aws.region, table, bucket: table, corsOrigins: [] }),
      NO_PAUSES,
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // What user-data.sh writes, with the stand-ins' endpoints and keys; no CADASTRO_ADMIN_PASSWORD, so the first
    // operator's password is generated.
    writeFileSync(
      envFile,
      [
        `AWS_REGION=${aws.region}`,
        `CADASTRO_TABLE=${table}`,
        `CADASTRO_BUCKET=${table}`,
        `PORT=${port}`,
        'CADASTRO_BLIND_INDEX_SECRET=release-test-secret-0123456789abcdef',
        'LOG_LEVEL=info',
        ...Object.entries(aws.env).map(([k, v]) => `${k}=${v}`),
      ].join('\n'),
      { mode: 0o640 },
    );
    const unitEnv = Object.fromEntries(
      (d.get('Environment') ?? []).map((line) => {
        const [key, ...value] = line.split('=');
        return [key!, unitPath(value.join('='))];
      }),
    );
    expect(d.get('EnvironmentFile')).toEqual(['/etc/cadastro/cadastro.env']);
    const execStart = unitPath(d.get('ExecStart')?.[0] ?? '').replace(
      '/usr/local/bin/node',
      process.execPath,
    );
    server = spawn('firejail', restrict(execStart), {
      cwd: unitPath(d.get('WorkingDirectory')?.[0] ?? '/'),
      // systemd starts from an empty environment; EnvironmentFile= overrides Environment=.
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...unitEnv, ...readEnvironmentFile(envFile) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    release = watchRelease(server);
    await release.ready;
    // Bundling and a cold start share two cores with every other package's tests under `pnpm test`.
  }, 180_000);

  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('is a bundle, the SPA and the EC2 files, with no node_modules (no native module to build on the instance)', () => {
    expect(existsSync(join(outDir, 'node_modules'))).toBe(false);
    expect(existsSync(join(outDir, 'server/main.mjs'))).toBe(true);
    expect(existsSync(join(outDir, 'web/index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'ec2/cadastro.service'))).toBe(true);
    expect(summary.web).toBe('copied');
    const pkg = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8'));
    expect(pkg).toEqual({ name: 'cadastro-release', private: true, type: 'module' });
  });

  it('evaluates at start only what serving needs: backups, restore, SES, TOTP and infra wait for their first use', () => {
    expect(summary.startFiles).toContain('main.mjs');
    const atStart = summary.startSources.join('\n');
    // Present in the release, loaded with import() where first used.
    for (const lazy of [
      'apps/server/src/backups/manager.ts',
      'packages/backup/src/export.ts',
      'packages/backup/src/restore.ts',
      '@aws-sdk/lib-storage',
      'apps/server/src/mail/ses.ts',
      '@aws-sdk/client-sesv2',
      'otpauth',
      'apps/server/src/lifecycle-report.ts',
      'packages/infra/src/lifecycle/',
      'apps/server/src/local-stack.ts',
      'packages/infra/src/engine/',
    ]) {
      expect(atStart, lazy).not.toContain(lazy);
    }
    // The sources served at start are there (the check above reads the right list).
    expect(atStart).toContain('apps/server/src/routers/customers.ts');
    expect(atStart).toContain('@aws-sdk/client-dynamodb');
  });

  it('is ASCII, so V8 keeps the source it holds for lazy compilation at one byte per character', () => {
    const files = readdirSync(join(outDir, 'server'), { recursive: true, encoding: 'utf8' });
    const scripts = files.filter((f) => f.endsWith('.mjs'));
    expect(scripts.length).toBeGreaterThan(1);
    for (const file of scripts) {
      const bytes = readFileSync(join(outDir, 'server', file));
      expect(
        bytes.findIndex((b) => b > 0x7f),
        file,
      ).toBe(-1);
    }
  });

  it('runs on Node 24, the version the instance installs', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it("really runs under the unit's address-family restriction (listing interfaces needs AF_NETLINK)", () => {
    const probe = spawnSync(
      'firejail',
      restrict(`${process.execPath} -e "require('node:os').networkInterfaces()"`),
      { encoding: 'utf8' },
    );
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toContain('uv_interface_addresses');
  });

  it('answers /healthz, serves the SPA, registers a customer, signs in the first operator', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>Cadastro</title>');
    const registered = await fetch(`${url}/trpc/customers.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newRegistration()),
    });
    expect(registered.status).toBe(200);
    expect(registered.headers.get('set-cookie')).toMatch(/cadastro/i);

    // The generated password is in a file only the service user reads, and nowhere else.
    const passwordFile = join(dataDir, 'secrets/first-operator-password');
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, 'utf8').trim();
    const signedIn = await fetch(`${url}/trpc/auth.operatorSignIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@cadastro.local', password }),
    });
    expect(signedIn.status).toBe(200);
  });

  it('keeps sessions and logs under DATA_DIR, owned by the service user, one copy of each line, no secret', () => {
    const owner = uidOf(user);
    const sessions = join(dataDir, 'sessions/sessions.sqlite');
    expect(statSync(sessions).uid).toBe(owner);
    // UMask=0027: nothing the server creates is readable by other users.
    expect(statSync(sessions).mode & 0o007).toBe(0);
    // The access record's journal, on the same volume (the unit's ReadWritePaths), made by the server at start.
    const journal = join(dataDir, 'access-journal');
    expect(statSync(journal).uid).toBe(owner);
    expect(statSync(journal).mode & 0o007).toBe(0);
    const logFiles = readdirSync(join(dataDir, 'logs'));
    expect(logFiles.length).toBeGreaterThan(0);
    for (const name of logFiles) {
      expect(name).toMatch(/^cadastro\.[\d-]+\.\d+\.log$/);
      expect(statSync(join(dataDir, 'logs', name)).mode & 0o007).toBe(0);
    }
    const logs = logFiles.map((name) => readFileSync(join(dataDir, 'logs', name), 'utf8')).join('');
    expect(logs).toContain('customer registered');
    expect(logs).toContain('first operator created');
    // stdout (the journal under systemd) holds the start-up line, not a second copy of the log.
    expect(release?.output()).not.toContain('"msg"');
    const password = readFileSync(join(dataDir, 'secrets/first-operator-password'), 'utf8').trim();
    expect(logs).not.toContain(password);
    expect(release?.output()).not.toContain(password);
    expect(logs).not.toContain('release-test-secret');
  });

  it('stops cleanly on SIGTERM, as systemd stops it', async () => {
    // systemd signals the unit's processes themselves; firejail would answer a signal to it with 143.
    const serverPid = pidRunning(join(outDir, 'server/main.mjs'));
    const code = await new Promise((resolve) => {
      server?.once('exit', resolve);
      process.kill(serverPid, 'SIGTERM');
    });
    expect(code).toBe(0);
    server = undefined;
  });
});

/** The process whose command line holds `script` (the server inside the sandbox). */
function pidRunning(script: string): number {
  const pids = readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(script);
    } catch {
      return false;
    }
  });
  const own = pids.filter((pid) => !readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('firejail'));
  if (own.length !== 1) throw new Error(`expected one process running ${script}, found ${own.join(', ')}`);
  return Number(own[0]);
}

/** A user's (or with `g`, its group's) numeric id. */
function uidOf(user: string, kind: 'u' | 'g' = 'u'): number {
  return Number(spawnSync('id', [`-${kind}`, user], { encoding: 'utf8' }).stdout.trim());
}
