import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { type LocalAws, startLocalAws } from '../src/index.ts';

function clients(aws: LocalAws) {
  const common = { region: aws.region, credentials: aws.credentials };
  return {
    dynamo: new DynamoDBClient({ ...common, endpoint: aws.dynamodbEndpoint }),
    s3: new S3Client({ ...common, endpoint: aws.s3Endpoint, forcePathStyle: true }),
  };
}

const createTable = (name: string) =>
  new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startLocalAws (in memory, moto)', () => {
  let aws: LocalAws;
  afterAll(() => aws?.stop());

  it('answers DynamoDB and S3 calls', async () => {
    aws = await startLocalAws();
    expect(aws.s3Emulator).toBe('moto');
    const { dynamo, s3 } = clients(aws);
    await dynamo.send(createTable('table-one'));
    expect((await dynamo.send(new ListTablesCommand({}))).TableNames).toContain('table-one');
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
    await s3.send(new PutObjectCommand({ Bucket: 'bucket-one', Key: 'k', Body: 'hello' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'bucket-one', Key: 'k' }));
    expect(await object.Body?.transformToString()).toBe('hello');
  });
});

describe('startLocalAws (persistent, s3rver)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadastro-local-aws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps tables and objects across a restart', async () => {
    const first = await startLocalAws({ persistDir: dir });
    try {
      const { dynamo, s3 } = clients(first);
      await dynamo.send(createTable('kept'));
      await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
      await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a.txt', Body: 'still here' }));
    } finally {
      await first.stop();
    }
    const second = await startLocalAws({ persistDir: dir });
    try {
      const { dynamo, s3 } = clients(second);
      expect((await dynamo.send(new ListTablesCommand({}))).TableNames).toContain('kept');
      const object = await s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a.txt' }));
      expect(await object.Body?.transformToString()).toBe('still here');
    } finally {
      await second.stop();
    }
  });
});

describe('process hygiene', () => {
  it('ends the emulators when their parent is killed with SIGKILL', async () => {
    // A parent that starts the emulators, prints the guard pids and then hangs, as a crashed test run would.
    const script = `
      import { startLocalAws } from ${JSON.stringify(join(import.meta.dirname, '../src/index.ts'))};
      const aws = await startLocalAws();
      const { execSync } = await import('node:child_process');
      // Every process below this one, except the ps that lists them.
      const table = execSync('ps -eo pid=,ppid=').toString().trim().split('\\n').map((l) => l.trim().split(/\\s+/).map(Number));
      const below = new Set([process.pid]);
      for (let grew = true; grew; ) { grew = false; for (const [pid, ppid] of table) if (below.has(ppid) && !below.has(pid)) { below.add(pid); grew = true; } }
      below.delete(process.pid);
      const alive = [...below].filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } });
      console.log(JSON.stringify(alive));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => {
      parent.kill('SIGKILL');
    });
    const pids: number[] = await new Promise((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    expect(pids.length).toBeGreaterThanOrEqual(4); // two guards, java and moto
    expect(pids.every(isRunning)).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (pids.some(isRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(isRunning)).toEqual([]);
  });
});
