/**
 * `pnpm bench:backup [--n 100000] [--attachments 1] [--segments 4] [--compression-level 6]`: seeds N customers (customer item, CPF and
 * e-mail guards, a `registered` event and attachment metadata) into a DynamoDB Local started in memory, then
 * measures a backup (wall time, items/s, peak RSS) against a raw SDK Scan of the same table in the same run.
 * A script, not a test: figures depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createDbService, ensureTable } from '@cadastro/db';
import { startDynamoDbLocal, startMoto } from '@cadastro/local-aws';
import { BatchWriter } from '../src/index.ts';
import { seedItemsFor } from './seed-items.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    attachments: { type: 'string', default: '1' },
    segments: { type: 'string', default: '4' },
    'compression-level': { type: 'string', default: '6' },
  },
});
const customers = Number(values.n);
const attachmentsPerCustomer = Number(values.attachments);
const segments = Number(values.segments);
const compressionLevel = Number(values['compression-level']);

const table = 'cadastro-bench';
const bucket = 'cadastro-bench';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function seed(client: DynamoDBClient) {
  const db = createDbService({ table, client });
  const writer = new BatchWriter({ client, table, keyNames: ['pk', 'sk'], concurrency: 16 });
  let items = 0;
  for (let i = 0; i < customers; i++) {
    for (const item of seedItemsFor(db, i, attachmentsPerCustomer)) {
      await writer.put(item);
      items += 1;
    }
    if ((i + 1) % 20_000 === 0) log(`  seeded ${i + 1} customers`);
  }
  await writer.flush();
  return items;
}

interface PhaseResult {
  items: number;
  seconds: number;
  peakRss: number;
  bytes?: number;
  parts?: number;
  counts?: Record<string, number>;
}

/** Runs `bench/phase.ts` in a fresh Node process and reads its figures. */
function runPhase(phase: 'scan' | 'backup', dynamodbEndpoint: string, s3Endpoint: string): PhaseResult {
  const script = fileURLToPath(new URL('./phase.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      script,
      ...['--phase', phase, '--dynamodb', dynamodbEndpoint, '--s3', s3Endpoint],
      ...['--table', table, '--bucket', bucket, '--segments', String(segments)],
      ...['--compression-level', String(compressionLevel)],
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`${phase} phase failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

async function main() {
  log(`Starting DynamoDB Local (in memory) and moto…`);
  const [dynamo, moto] = await Promise.all([startDynamoDbLocal(), startMoto()]);
  try {
    const common = { region: 'us-east-1', credentials };
    const dynamodb = new DynamoDBClient({ ...common, endpoint: dynamo.endpoint });
    const s3 = new S3Client({
      ...common,
      endpoint: moto.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await ensureTable(dynamodb, table);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));

    log(`Seeding ${customers} customers with ${attachmentsPerCustomer} attachment(s) each…`);
    const seedStart = performance.now();
    const seeded = await seed(dynamodb);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`  ${seeded} items in ${seedSeconds.toFixed(1)} s (${Math.round(seeded / seedSeconds)} items/s)`);

    log('Raw SDK Scan (reference, first pass)…');
    const scanA = runPhase('scan', dynamo.endpoint, moto.endpoint);
    log(`  ${scanA.items} items in ${scanA.seconds.toFixed(2)} s, peak RSS ${mib(scanA.peakRss)}`);
    log(`Backup (${segments} segments, gzip level ${compressionLevel})…`);
    const backup = runPhase('backup', dynamo.endpoint, moto.endpoint);
    log(`  ${backup.items} items in ${backup.seconds.toFixed(2)} s, peak RSS ${mib(backup.peakRss)}`);
    log('Raw SDK Scan (reference, second pass)…');
    const scanB = runPhase('scan', dynamo.endpoint, moto.endpoint);
    // The faster Scan is the reference: the comparison never flatters the backup.
    const reference = scanA.seconds <= scanB.seconds ? scanA : scanB;

    const backupRate = backup.items / backup.seconds;
    const scanRate = reference.items / reference.seconds;
    const ratio = backupRate / scanRate;
    const counts = Object.entries(backup.counts ?? {}).map(([e, n]) => `${e} ${n}`);
    log('');
    log(`customers                 ${customers}`);
    log(`items in the table        ${reference.items}`);
    log(`items backed up           ${backup.items} (${counts.join(', ')})`);
    log(`backup size (gzip)        ${mib(backup.bytes ?? 0)} in ${backup.parts} parts`);
    log(`backup wall time          ${backup.seconds.toFixed(2)} s`);
    log(`backup throughput         ${Math.round(backupRate)} items/s`);
    log(
      `raw Scan wall time        ${scanA.seconds.toFixed(2)} s, ${scanB.seconds.toFixed(2)} s (best ${Math.round(scanRate)} items/s)`,
    );
    log(
      `backup / raw Scan         ${ratio.toFixed(2)}  (target ≥ 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`,
    );
    log(
      `peak RSS, backup process ${mib(backup.peakRss)}  (target ≤ 256 MiB: ${backup.peakRss <= 256 * 1024 * 1024 ? 'met' : 'NOT met'})`,
    );
    log(`peak RSS, Scan process   ${mib(Math.max(scanA.peakRss, scanB.peakRss))}`);
  } finally {
    await Promise.all([dynamo.stop(), moto.stop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
