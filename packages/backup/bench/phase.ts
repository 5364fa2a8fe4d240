/**
 * One measured phase of the benchmark in a process of its own, so its peak RSS is the phase's and not the
 * seeding's: `scan` (raw SDK Scan, the reference) or `backup`. Prints one JSON line with the figures.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createDbService } from '@cadastro/db';
import { type Item, runBackup } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    phase: { type: 'string' },
    dynamodb: { type: 'string' },
    s3: { type: 'string' },
    table: { type: 'string' },
    bucket: { type: 'string' },
    segments: { type: 'string' },
    'compression-level': { type: 'string', default: '6' },
  },
});
const segments = Number(values.segments);
const table = values.table!;
const common = { region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
const dynamodb = new DynamoDBClient({ ...common, endpoint: values.dynamodb });

/** Peak RSS of this process (VmHWM, Linux), else the highest sampled value. */
function peakRss(sampled: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Math.max(Number(kb) * 1024, sampled) : sampled;
  } catch {
    return sampled;
  }
}

async function rawScan(): Promise<number> {
  let items = 0;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Item | undefined;
      do {
        const page = await dynamodb.send(
          new ScanCommand({
            TableName: table,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        items += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
  return items;
}

async function backup() {
  const s3 = new S3Client({
    ...common,
    endpoint: values.s3,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const db = createDbService({ table, client: dynamodb });
  const { manifest } = await runBackup(
    { dynamodb, s3, db, table, bucket: values.bucket! },
    { trigger: 'cli', segments, compressionLevel: Number(values['compression-level']) },
  );
  return manifest;
}

async function main() {
  let sampled = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const result =
    values.phase === 'scan'
      ? { items: await rawScan() }
      : await backup().then((m) => ({
          items: m.totalItems,
          bytes: m.totalBytes,
          parts: m.parts.length,
          counts: m.counts,
        }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  process.stdout.write(`${JSON.stringify({ ...result, seconds, peakRss: peakRss(sampled) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
