/**
 * `pnpm bench:soak`: the release server (src/main.ts, production scrypt cost, in its own process) under mixed
 * traffic at fixed concurrency against DynamoDB Local and s3rver, which this script starts. Prints errors, 5xx,
 * p50/p95 per procedure and the server's RSS at the start, halfway and at the end, with the growth between the
 * last two. SOAK_MINUTES (default 10) and SOAK_CONCURRENCY (default 8) change the run.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PresignedUpload } from '@cadastro/contracts';
import { newRegistration, TEST_PASSWORD } from '@cadastro/contracts/testing';
import { freePort } from '@cadastro/local-aws';
import { createAwsClients } from '../src/aws.ts';
import { applyLocalInfra } from '../src/local-stack.ts';
import { BENCH_REGION, rssMiB, startBenchEmulators, startReleaseServer, until } from './release-server.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const API_KEY = `soak-${randomBytes(24).toString('hex')}`;
const REGION = BENCH_REGION;
const TABLE = 'cadastro-soak';
const BUCKET = 'cadastro-soak';
/** Share of each operation in the mix: credential work is the rarer, heavier part, as in real traffic. */
const MIX = { register: 4, signIn: 4, me: 40, getByKey: 40, upload: 12 } as const;
type Operation = keyof typeof MIX;

const work = mkdtempSync(join(tmpdir(), 'cadastro-soak-'));

const emulators = await startBenchEmulators(work);
const { dynamo, s3, settings } = emulators;
let server: ChildProcess | undefined;
try {
  await applyLocalInfra(createAwsClients(settings), {
    region: REGION,
    table: TABLE,
    bucket: BUCKET,
    corsOrigins: ['*'],
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = startReleaseServer({
    port,
    dataDir: join(work, 'data'),
    dynamodbEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    table: TABLE,
    bucket: BUCKET,
    blindIndexSecret: randomBytes(32).toString('hex'),
    env: { CADASTRO_API_KEYS: API_KEY },
  });
  await until(async () => (await fetch(`${url}/readyz`)).ok, 'the server to be ready');
  const pid = server.pid!;

  interface Customer {
    id: string;
    cookie: string;
    login: string;
  }
  const customers: Customer[] = [];
  const latencies = new Map<Operation, number[]>(Object.keys(MIX).map((k) => [k as Operation, []]));
  let errors = 0;
  let serverErrors = 0;
  const firstErrors: string[] = [];

  async function trpc(path: string, input: unknown, headers: Record<string, string> = {}, method = 'POST') {
    const query = method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
    const res = await fetch(`${url}/trpc/${path}${query}`, {
      method,
      headers: { 'content-type': 'application/json', origin: url, ...headers },
      ...(method === 'POST' && { body: JSON.stringify(input) }),
    });
    const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
    if (res.status >= 500) serverErrors += 1;
    if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return { data: body.result?.data, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
  }

  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  const operations: Record<Operation, () => Promise<void>> = {
    async register() {
      const input = newRegistration();
      const { data, cookie } = await trpc('customers.register', input);
      customers.push({ id: (data as { id: string }).id, cookie: cookie!, login: input.email });
      if (customers.length > 500) customers.shift();
    },
    async signIn() {
      const customer = pick(customers);
      const { cookie } = await trpc('auth.signIn', { login: customer.login, password: TEST_PASSWORD });
      customer.cookie = cookie!;
    },
    async me() {
      await trpc('customers.me', undefined, { cookie: pick(customers).cookie }, 'GET');
    },
    async getByKey() {
      await trpc('customers.get', { id: pick(customers).id }, { authorization: `Bearer ${API_KEY}` }, 'GET');
    },
    async upload() {
      const customer = pick(customers);
      const size = 4096;
      const { data } = await trpc(
        'attachments.createUpload',
        { kind: 'identity', fileName: 'rg.pdf', contentType: 'application/pdf', size },
        { cookie: customer.cookie },
      );
      const upload = data as PresignedUpload;
      const bytes = randomBytes(size);
      bytes.set(Buffer.from('%PDF-1.7\n'));
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'file');
      const posted = await fetch(upload.url, { method: 'POST', body: form });
      if (posted.status >= 300) throw new Error(`upload POST ${posted.status}`);
      await trpc('attachments.confirm', { attachmentId: upload.attachmentId }, { cookie: customer.cookie });
    },
  };
  const weighted = Object.entries(MIX).flatMap(([op, w]) => Array.from({ length: w }, () => op as Operation));

  for (let i = 0; i < CONCURRENCY; i++) await operations.register(); // someone to sign in as
  const rss: Array<[string, number]> = [['start', rssMiB(pid)]];
  const endAt = Date.now() + MINUTES * 60_000;
  const callsSoFar = () => [...latencies.values()].reduce((n, l) => n + l.length, 0);
  let callsAtHalfway = 0;
  const halfway = setTimeout(
    () => {
      rss.push(['halfway', rssMiB(pid)]);
      callsAtHalfway = callsSoFar();
    },
    (MINUTES * 60_000) / 2,
  );
  const progress = setInterval(() => {
    const done = [...latencies.values()].reduce((n, l) => n + l.length, 0);
    console.log(
      `  ${Math.round((endAt - Date.now()) / 1000)} s left, ${done} calls, ${errors} errors, RSS ${rssMiB(pid).toFixed(0)} MiB`,
    );
  }, 60_000);

  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < endAt) {
        const op = pick(weighted);
        const started = performance.now();
        try {
          await operations[op]();
          latencies.get(op)!.push(performance.now() - started);
        } catch (error) {
          errors += 1;
          if (firstErrors.length < 5) firstErrors.push(`${op}: ${(error as Error).message}`);
        }
      }
    }),
  );
  clearTimeout(halfway);
  clearInterval(progress);
  rss.push(['end', rssMiB(pid)]);

  const quantile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(
    `\nSoak: ${MINUTES} min, concurrency ${CONCURRENCY}, production scrypt cost, DynamoDB Local + s3rver`,
  );
  console.log('procedure          calls     p50 ms   p95 ms');
  for (const [op, values] of latencies) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `${op.padEnd(16)} ${String(values.length).padStart(7)} ${quantile(sorted, 0.5).toFixed(1).padStart(10)} ${quantile(sorted, 0.95).toFixed(1).padStart(8)}`,
    );
  }
  console.log(`errors: ${errors}   5xx: ${serverErrors}`);
  for (const line of firstErrors) console.log(`  ${line}`);
  console.log(`server RSS: ${rss.map(([at, mb]) => `${at} ${mb.toFixed(0)} MiB`).join(', ')}`);
  const mid = rss.find(([at]) => at === 'halfway')?.[1];
  const end = rss.at(-1)![1];
  // On a shared machine the load can change between the halves; RSS follows the allocation rate.
  console.log(`calls: first half ${callsAtHalfway}, second half ${callsSoFar() - callsAtHalfway}`);
  if (mid)
    console.log(
      `RSS growth from halfway to end: ${(((end - mid) / mid) * 100).toFixed(1)} % (goal: under 10 %)`,
    );
  process.exitCode = errors || serverErrors ? 1 : 0;
} finally {
  server?.kill('SIGTERM');
  await emulators.stop();
  rmSync(work, { recursive: true, force: true });
}
