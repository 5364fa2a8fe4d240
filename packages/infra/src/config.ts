import { z } from 'zod';
import { DEFAULT_LIFECYCLE, type LifecycleSettings } from './desired/lifecycle-rules.ts';
import type { DesiredStateInput } from './desired/state.ts';
import type { TableEncryption } from './desired/table.ts';
import { TRANSITION_STORAGE_CLASSES } from './lifecycle/storage-classes.ts';
import { bucketNameSchema, tableNameSchema } from './names.ts';

/**
 * Every variable the infra commands read, with its default. The AWS SDK's own names where they exist;
 * credentials always come from the SDK's default chain. A flag of the same meaning wins over the variable.
 */
const days = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const schema = z.object({
  AWS_REGION: z.string({ error: 'required: the region of the table and bucket' }).min(1),
  AWS_ENDPOINT_URL_DYNAMODB: z.url().optional(),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
  AWS_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
  CADASTRO_TABLE: tableNameSchema.default('cadastro'),
  CADASTRO_BUCKET: bucketNameSchema.optional(),
  /** The SPA's origins, comma-separated: allowed to POST uploads and GET downloads from the bucket. */
  CADASTRO_CORS_ORIGINS: list.pipe(z.array(z.url())),
  /** SSE-KMS with this key (and an S3 Bucket Key); SSE-S3 when unset. */
  CADASTRO_BUCKET_KMS_KEY_ARN: z
    .string()
    .regex(/^arn:[a-z-]+:kms:/, 'a KMS key ARN')
    .optional(),
  CADASTRO_TABLE_ENCRYPTION: z.enum(['aws-owned-key', 'aws-managed-kms-key']).default('aws-owned-key'),
  CADASTRO_DENY_INSECURE_TRANSPORT: bool(true),
  CADASTRO_ARCHIVE_AFTER_DAYS: days(DEFAULT_LIFECYCLE.archiveAfterDays),
  CADASTRO_ARCHIVE_STORAGE_CLASS: z
    .enum(TRANSITION_STORAGE_CLASSES)
    .default(DEFAULT_LIFECYCLE.archiveStorageClass),
  CADASTRO_ARCHIVE_SMALL_OBJECTS: z.enum(['stay', 'transition']).default(DEFAULT_LIFECYCLE.smallObjects),
  CADASTRO_BACKUP_RETENTION_DAYS: days(DEFAULT_LIFECYCLE.backupRetentionDays),
  CADASTRO_PENDING_UPLOAD_EXPIRY_DAYS: days(DEFAULT_LIFECYCLE.pendingUploadExpiryDays),
  CADASTRO_NONCURRENT_ARCHIVE_DAYS: days(DEFAULT_LIFECYCLE.noncurrentArchiveAfterDays),
  CADASTRO_NONCURRENT_EXPIRY_DAYS: days(DEFAULT_LIFECYCLE.noncurrentExpireAfterDays),
  /** For `iam-policy`: the release archive the instance downloads at boot (s3://bucket/key). */
  CADASTRO_RELEASE_S3_URI: z
    .string()
    .regex(/^s3:\/\/[^/]+\/.+/, 's3://bucket/key')
    .optional(),
  /** For `iam-policy`: the SSM SecureString holding CADASTRO_BLIND_INDEX_SECRET. */
  CADASTRO_SECRET_PARAMETER: z.string().startsWith('/').optional(),
  /** For `iam-policy`: the CloudWatch Logs group of ec2/cloudwatch-agent.json. */
  CADASTRO_LOG_GROUP: z.string().startsWith('/').optional(),
});

export type InfraEnv = z.infer<typeof schema>;

export interface InfraConfig {
  region: string;
  endpoints: { dynamodb?: string; s3?: string };
  accountId?: string;
  table: string;
  bucket?: string;
  corsOrigins: string[];
  bucketKmsKeyArn?: string;
  tableEncryption: TableEncryption;
  denyInsecureTransport: boolean;
  lifecycle: LifecycleSettings;
  releaseS3Uri?: string;
  secretParameter?: string;
  logGroup?: string;
}

/** Variables named in `source` (process.env at the CLI), flags already folded in by the caller. */
export function loadInfraConfig(source: Record<string, string | undefined>): InfraConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    region: e.AWS_REGION,
    endpoints: { dynamodb: e.AWS_ENDPOINT_URL_DYNAMODB, s3: e.AWS_ENDPOINT_URL_S3 },
    accountId: e.AWS_ACCOUNT_ID,
    table: e.CADASTRO_TABLE,
    bucket: e.CADASTRO_BUCKET,
    corsOrigins: e.CADASTRO_CORS_ORIGINS,
    bucketKmsKeyArn: e.CADASTRO_BUCKET_KMS_KEY_ARN,
    tableEncryption: e.CADASTRO_TABLE_ENCRYPTION,
    denyInsecureTransport: e.CADASTRO_DENY_INSECURE_TRANSPORT,
    lifecycle: {
      ...DEFAULT_LIFECYCLE,
      archiveAfterDays: e.CADASTRO_ARCHIVE_AFTER_DAYS,
      archiveStorageClass: e.CADASTRO_ARCHIVE_STORAGE_CLASS,
      smallObjects: e.CADASTRO_ARCHIVE_SMALL_OBJECTS,
      backupRetentionDays: e.CADASTRO_BACKUP_RETENTION_DAYS,
      pendingUploadExpiryDays: e.CADASTRO_PENDING_UPLOAD_EXPIRY_DAYS,
      noncurrentArchiveAfterDays: e.CADASTRO_NONCURRENT_ARCHIVE_DAYS,
      noncurrentExpireAfterDays: e.CADASTRO_NONCURRENT_EXPIRY_DAYS,
    },
    releaseS3Uri: e.CADASTRO_RELEASE_S3_URI,
    secretParameter: e.CADASTRO_SECRET_PARAMETER,
    logGroup: e.CADASTRO_LOG_GROUP,
  };
}

export function requireBucket(config: InfraConfig): string {
  if (!config.bucket) throw new Error('Invalid configuration:\n  CADASTRO_BUCKET: required (or --bucket)');
  return config.bucket;
}

export function desiredStateInput(config: InfraConfig): DesiredStateInput {
  return {
    region: config.region,
    table: config.table,
    bucket: requireBucket(config),
    corsOrigins: config.corsOrigins,
    kmsKeyArn: config.bucketKmsKeyArn,
    tableEncryption: config.tableEncryption,
    denyInsecureTransport: config.denyInsecureTransport,
    lifecycle: config.lifecycle,
  };
}
