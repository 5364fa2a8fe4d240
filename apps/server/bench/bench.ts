/**
 * `pnpm bench`: the stack against the datastore it sits on, as ratios measured in one run. See the method printed
 * with the table (and the root README, which shows the latest one). BENCH_PHASE_SECONDS (default 5),
 * BENCH_LOAD_MINUTES (default 2; the figure is 10), BENCH_CUSTOMERS (default 50 000) change the run;
 * BENCH_RELEASE=DIR runs a release built before (`pnpm infra release --out DIR`) instead of building one;
 * BENCH_PROFILE=DIR keeps the server's CPU profiles (summarise with `bench/profile-summary.ts`, given the
 * release's `server/main.mjs.map`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { registerInputSchema } from '@cadastro/contracts';
import { cpfFrom, newRegistration, TEST_PASSWORD } from '@cadastro/contracts/testing';
import {
  createApiKeyRepository,
  createCustomerRepository,
  createDbService,
  type NewCustomer,
} from '@cadastro/db';
import { freePort, S3RVER_CREDENTIALS, until } from '@cadastro/local-aws';
import { Pool } from 'undici';
import { CUSTOMER_ROUTES, routeJavaScript } from '../../web/test/bundle-budget.ts';
import { newApiKey } from '../src/api-keys.ts';
import { createAwsClients } from '../src/aws.ts';
import { applyLocalInfra } from '../src/local-stack.ts';
import { createPasswordHasher } from '../src/passwords.ts';
import { BENCH_REGION, describeMemory, rssMiB, startBenchEmulators, unitCommand } from './release-server.ts';

const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 5);
const LOAD_MINUTES = Number(process.env.BENCH_LOAD_MINUTES ?? 2);
const LARGE = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const SMALL = 1_000;
const REPETITIONS = 3;
const CONCURRENCY = 16;
const REGION = BENCH_REGION;
const BOOTSTRAP_KEY = `bench-${randomBytes(24).toString('hex')}`;
const BLIND_INDEX_SECRET = randomBytes(32).toString('hex');

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cadastro-bench-'));
const log = (line: string) => console.error(`  ${line}`);

// ── Load generation ────────────────────────────────────────────────────────────────────────────────────────────

interface Phase {
  ops: number;
  seconds: number;
  latencies: number[];
  errors: number;
  firstError?: string;
}

/** `op` from CONCURRENCY workers for `seconds`; every call's latency kept. */
async function drive(seconds: number, op: (i: number) => Promise<unknown>): Promise<Phase> {
  const phase: Phase = { ops: 0, seconds, latencies: [], errors: 0 };
  const started = performance.now();
  const end = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await op(next++);
          phase.latencies.push(performance.now() - t);
          phase.ops += 1;
        } catch (error) {
          phase.errors += 1;
          phase.firstError ??= (error as Error).message.slice(0, 300);
        }
      }
    }),
  );
  phase.seconds = (performance.now() - started) / 1000;
  return phase;
}

function combine(phases: Phase[]) {
  const ops = phases.reduce((n, p) => n + p.ops, 0);
  const seconds = phases.reduce((n, p) => n + p.seconds, 0);
  const sorted = phases.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const errors = phases.reduce((n, p) => n + p.errors, 0);
  return {
    perSecond: ops / seconds,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN,
    errors,
    firstError: phases.find((p) => p.firstError)?.firstError,
  };
}

/** The processes whose CPU time each phase measures (the bench itself, the servers, DynamoDB Local). */
const cpuWatch: Array<{ name: string; pid?: number }> = [{ name: 'callers' }];

/** CPU seconds a process has used so far, user and system (this process's own without a pid; /proc: 10 ms steps). */
function cpuSeconds(pid?: number): number {
  if (pid === undefined) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
}

/**
 * Each variant of a comparison runs PHASE_SECONDS in turn, REPETITIONS times, the order rotated every round,
 * so that a busy moment of the shared machine falls on all of them alike. Each variant's CPU per call is read
 * for every watched process: where a call's cost goes on the shared cores.
 */
async function interleaved<K extends string>(
  name: string,
  variants: Record<K, (i: number) => Promise<unknown>>,
  /** Run after a variant's phase, outside its timing (e.g. waiting for deferred work to finish). */
  after: Partial<Record<K, (phase: Phase) => Promise<void>>> = {},
) {
  const keys = Object.keys(variants) as K[];
  const phases = new Map<K, Phase[]>(keys.map((k) => [k, []]));
  const cpu = new Map<K, number[]>(keys.map((k) => [k, cpuWatch.map(() => 0)]));
  for (let rep = 0; rep < REPETITIONS; rep++) {
    for (let j = 0; j < keys.length; j++) {
      const key = keys[(j + rep) % keys.length]!;
      const before = cpuWatch.map((w) => cpuSeconds(w.pid));
      const phase = await drive(PHASE_SECONDS, variants[key]);
      cpu.set(
        key,
        cpu.get(key)!.map((sum, i) => sum + cpuSeconds(cpuWatch[i]!.pid) - before[i]!),
      );
      phases.get(key)!.push(phase);
      await after[key]?.(phase);
    }
  }
  const result = Object.fromEntries(
    keys.map((k) => {
      const calls = phases.get(k)!.reduce((n, p) => n + p.ops, 0);
      const cpuMsPerCall = Object.fromEntries(
        cpuWatch.map((w, i) => [w.name, (cpu.get(k)![i]! * 1000) / calls]),
      );
      return [k, { ...combine(phases.get(k)!), cpuMsPerCall }];
    }),
  ) as Record<K, ReturnType<typeof combine> & { cpuMsPerCall: Record<string, number> }>;
  for (const k of keys) {
    const r = result[k];
    const cpuText = Object.entries(r.cpuMsPerCall)
      .filter(([, ms]) => ms >= 0.005)
      .map(([who, ms]) => `${who} ${ms.toFixed(2)}`)
      .join(', ');
    log(
      `${name} / ${k}: ${r.perSecond.toFixed(0)}/s, p95 ${r.p95.toFixed(1)} ms, errors ${r.errors}; CPU ms per call: ${cpuText}`,
    );
    if (r.errors) log(`  first error: ${r.firstError}`);
  }
  return result;
}

// ── Processes ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The release (`pnpm build`'s server bundle and the SPA), built into the bench's directory. */
function buildRelease(): string {
  const outDir = join(work, 'release');
  log('building the SPA and the release…');
  execFileSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@cadastro/web', '--output-logs=errors-only'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  execFileSync(process.execPath, ['--import', 'tsx', 'apps/deploy/src/cli.ts', 'release', '--out', outDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return outDir;
}

interface StartedServer {
  url: string;
  process: ChildProcess;
  readyMs: number;
  stop(): Promise<void>;
}

async function startServer(
  releaseDir: string,
  endpoints: { dynamodb: string; s3: string },
  table: string,
  bucket: string,
): Promise<StartedServer> {
  const { args: unitArgs, env } = unitCommand(releaseDir);
  // BENCH_PROFILE=DIR: the server writes a V8 CPU profile there when it stops (summarise: bench/profile-summary.ts).
  const args = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, ...unitArgs]
    : unitArgs;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = join(work, `data-${port}`);
  mkdirSync(dataDir);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      ...env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      CADASTRO_TABLE: table,
      CADASTRO_BUCKET: bucket,
      CADASTRO_BLIND_INDEX_SECRET: BLIND_INDEX_SECRET,
      CADASTRO_API_KEYS: BOOTSTRAP_KEY,
      CADASTRO_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      RATE_LIMIT_MAX: '100000000', // one client address sends everything here
      CADASTRO_MAIL: 'outbox', // account e-mail as files under DATA_DIR: no SES here
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  await until(async () => (await fetch(`${url}/readyz`)).ok, 'the server to be ready', { everyMs: 5 });
  const readyMs = performance.now() - started;
  return {
    url,
    process: child,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `plain-handler.ts`, the reads' reference: a Fastify handler and the DocumentClient, nothing else. */
async function startPlainHandler(dynamodbEndpoint: string, table: string): Promise<StartedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('plain-handler.ts', import.meta.url))],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
        CADASTRO_TABLE: table,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  await until(async () => (await fetch(`${url}/readyz`)).ok, 'the plain handler to be ready', { everyMs: 5 });
  return {
    url,
    process: child,
    readyMs: performance.now() - started,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ── Data ──────────────────────────────────────────────────────────────────────────────────────────────────────

const FIRST = ['Maria', 'Ana', 'João', 'José', 'Francisco', 'Antônio', 'Carlos', 'Paulo', 'Pedro', 'Lucas'];
const FIRST_MORE = ['Luiza', 'Clara', 'Eduardo', 'Gabriel', 'Rafael', 'Beatriz', 'Júlia', 'Mariana'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima'];
const LAST_MORE = ['Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares'];
const pick = <T>(items: readonly T[], n: number) => items[n % items.length]!;
/** Brazilian names in realistic proportions: a few surnames are very common (the hot prefixes of search). */
const nameOf = (n: number) =>
  `${pick(FIRST, n)} ${pick(FIRST_MORE, n >> 3)} ${pick(LAST, n >> 5)} ${pick(LAST_MORE, n >> 7)}`;

function customerData(n: number, base: number, passwordHash: string): NewCustomer {
  const { password: _password, ...data } = registerInputSchema.parse(
    newRegistration({
      name: nameOf(n),
      cpf: cpfFrom(base + n),
      email: `cliente.${base + n}@example.com`,
    }),
  );
  return { ...data, passwordHash };
}

/** Writes `count` customers as registration writes them (the same items), through BatchWriteItem. */
async function seed(
  doc: DynamoDBDocumentClient,
  customers: ReturnType<typeof createCustomerRepository>,
  count: number,
  base: number,
  passwordHash: string,
) {
  const ids: string[] = [];
  const cpfs: string[] = [];
  let n = 0;
  const start = Date.now();
  async function worker() {
    while (n < count) {
      const batch: Array<{ TableName: string; Item: Record<string, unknown> }> = [];
      while (batch.length < 20 && n < count) {
        const data = customerData(n++, base, passwordHash);
        const request = customers.registrationRequest(data, new Date(start + n));
        for (const t of request.TransactItems ?? []) {
          const put = (t as { Put?: unknown }).Put as
            | { TableName: string; Item: Record<string, unknown> }
            | undefined;
          if (!put) continue;
          batch.push({ TableName: put.TableName, Item: put.Item });
          if (put.Item.__edb_e__ === 'customer') ids.push(put.Item.customerId as string);
        }
        cpfs.push(data.cpf);
      }
      for (let i = 0; i < batch.length; i += 25) {
        const chunk = batch.slice(i, i + 25);
        // One registration's items all live in one table.
        let requests: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> = {
          [chunk[0]!.TableName]: chunk.map(({ Item }) => ({ PutRequest: { Item } })),
        };
        while (Object.keys(requests).length) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: requests }));
          requests = (out.UnprocessedItems ?? {}) as typeof requests;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  return { ids, cpfs };
}

// ── The run ───────────────────────────────────────────────────────────────────────────────────────────────────

const releaseDir = process.env.BENCH_RELEASE ?? buildRelease();
log('starting DynamoDB Local and s3rver…');
// Generous waits for the bench's own calls: on a busy shared machine production's 1 s connect timeout fires.
const emulators = await startBenchEmulators(work, { connectMs: 10_000, requestMs: 30_000 });
const { dynamo, s3, settings } = emulators;
const servers: StartedServer[] = [];
try {
  const aws = createAwsClients(settings);
  const doc = DynamoDBDocumentClient.from(aws.dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const tables = { small: 'cadastro-bench-small', large: 'cadastro-bench-large' };
  for (const table of Object.values(tables))
    await applyLocalInfra(aws, { region: REGION, table, bucket: table, corsOrigins: [] });
  const repos = Object.fromEntries(
    Object.entries(tables).map(([size, table]) => {
      const db = createDbService({ table, client: aws.dynamodb });
      return [
        size,
        { db, customers: createCustomerRepository(db, { blindIndexSecret: BLIND_INDEX_SECRET }) },
      ];
    }),
  ) as Record<
    keyof typeof tables,
    { db: ReturnType<typeof createDbService>; customers: ReturnType<typeof createCustomerRepository> }
  >;

  // The password hash the server would compute: the same hasher, the same cost.
  const hasher = createPasswordHasher();
  const seedHash = await hasher.hash(TEST_PASSWORD);
  log(`seeding ${SMALL} and ${LARGE} customers (BatchWriteItem of the registration's items)…`);
  const seedStart = Date.now();
  const small = await seed(doc, repos.small.customers, SMALL, 200_000_000, seedHash);
  const large = await seed(doc, repos.large.customers, LARGE, 300_000_000, seedHash);
  log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

  // Ready time: the release started three times against the running emulators; the third stays up.
  const endpoints = { dynamodb: dynamo.endpoint, s3: s3.endpoint };
  const readyTimes: number[] = [];
  let server!: StartedServer;
  for (let i = 0; i < REPETITIONS; i++) {
    server = await startServer(releaseDir, endpoints, tables.small, tables.small);
    readyTimes.push(server.readyMs);
    if (i < REPETITIONS - 1) await server.stop();
  }
  servers.push(server);
  const plain = await startPlainHandler(dynamo.endpoint, tables.small);
  servers.push(plain);
  // The reference: how long this machine, as busy as it is now, takes to start a bare Node HTTP server.
  const bareTimes: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [
      '-e',
      "require('node:http').createServer().listen(0, '127.0.0.1', () => process.exit(0))",
    ]);
    bareTimes.push(performance.now() - started);
  }
  const pid = server.process.pid!;
  // DynamoDB Local's Java process (under its guard shell, which has the same arguments).
  const dynamoPid = Number(
    execFileSync('pgrep', ['-f', `^\\S*java .*DynamoDBLocal.jar -port ${new URL(dynamo.endpoint).port}`], {
      encoding: 'utf8',
    }).trim(),
  );
  cpuWatch.push(
    { name: 'server', pid },
    { name: 'plain handler', pid: plain.process.pid! },
    { name: 'DynamoDB Local', pid: dynamoPid },
  );
  // The reference for idle memory: a bare Node HTTP server, idle for as long as the release beside it.
  const bare = spawn(process.execPath, ['-e', "require('node:http').createServer().listen(0, '127.0.0.1')"]);
  await new Promise((r) => setTimeout(r, 2_000));
  const idleRss = rssMiB(pid);
  const bareIdleRss = rssMiB(bare.pid!);
  const loadAtIdle = loadavg()[0]!;
  bare.kill();
  log(
    `idle RSS: release ${idleRss.toFixed(0)} MiB, bare Node HTTP server ${bareIdleRss.toFixed(0)} MiB (load average ${loadAtIdle.toFixed(1)})`,
  );
  log(`  idle: ${describeMemory(pid)}`);

  // A key created as /admin creates one (the same function and repository).
  const created = newApiKey({ name: 'bench', scopes: ['customers:read', 'customers:lookup'] }, 'bench');
  await createApiKeyRepository(repos.small.db).create(created.item);

  // The callers' HTTP client: undici's Pool, the least CPU per call of Node's clients, so that as much of the
  // shared machine as possible goes to the stack measured.
  const pool = new Pool(server.url, { connections: CONCURRENCY });
  const trpc = async (path: string, input: unknown, key: string, method: 'GET' | 'POST' = 'GET') => {
    const query = method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
    const res = await pool.request({
      path: `/trpc/${path}${query}`,
      method,
      headers: {
        'content-type': 'application/json',
        origin: server.url,
        ...(key && { authorization: `Bearer ${key}` }),
      },
      ...(method === 'POST' && { body: JSON.stringify(input) }),
    });
    const body = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`${path} ${res.statusCode} ${body.slice(0, 200)}`);
    return body;
  };

  const { customer } = repos.small.db.entities;
  const idAt = (i: number) => small.ids[(i * 7919) % small.ids.length]!;
  const plainPool = new Pool(plain.url, { connections: CONCURRENCY });
  const plainGet = async (i: number) => {
    const res = await plainPool.request({ path: `/customers/${idAt(i)}`, method: 'GET' });
    const body = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`plain handler ${res.statusCode} ${body.slice(0, 200)}`);
  };
  const rawGet = (i: number) => doc.send(new GetCommand(customer.get({ customerId: idAt(i) }).params()));
  /**
   * A read is answered once its access record is journaled on the server's disk; the table gets it afterwards.
   * After each read phase: the journal's backlog at its end (from /readyz), then a wait, outside every phase, until
   * the backlog is stored, so that no phase (the raw one least of all) carries another's deferred writes.
   */
  const journalBacklog = async () =>
    (
      (await (await fetch(`${server.url}/readyz`)).json()) as {
        accessJournal: { items: number; oldestSeconds: number };
      }
    ).accessJournal;
  const journalPhases: Array<{
    journaled: number;
    seconds: number;
    backlog: number;
    oldest: number;
    drainMs: number;
  }> = [];
  const settleJournal = async (phase: Phase) => {
    const end = await journalBacklog();
    const drainStart = performance.now();
    await until(async () => (await journalBacklog()).items === 0, 'the access journal to be stored');
    journalPhases.push({
      journaled: phase.ops,
      seconds: phase.seconds,
      backlog: end.items,
      oldest: end.oldestSeconds,
      drainMs: performance.now() - drainStart,
    });
  };

  log('get customer by id…');
  await until(async () => (await journalBacklog()).items === 0, 'the access journal to be empty');
  const get = await interleaved(
    'get by id',
    {
      raw: rawGet,
      plainHandler: plainGet,
      bootstrapKey: (i: number) => trpc('customers.get', { id: idAt(i) }, BOOTSTRAP_KEY),
      adminKey: (i: number) => trpc('customers.get', { id: idAt(i) }, created.key),
    },
    { bootstrapKey: settleJournal, adminKey: settleJournal },
  );
  const journaledPerSecond =
    journalPhases.reduce((n, p) => n + p.journaled, 0) / journalPhases.reduce((n, p) => n + p.seconds, 0);
  const storedPerSecond =
    journalPhases.reduce((n, p) => n + p.journaled - p.backlog, 0) /
    journalPhases.reduce((n, p) => n + p.seconds, 0);
  const worstBacklog = journalPhases.reduce((a, b) => (b.backlog > a.backlog ? b : a));

  log('register…');
  let registrations = 0;
  const registrationInput = () =>
    newRegistration({
      cpf: cpfFrom(400_000_000 + registrations),
      email: `novo.${registrations++}@example.com`,
    });
  const register = await interleaved('register', {
    raw: async () => {
      const { password, ...data } = registerInputSchema.parse(registrationInput());
      const request = repos.small.customers.registrationRequest({
        ...data,
        passwordHash: await hasher.hash(password),
      });
      await doc.send(new TransactWriteCommand(request as TransactWriteCommandInput));
    },
    stack: () => trpc('customers.register', registrationInput(), '', 'POST'),
  });

  log('list, name search and exact CPF at both sizes…');
  const scale = {} as Record<string, Awaited<ReturnType<typeof interleaved<'small' | 'large'>>>>;
  const data = { small, large };
  const query = (i: number) => nameOf(i).split(' ')[(i >> 2) % 4]!.slice(0, 3).toLowerCase();
  scale.list = await interleaved('list', {
    small: () => repos.small.customers.listNewest({ limit: 20 }),
    large: () => repos.large.customers.listNewest({ limit: 20 }),
  });
  scale.search = await interleaved('name search', {
    small: (i: number) => repos.small.customers.searchByName(query(i), { limit: 20 }),
    large: (i: number) => repos.large.customers.searchByName(query(i), { limit: 20 }),
  });
  scale.cpf = await interleaved('exact CPF', {
    small: (i: number) =>
      repos.small.customers.getByCpf(data.small.cpfs[(i * 7919) % data.small.cpfs.length]!),
    large: (i: number) =>
      repos.large.customers.getByCpf(data.large.cpfs[(i * 7919) % data.large.cpfs.length]!),
  });

  log(`${LOAD_MINUTES} min of mixed load for memory…`);
  // RSS at the end of every minute of load: rssAt[0] after 1 min, the last after LOAD_MINUTES.
  const rssAt: number[] = [];
  const mapAt: string[] = [];
  const loadStart = performance.now();
  const timers = Array.from({ length: LOAD_MINUTES }, (_, m) =>
    setTimeout(
      () => {
        rssAt.push(rssMiB(pid));
        mapAt.push(describeMemory(pid));
      },
      (m + 1) * 60_000 - 50,
    ),
  );
  const load = await drive(LOAD_MINUTES * 60, (i) =>
    i % 50 === 0
      ? trpc('customers.register', registrationInput(), '', 'POST')
      : i % 10 === 0
        ? trpc('customers.list', { limit: 20 }, created.key)
        : trpc('customers.get', { id: idAt(i) }, i % 2 ? created.key : BOOTSTRAP_KEY),
  );
  for (const t of timers) clearTimeout(t);
  if (rssAt.length < LOAD_MINUTES) {
    rssAt.push(rssMiB(pid));
    mapAt.push(describeMemory(pid));
  }
  const loadAfterLoad = loadavg()[0]!;
  log(
    `RSS after each minute of load: ${rssAt.map((r) => r.toFixed(0)).join(', ')} MiB (load average ${loadAfterLoad.toFixed(1)})`,
  );
  log(`  after 1 min: ${mapAt[0]}; after ${LOAD_MINUTES} min: ${mapAt.at(-1)}`);
  log(
    `load: ${load.ops} calls in ${((performance.now() - loadStart) / 1000).toFixed(0)} s, ${load.errors} errors`,
  );

  const js = Object.entries(CUSTOMER_ROUTES).map(([route, module]) => ({
    route,
    gzip: routeJavaScript(join(repoRoot, 'apps/web/dist'), module).gzip,
  }));
  const heaviest = js.reduce((a, b) => (b.gzip > a.gzip ? b : a));

  // ── The table ──
  const rate = (n: number) => `${n.toFixed(0)}/s`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const serverCpu = (c: Record<string, number>) => (c.server ?? 0) + (c['plain handler'] ?? 0);
  const cpuParts = (c: Record<string, number>) => [c.callers ?? 0, serverCpu(c), c['DynamoDB Local'] ?? 0];
  const cpuTotal = (c: Record<string, number>) => cpuParts(c).reduce((a, b) => a + b, 0);
  const cpuSum = (c: Record<string, number>) =>
    `${cpuParts(c)
      .map((ms) => ms.toFixed(2))
      .join(' + ')} = ${cpuTotal(c).toFixed(2)}`;
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const readRow = (what: string, variant: Exclude<keyof typeof get, 'raw'>, goal: string) => [
    what,
    rate(get.raw.perSecond),
    rate(get[variant].perSecond),
    x(get[variant].perSecond, get.raw.perSecond),
    goal,
  ];
  const rows: string[][] = [
    readRow('get customer by id, bootstrap key, vs GetItem', 'bootstrapKey', '≥ 0.85×'),
    readRow('get customer by id, key created as /admin does, vs GetItem', 'adminKey', '≥ 0.85×'),
    readRow(
      'get customer by id, a plain Fastify handler and the DocumentClient (no tRPC, logs, key or access record: what is possible), vs GetItem',
      'plainHandler',
      '',
    ),
    [
      'CPU per read, ms: callers + server (or handler) + DynamoDB Local; raw GetItem vs the bootstrap key (plain handler)',
      cpuSum(get.raw.cpuMsPerCall),
      `${cpuSum(get.bootstrapKey.cpuMsPerCall)} (${cpuSum(get.plainHandler.cpuMsPerCall)})`,
      x(cpuTotal(get.bootstrapKey.cpuMsPerCall), cpuTotal(get.raw.cpuMsPerCall)),
      '',
    ],
    [
      `access records of those reads, journaled vs stored in the table during the phases (left at a phase's end: at most ${worstBacklog.backlog} items, the oldest ${worstBacklog.oldest.toFixed(1)} s old — one flush's worth, 100 items or 1 s — stored ${(worstBacklog.drainMs / 1000).toFixed(1)} s later)`,
      rate(journaledPerSecond),
      rate(storedPerSecond),
      x(storedPerSecond, journaledPerSecond),
      'keeps up (≈ 1×)',
    ],
    [
      'register vs the same password hash + TransactWriteItems',
      rate(register.raw.perSecond),
      rate(register.stack.perSecond),
      x(register.stack.perSecond, register.raw.perSecond),
      '≥ 0.85×',
    ],
    ...(['search', 'list', 'cpf'] as const).map((k) => [
      `${{ search: 'name search', list: 'list newest', cpf: 'exact CPF' }[k]} p95, ${LARGE} vs ${SMALL} customers`,
      ms(scale[k]!.small.p95),
      ms(scale[k]!.large.p95),
      x(scale[k]!.large.p95, scale[k]!.small.p95),
      '≤ 1.3×',
    ]),
    [
      'server ready after the emulators are up (release, as the unit starts it; median of 3) vs a bare Node HTTP server',
      `${(median(bareTimes) / 1000).toFixed(2)} s`,
      `${(median(readyTimes) / 1000).toFixed(2)} s`,
      x(median(readyTimes), median(bareTimes)),
      '≤ 1 s',
    ],
    [
      `server RSS: idle (vs a bare Node HTTP server) / after 1 min / after ${LOAD_MINUTES} min of load`,
      `${bareIdleRss.toFixed(0)} MiB`,
      `${idleRss.toFixed(0)} / ${rssAt[0]!.toFixed(0)} / ${rssAt.at(-1)!.toFixed(0)} MiB`,
      x(rssAt.at(-1)!, rssAt[0]!),
      'idle ≤ 150 MiB; ≤ 1.2×',
    ],
    [
      `customer route JS, gzip (heaviest: ${heaviest.route})`,
      '',
      `${(heaviest.gzip / 1024).toFixed(1)} KiB`,
      '',
      '≤ 150 KiB',
    ],
  ];
  const errors =
    [get, register, ...Object.values(scale)]
      .flatMap((r) => Object.values(r))
      .reduce((n, r) => n + r.errors, 0) + load.errors;
  console.log(
    `\n| what | reference (raw, or ${SMALL} customers) | this stack (or ${LARGE} customers) | ratio | goal |\n|---|---|---|---|---|`,
  );
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`
Method: one DynamoDB Local (in memory) and s3rver started by the bench; the release built by \`pnpm infra release\`
and started as cadastro.service starts it (its ExecStart and Environment=). Raw = this process calling DynamoDB
through the DocumentClient on the server's SDK client settings (longer timeouts). Each comparison: ${REPETITIONS} rounds of
${PHASE_SECONDS} s per variant, interleaved with the order rotated, ${CONCURRENCY} concurrent callers. Reads over HTTP (undici's
Pool) are tRPC GETs with \`Authorization: Bearer\`, each answered once its access record is journaled on the server's disk;
the plain handler (bench/plain-handler.ts) answers a GET with one GetItem and nothing else. CPU per call: each
process's user + system time during the phases (/proc), divided by the calls;
after each such phase the bench reads the journal's backlog (/readyz) and waits, outside the timing, until the
table holds it. List, name search and exact CPF are the repository's calls (the server's
code below HTTP) on a table of ${SMALL} and one of ${LARGE} customers seeded with BatchWriteItem of the items a
registration writes. RSS from /proc under mixed load (reads with both keys, lists, 2 % registrations);
BENCH_LOAD_MINUTES=${LOAD_MINUTES} (set 10 for the issue's figure), per minute ${rssAt.map((r) => r.toFixed(0)).join(', ')} MiB;
1-minute load average ${loadAtIdle.toFixed(1)} at the idle reading, ${loadAfterLoad.toFixed(1)} at the end of the load. Errors during the run: ${errors}.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average at the end ${loadavg()[2]!.toFixed(1)} (15 min; the machine is shared).`);
  process.exitCode = errors ? 1 : 0;
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await emulators.stop();
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
