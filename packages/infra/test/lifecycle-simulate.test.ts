import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { DEFAULT_LIFECYCLE, lifecycleConfiguration } from '../src/desired/lifecycle-rules.ts';
import { assertLocalEndpoint, simulateLifecycle } from '../src/lifecycle/simulate.ts';
import { localClients, uniqueName } from './helpers.ts';

const { s3 } = localClients();
const DAY = 86_400_000;
const simulateDaysAhead = (bucket: string, days: number) =>
  simulateLifecycle({
    s3,
    bucket,
    lifecycle: lifecycleConfiguration(DEFAULT_LIFECYCLE),
    asOf: new Date(Date.now() + days * DAY),
    endpoint: inject('localAws').s3Endpoint,
  });

describe('lifecycle-simulate', () => {
  it('moves what the rules would have moved by --as-of, so the archived path shows end to end', async () => {
    const Bucket = uniqueName('simulate');
    await s3.send(new CreateBucketCommand({ Bucket }));
    const put = (Key: string, size: number, Tagging?: string) =>
      s3.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.alloc(size, 7), Tagging }));
    await put('attachments/cust-1/rg.pdf', 300 * 1024, 'cadastro-upload=stored');
    await put('attachments/cust-1/small.png', 20 * 1024);
    await put('attachments/cust-1/abandoned', 300 * 1024, 'cadastro-upload=pending');

    const result = await simulateDaysAhead(Bucket, 91);
    expect(result.moved).toEqual([{ key: 'attachments/cust-1/rg.pdf', from: 'STANDARD', to: 'GLACIER' }]);
    expect(result.dueToExpire).toEqual(['attachments/cust-1/abandoned']);
    expect(result.examined).toBe(3);

    // moto then behaves as S3 does with an archived object.
    await expect(
      s3.send(new GetObjectCommand({ Bucket, Key: 'attachments/cust-1/rg.pdf' })),
    ).rejects.toMatchObject({
      name: 'InvalidObjectState',
    });
    const small = await s3.send(new HeadObjectCommand({ Bucket, Key: 'attachments/cust-1/small.png' }));
    expect(small.StorageClass ?? 'STANDARD').toBe('STANDARD');

    // Again on the simulated bucket, a year on: moto refuses GetObjectTagging of the archived object, and the
    // simulation takes it as untagged instead of aborting.
    const again = await simulateDaysAhead(Bucket, 366);
    expect(again.examined).toBe(3);
    expect(again.moved).toEqual([]);
    expect(again.dueToExpire).toEqual(['attachments/cust-1/abandoned']);
  });

  it('on a versioned bucket leaves one version, in the new class, and names the version to re-point to', async () => {
    const Bucket = uniqueName('simulate-versioned');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const Key = 'attachments/cust-1/rg.pdf';
    const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.alloc(300 * 1024, 7) }));

    const result = await simulateDaysAhead(Bucket, 91);
    // S3 changes the class of the existing version in place; no API call can, so the copy is a new version.
    const [moved] = result.moved;
    expect(moved).toMatchObject({
      key: Key,
      from: 'STANDARD',
      to: 'GLACIER',
      previousVersionId: put.VersionId,
    });
    expect(moved?.versionId).toBeTruthy();
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: Key }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.StorageClass])).toEqual([
      [moved?.versionId, 'GLACIER'],
    ]);
  });

  it('refuses to run without a local endpoint or against AWS', () => {
    expect(() => assertLocalEndpoint(undefined)).toThrow(/local endpoint/);
    expect(() => assertLocalEndpoint('https://s3.sa-east-1.amazonaws.com')).toThrow(
      /refuses to run against AWS/,
    );
    expect(assertLocalEndpoint('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
  });
});
