import type { AwsActionUse } from '@cadastro/infra';
import { ATTACHMENTS_PREFIX, BACKUPS_PREFIX } from '@cadastro/storage';

const attachmentObjects = `objects/${ATTACHMENTS_PREFIX}*` as const;
const backupObjects = `objects/${BACKUPS_PREFIX}*` as const;

/**
 * Every AWS permission the server's code needs, one line each, next to what makes the call.
 * `pnpm infra iam-policy` grants exactly these to the EC2 role and nothing else, so a call missing here is
 * refused on AWS: add its line in the same change as the call.
 *
 * IAM actions, not API names: a TransactWriteItems is authorised per item (PutItem, UpdateItem, DeleteItem,
 * ConditionCheckItem), a presigned POST needs s3:PutObject, a HeadObject needs s3:GetObject, and a call naming a
 * `VersionId` needs the version action (s3:GetObjectVersion, s3:DeleteObjectVersion, s3:PutObjectVersionTagging).
 */
export const serverAwsActions: readonly AwsActionUse[] = [
  // readiness (readiness.ts): one read that finds nothing, one listing of at most one key
  { action: 'dynamodb:GetItem', on: 'table', by: '/readyz: a read of an item that never exists' },
  { action: 's3:ListBucket', on: 'bucket', by: '/readyz: ListObjectsV2 of at most one key' },
  // customers (packages/db/src/customers.ts, events.ts)
  { action: 'dynamodb:PutItem', on: 'table', by: 'customers.register: transaction of conditional puts' },
  { action: 'dynamodb:GetItem', on: 'table', by: 'customers.get; CPF and e-mail lookups' },
  {
    action: 'dynamodb:Query',
    on: 'index/gsi1',
    by: 'customers.list, newest first (one Query per shard); attachment sweep by state',
  },

  // accounts, sessions and LGPD self-service (packages/db/src/customers.ts, account-partition.ts, erasures.ts,
  // operators.ts, api-keys.ts)
  { action: 'dynamodb:Query', on: 'index/gsi2', by: 'customers.search: name words by prefix, per shard' },
  {
    action: 'dynamodb:BatchGetItem',
    on: 'table',
    by: 'customers.search: the customers the name words point to',
  },
  {
    action: 'dynamodb:BatchWriteItem',
    on: 'table',
    by: "erasure: the rest of the customer's partition; access record",
  },
  { action: 'dynamodb:Query', on: 'index/gsi1', by: 'ops.accessRecord: one month, newest first' },

  // attachments (packages/db/src/attachments.ts, src/attachments/)
  { action: 'dynamodb:Query', on: 'table', by: "attachments.list: the customer's documents" },
  {
    action: 'dynamodb:UpdateItem',
    on: 'table',
    by: 'attachment state changes, in transactions with their events',
  },
  { action: 'dynamodb:DeleteItem', on: 'table', by: 'attachments.remove; sweep of abandoned uploads' },
  { action: 's3:PutObject', on: attachmentObjects, by: 'attachments.createUpload: presigned POST' },
  {
    action: 's3:PutObjectTagging',
    on: attachmentObjects,
    by: 'attachments.confirm: pending → stored tag',
  },
  {
    action: 's3:PutObjectVersionTagging',
    on: 'objects/attachments/*',
    by: 'attachments.confirm tags the verified version (PutObjectTagging with VersionId)',
  },
  {
    action: 's3:GetObject',
    on: attachmentObjects,
    by: 'confirm inspection, HeadObject, presigned GET',
  },
  {
    action: 's3:GetObjectVersion',
    on: attachmentObjects,
    by: 'downloads bound to the confirmed version',
  },
  {
    action: 's3:DeleteObject',
    on: attachmentObjects,
    by: 'refused uploads, attachments.remove, sweep',
  },
  {
    action: 's3:DeleteObjectVersion',
    on: attachmentObjects,
    by: 'every version of an attachment key: remove, refused uploads, sweep (versioned bucket)',
  },
  {
    action: 's3:ListBucketVersions',
    on: 'bucket',
    by: "ListObjectVersions of an attachment key, or of all a customer's keys on erasure; once per bucket handle to learn whether the endpoint lists versions",
  },
  { action: 's3:RestoreObject', on: attachmentObjects, by: 'attachments.requestRestore from Glacier' },

  // backups (packages/backup, src/backups/): the one Scan, the lock and run records, parts in S3
  { action: 'dynamodb:Scan', on: 'table', by: 'backups.create / pnpm backup: parallel segmented Scan' },
  { action: 'dynamodb:DescribeTable', on: 'table', by: 'backup: approximate item count for the ETA' },
  { action: 'dynamodb:GetItem', on: 'table', by: 'backup lock and run records' },
  { action: 'dynamodb:PutItem', on: 'table', by: 'backup lock (conditional put) and run record' },
  {
    action: 'dynamodb:UpdateItem',
    on: 'table',
    by: 'backup lock renewal; run progress, completion, failure',
  },
  { action: 'dynamodb:DeleteItem', on: 'table', by: 'backup lock release' },
  { action: 'dynamodb:Query', on: 'table', by: 'backups.restore: erasure tombstones' },
  { action: 'dynamodb:Query', on: 'index/gsi1', by: 'backups.list, newest first' },
  { action: 's3:PutObject', on: backupObjects, by: 'backup parts (multipart upload) and manifest' },
  { action: 's3:AbortMultipartUpload', on: backupObjects, by: 'a failed or aborted backup' },
  {
    action: 's3:GetObject',
    on: backupObjects,
    by: 'backups.restore verify/apply; HeadObject for list/get',
  },
  { action: 's3:RestoreObject', on: backupObjects, by: 'backups.restoreFromArchive from Glacier' },
  // restore targets: new tables named `<table>-restore-<backupId>` by default
  { action: 'dynamodb:CreateTable', on: 'tables/-restore-*', by: 'backups.restore apply: the target table' },
  { action: 'dynamodb:DescribeTable', on: 'tables/-restore-*', by: 'backups.restore apply: target state' },
  {
    action: 'dynamodb:UpdateTimeToLive',
    on: 'tables/-restore-*',
    by: 'backups.restore apply: TTL on the target',
  },
  {
    action: 'dynamodb:PutItem',
    on: 'tables/-restore-*',
    by: 'backups.restore apply into a non-empty target: only missing items, conditional puts',
  },
  { action: 'dynamodb:PutItem', on: 'table', by: 'access record; break-glass restore into the live table' },
  {
    action: 'dynamodb:BatchWriteItem',
    on: 'tables/-restore-*',
    by: 'backups.restore apply: the items, tombstones',
  },
  {
    action: 'dynamodb:Scan',
    on: 'tables/-restore-*',
    by: 'backups.restore apply: emptiness check and counts',
  },
  // account e-mail (src/mail/ses.ts): password recovery, address confirmation, notices
  { action: 'ses:SendEmail', on: 'mail-identity', by: 'account e-mail from CADASTRO_MAIL_FROM' },
  // lifecycle report (src/lifecycle-report.ts, packages/infra/src/lifecycle/)
  {
    action: 's3:ListBucket',
    on: 'bucket',
    by: "ops.lifecycleReport (the whole bucket); a backup's objects (list, restoreFromArchive); keys on endpoints without versions",
  },
  {
    action: 's3:GetLifecycleConfiguration',
    on: 'bucket',
    by: "ops.lifecycleReport: the bucket's own lifecycle rules",
  },
];
