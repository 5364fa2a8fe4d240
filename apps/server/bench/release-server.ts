import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3RVER_CREDENTIALS, startDynamoDbLocal, startS3rver } from '@cadastro/local-aws';

export { until } from '@cadastro/local-aws';

import { unitDirectives } from '../../deploy/test/systemd-unit.ts';
import type { AwsSettings } from '../src/aws.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const BENCH_REGION = 'us-east-1';

/** DynamoDB Local and s3rver for one benchmark run (s3rver's files under `work`), and the SDK settings to reach them. */
export async function startBenchEmulators(work: string, timeouts?: AwsSettings['timeouts']) {
  const [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startS3rver(join(work, 's3'))]);
  const settings: AwsSettings = {
    region: BENCH_REGION,
    dynamodbEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    credentials: { ...S3RVER_CREDENTIALS },
    ...(timeouts && { timeouts }),
  };
  return { dynamo, s3, settings, stop: () => Promise.all([dynamo.stop(), s3.stop()]) };
}

export interface ReleaseServerOptions {
  port: number;
  dataDir: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  table: string;
  bucket: string;
  /** Shared by the instances of one deployment. */
  blindIndexSecret: string;
  /** More variables (API keys, session store, …). */
  env?: Record<string, string>;
  /** What to run: the release as `unitCommand` gives it; by default `src/main.ts` through tsx. */
  command?: { args: string[]; env: Record<string, string> };
}

/**
 * The release started as cadastro.service starts it: its ExecStart (this Node in place of /usr/local/bin/node,
 * the release directory in place of /opt/cadastro/current) and its Environment= lines.
 */
export function unitCommand(releaseDir: string): { args: string[]; env: Record<string, string> } {
  const unit = unitDirectives(readFileSync(join(repoRoot, 'apps/deploy/ec2/cadastro.service'), 'utf8'));
  const [, ...args] = (unit.get('ExecStart')?.[0] ?? '').split(/\s+/);
  const env: Record<string, string> = Object.fromEntries(
    (unit.get('Environment') ?? []).map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)];
    }),
  );
  return {
    args: args.map((a) => a.replace('/opt/cadastro/current', releaseDir)),
    env: { ...env, WEB_DIR: join(releaseDir, 'web') },
  };
}

/**
 * The server as released (`src/main.ts` in its own process, production settings and scrypt cost) against the
 * emulators the benchmark started, with no client rate limit (one address sends everything).
 */
export function startReleaseServer(options: ReleaseServerOptions): ChildProcess {
  return spawn(process.execPath, options.command?.args ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      CADASTRO_MODE: 'aws',
      ...options.command?.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      DATA_DIR: options.dataDir,
      AWS_REGION: BENCH_REGION,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: options.dynamodbEndpoint,
      AWS_ENDPOINT_URL_S3: options.s3Endpoint,
      CADASTRO_TABLE: options.table,
      CADASTRO_BUCKET: options.bucket,
      CADASTRO_BLIND_INDEX_SECRET: options.blindIndexSecret,
      CADASTRO_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      RATE_LIMIT_MAX: '100000000',
      LOG_LEVEL: 'warn',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
  });
}

/** A process's resident memory in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/**
 * Where a Node process's resident memory is, in MiB, told apart by the shape of its mappings (/proc/PID/smaps):
 * V8's heap pages are anonymous mappings of 256 KiB; glibc's malloc holds `[heap]` and its thread arenas,
 * anonymous mappings at 64 MiB-aligned addresses; files are the binary and the libraries; the rest is other
 * anonymous memory (V8's large objects and code, stacks). A reading, not an accounting: it tells which of them grew.
 */
export function memoryMap(pid: number): { v8Pages: number; malloc: number; files: number; other: number } {
  const map = { v8Pages: 0, malloc: 0, files: 0, other: 0 };
  const MiB = 1024 * 1024;
  let kind: keyof typeof map = 'other';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const start = Number.parseInt(mapping[1]!, 16);
      const size = Number.parseInt(mapping[2]!, 16) - start;
      const name = mapping[3]!.trim();
      kind = name.startsWith('/')
        ? 'files'
        : name === '[heap]' || (!name && start % (64 * MiB) === 0 && size <= 64 * MiB)
          ? 'malloc'
          : !name && size === 256 * 1024
            ? 'v8Pages'
            : 'other';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) map[kind] += Number(rss[1]) / 1024;
  }
  return map;
}

/** `memoryMap` as one short line. */
export function describeMemory(pid: number): string {
  const { v8Pages, malloc, files, other } = memoryMap(pid);
  const f = (n: number) => n.toFixed(0);
  return `V8 pages ${f(v8Pages)}, malloc ${f(malloc)}, files ${f(files)}, other ${f(other)} MiB`;
}
