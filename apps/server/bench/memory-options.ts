/**
 * `pnpm bench:memory`: the memory options of cadastro.service (`--max-old-space-size` and `--max-semi-space-size` on
 * ExecStart) kept only while they earn their place, and a candidate that did not (`MALLOC_ARENA_MAX=2`). The release
 * is started as the unit starts it, without each option and with the candidate, against one DynamoDB Local and
 * s3rver started here; every variant gets the same interleaved mixed load (reads by API key, 2 % registrations) and
 * reports ready time, idle RSS, RSS after the load and its rates, beside a bare Node HTTP server's idle RSS.
 * MEMORY_ROUNDS (3) × MEMORY_ROUND_SECONDS (20) of load per variant.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort } from '@cadastro/local-aws';
import { createAwsClients } from '../src/aws.ts';
import { applyLocalInfra } from '../src/local-stack.ts';
import {
  BENCH_REGION,
  describeMemory,
  rssMiB,
  startBenchEmulators,
  startReleaseServer,
  unitCommand,
  until,
} from './release-server.ts';

const ROUNDS = Number(process.env.MEMORY_ROUNDS ?? 3);
const ROUND_SECONDS = Number(process.env.MEMORY_ROUND_SECONDS ?? 20);
const STARTS = 3;
const CONCURRENCY = 16;
const API_KEY = `memory-${randomBytes(24).toString('hex')}`;
const TABLE = 'cadastro-memory';
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cadastro-memory-'));

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const releaseDir = join(work, 'release');
console.error('  building the release…');
execFileSync(
  process.execPath,
  ['--import', 'tsx', 'apps/deploy/src/cli.ts', 'release', '--out', releaseDir],
  {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const unit = unitCommand(releaseDir);
const without = (option: string) => ({ args: unit.args.filter((a) => !a.startsWith(option)), env: unit.env });
const variants = {
  'as the unit': unit,
  'without --max-old-space-size': without('--max-old-space-size'),
  'without --max-semi-space-size': without('--max-semi-space-size'),
  // Tried: fewer glibc arenas for libuv's pool threads (Argon2id); less RSS after load, but reads slower in four
  // of five comparisons (apps/server README, "Memory"): not kept while it may cost throughput.
  'plus MALLOC_ARENA_MAX=2 (not kept)': { args: unit.args, env: { ...unit.env, MALLOC_ARENA_MAX: '2' } },
};
type Variant = keyof typeof variants;
const names = Object.keys(variants) as Variant[];

const emulators = await startBenchEmulators(work, { connectMs: 10_000, requestMs: 30_000 });
const running: ChildProcess[] = [];
try {
  await applyLocalInfra(createAwsClients(emulators.settings), {
    region: BENCH_REGION,
    table: TABLE,
    bucket: TABLE,
    corsOrigins: [],
  });
  const blindIndexSecret = randomBytes(32).toString('hex');
  async function start(variant: Variant) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const child = startReleaseServer({
      port,
      dataDir: join(work, `data-${port}`),
      dynamodbEndpoint: emulators.dynamo.endpoint,
      s3Endpoint: emulators.s3.endpoint,
      table: TABLE,
      bucket: TABLE,
      blindIndexSecret,
      env: { CADASTRO_API_KEYS: API_KEY, CADASTRO_MAIL: 'outbox' },
      command: variants[variant],
    });
    running.push(child);
    await until(async () => (await fetch(`${url}/readyz`)).ok, 'the server to be ready');
    return { url, child, readyMs: performance.now() - started };
  }
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  // Ready time and idle RSS: each variant started STARTS times in turn; the last start of each stays up.
  const ready = new Map<Variant, number[]>(names.map((n) => [n, []]));
  const idle = new Map<Variant, number[]>(names.map((n) => [n, []]));
  const servers = new Map<Variant, Awaited<ReturnType<typeof start>>>();
  console.error('  starting every variant, in turn…');
  for (let i = 0; i < STARTS; i++) {
    for (const name of names) {
      const server = await start(name);
      await pause(2_000);
      ready.get(name)!.push(server.readyMs);
      idle.get(name)!.push(rssMiB(server.child.pid!));
      if (i < STARTS - 1) await stop(server.child);
      else servers.set(name, server);
    }
  }
  const bare = spawn(process.execPath, ['-e', "require('node:http').createServer().listen(0, '127.0.0.1')"]);
  running.push(bare);
  await pause(2_000);
  const bareIdle = rssMiB(bare.pid!);
  const loadAtIdle = loadavg()[0]!;

  // Customers to read, registered through the first server (all share the table).
  const first = servers.get(names[0]!)!;
  const post = (url: string, path: string, body: unknown) =>
    fetch(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(body),
    });
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await post(first.url, 'customers.register', newRegistration());
    ids.push(((await res.json()) as { result: { data: { id: string } } }).result.data.id);
  }

  const reads = new Map<Variant, number>(names.map((n) => [n, 0]));
  const registrations = new Map<Variant, number>(names.map((n) => [n, 0]));
  let errors = 0;
  console.error(`  ${ROUNDS} rounds of ${ROUND_SECONDS} s of mixed load per variant, interleaved…`);
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(j + round) % names.length]!;
      const { url } = servers.get(name)!;
      const end = performance.now() + ROUND_SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < end) {
            const i = n++;
            const register = i % 50 === 0;
            const res = register
              ? await post(url, 'customers.register', newRegistration())
              : await fetch(
                  `${url}/trpc/customers.get?input=${encodeURIComponent(JSON.stringify({ id: ids[i % ids.length] }))}`,
                  { headers: { authorization: `Bearer ${API_KEY}`, origin: url } },
                );
            await res.arrayBuffer();
            if (!res.ok) errors += 1;
            else if (register) registrations.set(name, registrations.get(name)! + 1);
            else reads.set(name, reads.get(name)! + 1);
          }
        }),
      );
    }
  }
  const seconds = ROUNDS * ROUND_SECONDS;
  console.log(
    '\n| variant | ready (median) | idle RSS (median) | RSS after load | reads/s | registrations/s |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const name of names) {
    const { child } = servers.get(name)!;
    console.log(
      `| ${name} | ${(median(ready.get(name)!) / 1000).toFixed(2)} s | ${median(idle.get(name)!).toFixed(0)} MiB | ${rssMiB(child.pid!).toFixed(0)} MiB | ${(reads.get(name)! / seconds).toFixed(0)} | ${(registrations.get(name)! / seconds).toFixed(1)} |`,
    );
  }
  console.log(`| bare Node HTTP server | | ${bareIdle.toFixed(0)} MiB | | | |`);
  for (const name of names)
    console.error(`  ${name}, after load: ${describeMemory(servers.get(name)!.child.pid!)}`);
  console.log(`
Method: the release built by \`pnpm infra release\`, started as cadastro.service starts it and without each of its
memory options, ${STARTS} starts per variant in turn (ready = first /readyz answer; idle RSS 2 s later), then ${ROUNDS} rounds of
${ROUND_SECONDS} s of load per variant, interleaved with the order rotated (${CONCURRENCY} callers; customers.get by API key,
every 50th call a registration). Errors: ${errors}. 1-minute load average ${loadAtIdle.toFixed(1)} at the idle readings,
${loadavg()[0]!.toFixed(1)} at the end (the machine is shared).`);
  process.exitCode = errors ? 1 : 0;
} finally {
  for (const child of running) child.kill('SIGTERM');
  await emulators.stop();
  rmSync(work, { recursive: true, force: true });
}
