import {
  type CORSRule,
  CreateBucketCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  type LifecycleRule,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
  type ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import type { BucketEncryption, DesiredBucket } from '../desired/bucket.ts';
import type { LifecycleConfiguration } from '../desired/lifecycle-rules.ts';
import { canonical } from '../engine/compare.ts';
import { errorName, httpStatus } from '../engine/endpoint-errors.ts';
import type { Observed, Resource, Setting } from '../engine/types.ts';

/** Runs a Get…; the named errors mean "not configured". */
async function readOr<T>(absentWhen: string, get: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { state: 'present', value: await get() };
  } catch (error) {
    if (errorName(error) === absentWhen) return { state: 'absent' };
    throw error;
  }
}

// —— canonical forms: what S3 returns, reduced to what the desired state says ——

type PolicyStatement = Record<string, unknown>;
const asSortedList = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v === undefined ? undefined : [v]);

/** AWS may reorder a stored policy and turn one-element lists into strings. */
export function canonicalPolicy(policy: { Version?: string; Statement?: unknown }): unknown {
  const statements = (
    Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
  ) as PolicyStatement[];
  return canonical({
    Version: policy.Version,
    Statement: statements
      .map(
        (s): PolicyStatement => ({
          ...s,
          Action: asSortedList(s.Action),
          NotAction: asSortedList(s.NotAction),
          Resource: asSortedList(s.Resource),
        }),
      )
      .sort((a, b) => String(a.Sid ?? '').localeCompare(String(b.Sid ?? ''))),
  });
}

function canonicalCors(rules: CORSRule[]): unknown {
  return canonical(
    rules.map((r) => ({
      ...r,
      AllowedMethods: asSortedList(r.AllowedMethods),
      AllowedOrigins: asSortedList(r.AllowedOrigins),
      AllowedHeaders: asSortedList(r.AllowedHeaders),
      ExposeHeaders: asSortedList(r.ExposeHeaders),
    })),
  );
}

function canonicalRule(rule: LifecycleRule): unknown {
  const { Prefix, Filter, Expiration, ...rest } = rule;
  // An empty filter and an empty prefix both mean "the whole bucket"; the legacy top-level Prefix means a filter.
  const filter = Filter && Object.keys(Filter).length > 0 ? Filter : { Prefix: Prefix ?? '' };
  const expiration =
    Expiration && Expiration.ExpiredObjectDeleteMarker === false
      ? { ...Expiration, ExpiredObjectDeleteMarker: undefined }
      : Expiration;
  return canonical({ ...rest, Filter: filter, Expiration: expiration });
}

/** Rules keyed by ID, so a plan names the rule that drifted. */
function canonicalLifecycle(config: {
  Rules?: LifecycleRule[];
  TransitionDefaultMinimumObjectSize?: string;
}) {
  return {
    // A configuration stored without the header behaves as S3's default since September 2024.
    transitionDefaultMinimumObjectSize:
      config.TransitionDefaultMinimumObjectSize ?? 'all_storage_classes_128K',
    rules: Object.fromEntries(
      (config.Rules ?? []).map((r, i) => [r.ID ?? `(rule ${i + 1})`, canonicalRule(r)]),
    ),
  };
}

function encryptionOf(rule: ServerSideEncryptionRule | undefined): BucketEncryption | { algorithm: string } {
  const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'none';
  if (algorithm !== 'aws:kms') return { algorithm };
  return {
    algorithm,
    kmsKeyArn: rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? '(aws/s3)',
    bucketKey: rule?.BucketKeyEnabled ?? false,
  } as BucketEncryption;
}

function encryptionRule(e: BucketEncryption): ServerSideEncryptionRule {
  return e.algorithm === 'AES256'
    ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }
    : {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: e.kmsKeyArn },
        BucketKeyEnabled: true,
      };
}

export function bucketResource(s3: S3Client, desired: DesiredBucket): Resource {
  const Bucket = desired.name;
  const settings: Setting[] = [
    {
      name: 'public access block',
      desired: desired.publicAccessBlock,
      read: () =>
        readOr('NoSuchPublicAccessBlockConfiguration', async () => {
          const { PublicAccessBlockConfiguration: c = {} } = await s3.send(
            new GetPublicAccessBlockCommand({ Bucket }),
          );
          return {
            BlockPublicAcls: c.BlockPublicAcls ?? false,
            IgnorePublicAcls: c.IgnorePublicAcls ?? false,
            BlockPublicPolicy: c.BlockPublicPolicy ?? false,
            RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
          };
        }),
      write: async () => {
        await s3.send(
          new PutPublicAccessBlockCommand({
            Bucket,
            PublicAccessBlockConfiguration: desired.publicAccessBlock,
          }),
        );
      },
    } satisfies Setting<DesiredBucket['publicAccessBlock']>,
    {
      name: 'default encryption',
      desired: desired.encryption,
      read: () =>
        readOr('ServerSideEncryptionConfigurationNotFoundError', async () => {
          const { ServerSideEncryptionConfiguration: c } = await s3.send(
            new GetBucketEncryptionCommand({ Bucket }),
          );
          return encryptionOf(c?.Rules?.[0]);
        }),
      write: async () => {
        await s3.send(
          new PutBucketEncryptionCommand({
            Bucket,
            ServerSideEncryptionConfiguration: { Rules: [encryptionRule(desired.encryption)] },
          }),
        );
      },
    } satisfies Setting<BucketEncryption | { algorithm: string }>,
    {
      name: 'versioning',
      desired: desired.versioning,
      read: async () => {
        const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket }));
        return { state: 'present', value: Status ?? 'Never enabled' };
      },
      write: async () => {
        await s3.send(
          new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }),
        );
      },
      // s3rver takes `PUT /bucket?versioning` for CreateBucket and answers that the bucket exists.
      unsupportedWriteErrors: ['BucketAlreadyExists', 'BucketAlreadyOwnedByYou'],
    } satisfies Setting<string>,
    ...(desired.policy
      ? [
          {
            name: 'bucket policy',
            desired: canonicalPolicy(desired.policy),
            read: () =>
              readOr('NoSuchBucketPolicy', async () => {
                const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket }));
                return canonicalPolicy(JSON.parse(Policy ?? '{}'));
              }),
            write: async () => {
              await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(desired.policy) }));
            },
          } satisfies Setting<unknown>,
        ]
      : []),
    ...(desired.cors
      ? [
          {
            name: 'CORS',
            desired: canonicalCors(desired.cors),
            read: () =>
              readOr('NoSuchCORSConfiguration', async () => {
                const { CORSRules = [] } = await s3.send(new GetBucketCorsCommand({ Bucket }));
                return canonicalCors(CORSRules);
              }),
            write: async () => {
              await s3.send(
                new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: desired.cors ?? [] } }),
              );
            },
          } satisfies Setting<unknown>,
        ]
      : []),
    {
      name: 'lifecycle rules',
      desired: canonicalLifecycle(desired.lifecycle),
      read: () =>
        readOr('NoSuchLifecycleConfiguration', async () =>
          canonicalLifecycle(await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))),
        ),
      write: async () => {
        const { Rules, TransitionDefaultMinimumObjectSize }: LifecycleConfiguration = desired.lifecycle;
        await s3.send(
          new PutBucketLifecycleConfigurationCommand({
            Bucket,
            TransitionDefaultMinimumObjectSize,
            LifecycleConfiguration: { Rules },
          }),
        );
      },
    } satisfies Setting<ReturnType<typeof canonicalLifecycle>>,
  ];

  return {
    id: `s3 bucket ${Bucket}`,
    creation: { region: desired.region },
    async exists() {
      try {
        await s3.send(new HeadBucketCommand({ Bucket }));
        return true;
      } catch (error) {
        if (httpStatus(error) === 404) return false;
        if (httpStatus(error) === 403) {
          throw new Error(`Bucket ${Bucket} exists but this account cannot use it (bucket names are global)`);
        }
        throw error;
      }
    },
    async create() {
      await s3.send(
        new CreateBucketCommand({
          Bucket,
          // us-east-1 is the one region that refuses its own name as a location constraint.
          ...(desired.region !== 'us-east-1' && {
            CreateBucketConfiguration: { LocationConstraint: desired.region as never },
          }),
        }),
      );
    },
    settings,
  };
}
