/**
 * `pnpm bench:scale`: does a second server process add throughput? Registrations and reads (`customers.me` with a
 * session in DynamoDB) through one release server process, then through two sharing the same DynamoDB Local and
 * s3rver (requests spread round-robin, as the load balancer does), at the same client concurrency. Beside them,
 * DynamoDB Local's own ceiling from one process at that concurrency with raw SDK calls of the same shape (a
 * five-item conditional TransactWriteItems per registration, GetItem for reads), measured in the same run.
 * BENCH_SECONDS (default 10) per measurement and BENCH_CONCURRENCY (default 16) change the run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort, S3RVER_CREDENTIALS, startDynamoDbLocal, startS3rver } from '@cadastro/local-aws';
import { type AwsClients, createAwsClients } from '../src/aws.ts';
import { applyLocalInfra } from '../src/local-stack.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REGION = 'us-east-1';
const BUCKET = 'cadastro-bench-scale';
const serverDir = fileURLToPath(new URL('..', import.meta.url));
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

async function until(check: () => Promise<boolean>, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startS3rver(join(work, 's3'))]);
const servers: ChildProcess[] = [];
try {
  const settings = {
    region: REGION,
    dynamodbEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    credentials: { ...S3RVER_CREDENTIALS },
  };
  const aws = createAwsClients(settings);

  /** A fresh table, and `count` release server processes on it (the environment the systemd unit gives). */
  async function deployment(count: number) {
    const table = `cadastro-scale-${count}-${randomUUID().slice(0, 8)}`;
    await applyLocalInfra(aws, { region: REGION, table, bucket: BUCKET, corsOrigins: [] });
    const secret = randomBytes(32).toString('hex');
    const urls: string[] = [];
    for (let n = 0; n < count; n++) {
      const port = await freePort();
      const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: serverDir,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          CADASTRO_MODE: 'aws',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: join(work, `${table}-${n}`),
          AWS_REGION: REGION,
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_ENDPOINT_URL_S3: s3.endpoint,
          CADASTRO_TABLE: table,
          CADASTRO_BUCKET: BUCKET,
          CADASTRO_BLIND_INDEX_SECRET: secret,
          CADASTRO_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
          CADASTRO_MAIL: 'outbox',
          SESSION_STORE: 'dynamodb',
          RATE_LIMIT_STORE: 'dynamodb',
          RATE_LIMIT_MAX: '100000000', // one client address sends everything here
          LOG_LEVEL: 'warn',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
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
  console.log(
    `\nRegistrations hash the password (production scrypt cost) on the server's CPU: with ${availableParallelism()} cores shared by the client, both servers and the emulators, a second process adds little to them here; on AWS each instance brings its own cores. Reads are bounded by DynamoDB Local, a single Java process (its ceiling is the last column).`,
  );
} finally {
  for (const server of servers) server.kill('SIGKILL');
  await Promise.all([dynamo.stop(), s3.stop()]);
  rmSync(work, { recursive: true, force: true });
}
