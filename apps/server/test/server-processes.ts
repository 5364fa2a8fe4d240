import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';
import { createAwsClients } from '../src/aws.ts';
import { applyLocalInfra } from '../src/local-stack.ts';

const serverDir = join(import.meta.dirname, '..');

/**
 * One deployment's shared state: the table and bucket every instance uses, and their common secrets. The bucket is
 * in moto (AWS semantics) or s3rver (what `pnpm start` runs).
 */
export async function createDeployment({ s3 = 'moto' }: { s3?: 'moto' | 's3rver' } = {}) {
  const aws = inject('localAws');
  const table = `cadastro-${randomUUID()}`;
  const bucket = `cadastro-${randomUUID()}`;
  const s3Endpoint = s3 === 's3rver' ? aws.s3rverEndpoint : aws.s3Endpoint;
  const settings = {
    region: aws.region,
    dynamodbEndpoint: aws.dynamodbEndpoint,
    s3Endpoint,
    credentials: aws.credentials,
  };
  const clients = createAwsClients(settings);
  // What `pnpm infra apply` makes on AWS before any instance starts.
  await applyLocalInfra(clients, { region: aws.region, table, bucket, corsOrigins: [] });
  const adminPassword = randomBytes(12).toString('hex');
  return {
    table,
    bucket,
    clients,
    adminPassword,
    /** The variables the stack writes into every instance's environment file, plus the unit's own. */
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      CADASTRO_MODE: 'aws',
      HOST: '127.0.0.1',
      AWS_REGION: aws.region,
      AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: aws.dynamodbEndpoint,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CADASTRO_TABLE: table,
      CADASTRO_BUCKET: bucket,
      CADASTRO_BLIND_INDEX_SECRET: randomBytes(32).toString('hex'),
      CADASTRO_ADMIN_PASSWORD: adminPassword,
      CADASTRO_MAIL: 'outbox',
      SESSION_STORE: 'dynamodb',
      RATE_LIMIT_STORE: 'dynamodb',
    } as Record<string, string>,
  };
}
export type Deployment = Awaited<ReturnType<typeof createDeployment>>;

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** The JSON log lines it wrote to stdout so far. */
  logs(): Array<Record<string, unknown> & { msg?: string }>;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * The server entry (`src/main.ts`) in its own process with the environment the release's systemd unit gives it
 * (NODE_ENV=production, CADASTRO_MODE=aws, logs as JSON on stdout here), on a free port, resolved once `/readyz`
 * answers 200. A DATA_DIR given in `env` is the caller's (kept, e.g. for a restart on it); otherwise a fresh one is
 * removed when the process ends.
 */
export async function startServerProcess(
  deployment: Deployment,
  name: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), `cadastro-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...deployment.env, PORT: '0', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (!env.DATA_DIR) void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));

  // PORT=0: the server picks a free port and says which on its start-up line.
  const deadline = Date.now() + 120_000;
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start within 120 s:\n${output}`);
    }
    const port = /running at http:\/\/\S+?:(\d+)/.exec(output)?.[1];
    if (port) url = `http://127.0.0.1:${port}`;
    else await new Promise((r) => setTimeout(r, 100));
  }
  while (
    !(await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`${name} never became ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    url,
    pid: child.pid!,
    child,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}

/** Ends a server process (SIGKILL after a grace period), e.g. in afterAll. */
export async function stopServerProcess(server: ServerProcess | undefined, graceMs = 15_000) {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}

/**
 * A small load balancer in front of server processes, as the ALB does it: round-robin over the targets in service.
 * Each target's health check (`/readyz`) runs every `checkMs`; two failures in a row take it out of service (a
 * draining server fails it on SIGTERM), one success puts it back; with none in service it routes to all (the ALB
 * fails open too). Connections to targets are kept alive. No
 * retries: a request that fails on its target fails for the client (502), so the tests see every failure.
 */
export async function startBalancer(targets: string[], checkMs = 100) {
  const healthy = new Map(targets.map((t) => [t, true]));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const served = new Map<string, number>();
  let next = 0;
  let checking = true;
  const checks = targets.map(async (target) => {
    let failures = 0;
    while (checking) {
      const ok = await fetch(`${target}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.ok,
        () => false,
      );
      failures = ok ? 0 : failures + 1;
      if (ok) healthy.set(target, true);
      else if (failures >= 2) healthy.set(target, false);
      await new Promise((r) => setTimeout(r, checkMs));
    }
  });

  const server: Server = createServer((req, res) => {
    const inService = [...healthy].filter(([, ok]) => ok).map(([t]) => t);
    // With no target in service the ALB fails open and routes to all of them; so does this one.
    const routable = inService.length ? inService : targets;
    const target = routable[next++ % routable.length]!;
    served.set(target, (served.get(target) ?? 0) + 1);
    const upstream = httpRequest(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'x-balancer-error': error.message });
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests sent to each target so far. */
    served: (target: string) => served.get(target) ?? 0,
    isHealthy: (target: string) => healthy.get(target) ?? false,
    async close() {
      checking = false;
      await Promise.all(checks);
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
