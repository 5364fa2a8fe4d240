import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetBucketCorsCommand } from '@aws-sdk/client-s3';
import { type RunningEmulator, S3RVER_CREDENTIALS, startS3rver } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desiredState } from '../src/index.ts';
import { applyInfra, planInfra } from '../src/infra.ts';
import { localClients, NO_PAUSES, uniqueName } from './helpers.ts';

describe('the bucket on s3rver (what `pnpm start` uses)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadastro-infra-s3rver-'));
  let s3rver: RunningEmulator;
  beforeAll(async () => {
    s3rver = await startS3rver(dir);
  });
  afterAll(async () => {
    await s3rver?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports what s3rver does not implement as unsupported, applies the rest, and never crashes', async () => {
    const clients = localClients(s3rver.endpoint, { ...S3RVER_CREDENTIALS });
    const desired = desiredState({
      region: 'us-east-1',
      bucket: uniqueName('bucket'),
      table: uniqueName('table'),
      corsOrigins: ['http://localhost:3000'],
      denyInsecureTransport: true,
    });
    const outcome = await applyInfra(clients, desired, NO_PAUSES);
    const results = Object.fromEntries(
      outcome.items.filter((i) => i.resource.startsWith('s3 ')).map((i) => [i.setting, i.result]),
    );
    expect(results).toEqual({
      resource: 'applied',
      'public access block': 'unsupported',
      'default encryption': 'unsupported',
      versioning: 'unsupported',
      'bucket policy': 'unsupported',
      CORS: 'applied',
      'lifecycle rules': 'unsupported',
    });
    expect(outcome.failed).toBe(false);
    const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket: desired.bucket.name }));
    expect(cors.CORSRules?.[0]?.AllowedOrigins).toEqual(['http://localhost:3000']);

    const again = await applyInfra(clients, desired, NO_PAUSES);
    expect(again.failed).toBe(false);
    const plan = await planInfra(clients, desired);
    expect(plan.items.find((i) => i.setting === 'lifecycle rules')?.action).toBe('unsupported');
    expect(plan.items.find((i) => i.setting === 'default encryption')?.action).toBe('unsupported');
  });
});
