/**
 * `pnpm bench:scale`: does a second server process add throughput? Registrations and reads (`customers.me` with a
 * session in DynamoDB) through one release server process, then through two sharing the same DynamoDB Local and
 * s3rver (requests spread round-robin, as the load balancer does), at the same client concurrency. Beside them,
 * DynamoDB Local's own ceiling from one process at that concurrency with raw SDK calls of the same shape (a
 * five-item conditional TransactWriteItems per registration, GetItem for reads), measured in the same run.
 * BENCH_SECONDS (default 10) per measurement and BENCH_CONCURRENCY (default 16) change the run.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort } from '@cadastro/local-aws';
import { type AwsClients, createAwsClients } from '../src/aws.ts';
import { applyLocalInfra } from '../src/local-stack.ts';
import { BENCH_REGION, startBenchEmulators, startReleaseServer, until } from './release-server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REGION = BENCH_REGION;
const BUCKET = 'cadastro-bench-scale';
const work = mkdtempSync(join(tmpdir(), 'cadastro-bench-scale-'));

/** Calls `op` from CONCURRENCY loops for SECONDS; operations per second, and the errors seen. */
async function throughput(op: (i: number) => Promise<void>) {
  const endAt = Date.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < endAt) {
        try {
          await op(next++);
          done += 1;
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  if (firstError) console.log(`    ${errors} errors, first: ${firstError}`);
  return done / SECONDS;
}

const emulators = await startBenchEmulators(work);
const { dynamo, s3, settings } = emulators;
const servers: ChildProcess[] = [];
try {
  const aws = createAwsClients(settings);

  /** A fresh table, and `count` release server processes on it (the environment the systemd unit gives). */
  async function deployment(count: number) {
    const table = `cadastro-scale-${count}-${randomUUID().slice(0, 8)}`;
    await applyLocalInfra(aws, { region: REGION, table, bucket: BUCKET, corsOrigins: [] });
    const secret = randomBytes(32).toString('hex');
    const urls: string[] = [];
    for (let n = 0; n < count; n++) {
      const port = await freePort();
      const server = startReleaseServer({
        port,
        dataDir: join(work, `${table}-${n}`),
        dynamodbEndpoint: dynamo.endpoint,
        s3Endpoint: s3.endpoint,
        table,
        bucket: BUCKET,
        blindIndexSecret: secret,
        env: { CADASTRO_MAIL: 'outbox', SESSION_STORE: 'dynamodb', RATE_LIMIT_STORE: 'dynamodb' },
      });
      servers.push(server);
      const url = `http://127.0.0.1:${port}`;
      await until(async () => (await fetch(`${url}/readyz`)).ok, `server ${n + 1} to be ready`);
      urls.push(url);
    }
    return { table, urls };
  }

  async function trpc(url: string, path: string, input: unknown, cookie?: string) {
    const res = await fetch(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, ...(cookie && { cookie }) },
      body: JSON.stringify(input ?? {}),
    });
    if (!res.ok) throw new Error(`${path} ${res.status} ${(await res.text()).slice(0, 200)}`);
    return res.headers.getSetCookie()[0]?.split(';')[0];
  }

  /** Registrations, then reads by the customers registered, spread round-robin over the servers. */
  async function measureServers(count: number) {
    const { urls } = await deployment(count);
    const cookies: string[] = [];
    const registrations = await throughput(async (i) => {
      const cookie = await trpc(urls[i % urls.length]!, 'customers.register', newRegistration());
      if (cookie && cookies.length < 200) cookies.push(cookie);
    });
    const reads = await throughput(async (i) => {
      const url = urls[i % urls.length]!;
      await trpc(url, 'customers.me', undefined, cookies[i % cookies.length]);
    });
    for (const server of servers.splice(0)) {
      server.kill('SIGINT');
      await new Promise((r) => server.once('exit', r));
    }
    return { registrations, reads };
  }

  /** DynamoDB Local from this one process, with no server in between. */
  async function measureCeiling(clients: AwsClients) {
    const table = `cadastro-ceiling-${randomUUID().slice(0, 8)}`;
    await applyLocalInfra(clients, { region: REGION, table, bucket: BUCKET, corsOrigins: [] });
    const item = (pk: string) => ({
      Put: {
        TableName: table,
        Item: { pk: { S: pk }, sk: { S: 'x' }, data: { S: randomBytes(300).toString('base64') } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    const registrations = await throughput(async () => {
      const id = randomUUID();
      await clients.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: ['customer', 'cpf', 'email', 'event', 'name'].map((kind) => item(`${kind}#${id}`)),
        }),
      );
    });
    await clients.dynamodb.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'read' }, sk: { S: 'x' } } }),
    );
    const reads = await throughput(async () => {
      await clients.dynamodb.send(
        new GetItemCommand({ TableName: table, Key: { pk: { S: 'read' }, sk: { S: 'x' } } }),
      );
    });
    return { registrations, reads };
  }

  console.log(
    `Scale bench: ${SECONDS} s per measurement, concurrency ${CONCURRENCY}, ${availableParallelism()} cores, DynamoDB Local (in memory) + s3rver`,
  );
  const ceiling = await measureCeiling(aws);
  const one = await measureServers(1);
  const two = await measureServers(2);

  const row = (name: string, key: 'registrations' | 'reads') =>
    `${name.padEnd(15)}${one[key].toFixed(1).padStart(10)}${two[key].toFixed(1).padStart(10)}${(two[key] / one[key]).toFixed(2).padStart(12)}${ceiling[key].toFixed(1).padStart(16)}`;
  console.log(
    `\n${'per second'.padEnd(15)}${'1 server'.padStart(10)}${'2 servers'.padStart(10)}${'2/1 ratio'.padStart(12)}${'DynamoDB Local'.padStart(16)}`,
  );
  console.log(row('registrations', 'registrations'));
  console.log(row('reads', 'reads'));
  const cores = availableParallelism();
  const readShare = two.reads / ceiling.reads;
  console.log(
    [
      '',
      `Registrations hash the password at production cost on the server's CPU. On ${cores} cores shared`,
      'by this client, the servers and both emulators, a second process has no cores of its own to add; on AWS each',
      'instance brings its own (the per-instance figure is what scales).',
      readShare > 0.8
        ? `Reads with two servers reach ${(readShare * 100).toFixed(0)} % of DynamoDB Local's ceiling: the emulator bounds them here.`
        : `Reads with two servers reach ${(readShare * 100).toFixed(0)} % of DynamoDB Local's ceiling: the servers' CPU bounds them here, not the table.`,
    ].join('\n'),
  );
} finally {
  for (const server of servers) server.kill('SIGKILL');
  await emulators.stop();
  rmSync(work, { recursive: true, force: true });
}
