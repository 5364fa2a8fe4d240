import {
  CreateBucketCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  PutBucketLifecycleConfigurationCommand,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE, RULE_IDS } from '../src/desired/lifecycle-rules.ts';
import { type DesiredState, desiredState, lifecycleConfiguration } from '../src/index.ts';
import { applyInfra, planInfra } from '../src/infra.ts';
import { liveLifecycleConfiguration } from '../src/lifecycle/live-rules.ts';
import { localClients, NO_PAUSES, uniqueName } from './helpers.ts';

const clients = localClients();
/** A fresh bucket (and table) of its own, reached over moto's plain HTTP. */
const freshState = (input: Partial<Parameters<typeof desiredState>[0]> = {}) =>
  desiredState({
    region: 'us-east-1',
    bucket: uniqueName('bucket'),
    table: uniqueName('table'),
    corsOrigins: [],
    denyInsecureTransport: false,
    ...input,
  });
const bucketItems = <T extends { resource: string }>(items: T[]) =>
  items.filter((i) => i.resource.startsWith('s3 '));

describe('the bucket on moto', () => {
  const bucket = uniqueName('bucket');
  let desired: DesiredState;

  beforeAll(async () => {
    desired = desiredState({
      region: 'us-east-1',
      bucket,
      table: uniqueName('table'),
      corsOrigins: ['https://cadastro.example.com'],
      denyInsecureTransport: true,
    });
    const first = await applyInfra(clients, desired, NO_PAUSES);
    expect(first.failed).toBe(false);
    expect(bucketItems(first.items).every((i) => i.result === 'applied')).toBe(true);
  });

  it('holds exactly the desired lifecycle rules', async () => {
    const read = await clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    const expected = lifecycleConfiguration(DEFAULT_LIFECYCLE);
    expect(read.Rules).toEqual(expected.Rules);
    expect(read.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    expect(expected.Rules.find((r) => r.ID === RULE_IDS.attachments)?.Transitions).toEqual([
      { Days: 90, StorageClass: 'GLACIER' },
    ]);
    // Pending uploads are the attachments still tagged as the presigned POST tagged them (confirm retags them).
    expect(read.Rules?.find((r) => r.ID === RULE_IDS.pendingUploads)).toEqual({
      ID: 'pending-uploads-expire',
      Status: 'Enabled',
      Filter: { And: { Prefix: 'attachments/', Tags: [{ Key: 'cadastro-upload', Value: 'pending' }] } },
      Expiration: { Days: 1 },
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
    // What the report reads when asked for the bucket's own rules.
    expect(await liveLifecycleConfiguration(clients.s3, bucket)).toEqual(expected);
  });

  it('reads back encryption, public access block, versioning, policy and CORS as desired', async () => {
    const Bucket = bucket;
    const encryption = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    const block = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect((await clients.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    const policy = JSON.parse((await clients.s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? '{}');
    expect(policy).toEqual(desired.bucket.policy);
    expect(policy.Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket }));
    expect(cors.CORSRules).toEqual(desired.bucket.cors);
  });

  it('plans nothing and changes nothing the second time', async () => {
    const plan = await planInfra(clients, desired);
    expect(bucketItems(plan.items).map((i) => i.action)).toEqual(
      bucketItems(plan.items).map(() => 'unchanged'),
    );
    const again = await applyInfra(clients, desired, NO_PAUSES);
    expect(bucketItems(again.items).every((i) => i.result === 'unchanged')).toBe(true);
  });

  it('shows a rule changed by hand as drift, naming the rule and the value, and repairs it', async () => {
    const edited = lifecycleConfiguration({ ...DEFAULT_LIFECYCLE, archiveAfterDays: 60 });
    await clients.s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: { Rules: edited.Rules.filter((r) => r.ID !== RULE_IDS.housekeeping) },
      }),
    );
    const plan = await planInfra(clients, desired);
    expect(plan.drift).toBe(true);
    const lifecycle = plan.items.find((i) => i.setting === 'lifecycle rules');
    expect(lifecycle?.action).toBe('change');
    expect(lifecycle?.changes).toEqual(
      expect.arrayContaining([
        { path: `rules.${RULE_IDS.attachments}.Transitions[0].Days`, from: 60, to: 90 },
        { path: `rules.${RULE_IDS.backups}.Transitions[0].Days`, from: 60, to: 90 },
        expect.objectContaining({ path: `rules.${RULE_IDS.housekeeping}`, from: undefined }),
      ]),
    );
    const repaired = await applyInfra(clients, desired, NO_PAUSES);
    expect(repaired.items.find((i) => i.setting === 'lifecycle rules')?.result).toBe('applied');
    expect((await planInfra(clients, desired)).drift).toBe(false);
  });
});

describe('choices moto cannot keep', () => {
  it('reports a setting the endpoint accepts but does not store as unsupported, never as applied', async () => {
    // moto always answers all_storage_classes_128K, whatever was sent.
    const desired = freshState({ lifecycle: { smallObjects: 'transition' } });
    const outcome = await applyInfra(clients, desired, NO_PAUSES);
    const lifecycle = outcome.items.find((i) => i.setting === 'lifecycle rules');
    expect(lifecycle?.result).toBe('unsupported');
    expect(lifecycle?.reason).toContain('all_storage_classes_128K');
    expect(outcome.failed).toBe(false);
  });

  it('reads a bucket without lifecycle rules as having none', async () => {
    const desired = freshState();
    await clients.s3.send(new CreateBucketCommand({ Bucket: desired.bucket.name }));
    expect((await liveLifecycleConfiguration(clients.s3, desired.bucket.name)).Rules).toEqual([]);
  });

  it('keeps SSE-KMS with a bucket key', async () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const desired = freshState({ kmsKeyArn });
    await applyInfra(clients, desired, NO_PAUSES);
    const read = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: desired.bucket.name }));
    expect(read.ServerSideEncryptionConfiguration?.Rules?.[0]).toEqual({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKeyArn },
      BucketKeyEnabled: true,
    });
    expect(
      bucketItems((await planInfra(clients, desired)).items).every((i) => i.action === 'unchanged'),
    ).toBe(true);
  });
});
