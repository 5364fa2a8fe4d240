import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../src/commands.ts';
import { localDesiredState } from '../src/desired/state.ts';
import { applyInfra } from '../src/infra.ts';
import { buildRelease, type ReleaseSummary } from '../src/release/build-release.ts';
import { localClients, NO_PAUSES, uniqueName } from './helpers.ts';

/**
 * What `pnpm build` produces, started as systemd starts it on EC2: plain `node`, NODE_ENV=production,
 * CADASTRO_MODE=aws, from a directory outside the repository so no workspace node_modules can help it.
 */
describe('the release', () => {
  const work = mkdtempSync(join(tmpdir(), 'cadastro-release-'));
  const outDir = join(work, 'release');
  let summary: ReleaseSummary;
  let server: ChildProcess | undefined;
  let output = '';
  let url = '';

  beforeAll(async () => {
    const webDist = join(work, 'web-dist');
    mkdirSync(webDist);
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Cadastro</title><div id="root"></div>');
    summary = await buildRelease({ repoRoot: REPO_ROOT, outDir, webDist });

    const aws = inject('localAws');
    const table = uniqueName('release');
    await applyInfra(
      localClients(),
      localDesiredState({ region: aws.region, table, bucket: table, corsOrigins: [] }),
      NO_PAUSES,
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--enable-source-maps', 'server/main.mjs'], {
      cwd: outDir,
      env: {
        PATH: process.env.PATH,
        HOME: work,
        ...aws.env,
        NODE_ENV: 'production',
        CADASTRO_MODE: 'aws',
        CADASTRO_TABLE: table,
        CADASTRO_BUCKET: table,
        CADASTRO_BLIND_INDEX_SECRET: 'release-test-secret-0123456789abcdef',
        DATA_DIR: join(work, 'data'),
        WEB_DIR: join(outDir, 'web'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Cadastro is running at')) resolve();
      };
      server?.stdout?.on('data', onData);
      server?.stderr?.on('data', onData);
      server?.once('exit', (code) => reject(new Error(`the release exited (${code}):\n${output}`)));
    });
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

  it('runs on Node 24, the version the instance installs', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('answers /healthz, serves the SPA and registers a customer in DynamoDB', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>Cadastro</title>');
    const registered = await fetch(`${url}/trpc/customers.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newRegistration()),
    });
    expect(registered.status).toBe(200);
  });

  it('stops cleanly on SIGTERM, as systemd stops it', async () => {
    const code = await new Promise((resolve) => {
      server?.once('exit', resolve);
      server?.kill('SIGTERM');
    });
    expect(code).toBe(0);
    server = undefined;
  });
});
