import type { AwsActionUse } from '@cadastro/infra';

/**
 * Every AWS permission the server's code needs, one line each, next to what makes the call.
 * `pnpm infra iam-policy` grants exactly these to the EC2 role and nothing else, so a call missing here is
 * refused on AWS: add its line in the same change as the call.
 *
 * IAM actions, not API names: a TransactWriteItems is authorised per item (PutItem, UpdateItem, DeleteItem,
 * ConditionCheckItem), a presigned POST needs s3:PutObject, a HeadObject needs s3:GetObject.
 */
export const serverAwsActions: readonly AwsActionUse[] = [
  // customers (packages/db/src/customers.ts, events.ts)
  { action: 'dynamodb:PutItem', on: 'table', by: 'customers.register: transaction of conditional puts' },
  { action: 'dynamodb:GetItem', on: 'table', by: 'customers.get; CPF and e-mail lookups' },
  {
    action: 'dynamodb:Query',
    on: 'index/gsi1',
    by: 'customers.list, newest first; attachment sweep by state',
  },

  // accounts, sessions and LGPD self-service (packages/db/src/customers.ts, account-partition.ts, erasures.ts,
  // operators.ts, api-keys.ts)
  { action: 'dynamodb:Query', on: 'index/gsi2', by: 'customers.search by name prefix' },
  { action: 'dynamodb:BatchWriteItem', on: 'table', by: "erasure: the rest of the customer's partition" },

  // attachments (packages/db/src/attachments.ts, src/attachments/)
  { action: 'dynamodb:Query', on: 'table', by: "attachments.list: the customer's documents" },
  {
    action: 'dynamodb:UpdateItem',
    on: 'table',
    by: 'attachment state changes, in transactions with their events',
  },
  { action: 'dynamodb:DeleteItem', on: 'table', by: 'attachments.remove; sweep of abandoned uploads' },
  { action: 's3:PutObject', on: 'objects/attachments/*', by: 'attachments.createUpload: presigned POST' },
  {
    action: 's3:PutObjectTagging',
    on: 'objects/attachments/*',
    by: 'attachments.confirm: pending → stored tag',
  },
  {
    action: 's3:GetObject',
    on: 'objects/attachments/*',
    by: 'confirm inspection, HeadObject, presigned GET',
  },
  {
    action: 's3:GetObjectVersion',
    on: 'objects/attachments/*',
    by: 'downloads bound to the confirmed version',
  },
  {
    action: 's3:DeleteObject',
    on: 'objects/attachments/*',
    by: 'refused uploads, attachments.remove, sweep',
  },
  {
    action: 's3:DeleteObjectVersion',
    on: 'objects/attachments/*',
    by: 'every version of an attachment key: remove, refused uploads, sweep (versioned bucket)',
  },
  {
    action: 's3:ListBucketVersions',
    on: 'bucket',
    by: "ListObjectVersions of an attachment key, or of all a customer's keys on erasure, before deleting them",
  },
  { action: 's3:RestoreObject', on: 'objects/attachments/*', by: 'attachments.requestRestore from Glacier' },

  // lifecycle report (src/lifecycle-report.ts, packages/infra/src/lifecycle/)
  { action: 's3:ListBucket', on: 'bucket', by: 'ops.lifecycleReport: ListObjectsV2 of the whole bucket' },
  {
    action: 's3:GetLifecycleConfiguration',
    on: 'bucket',
    by: "ops.lifecycleReport: the bucket's own lifecycle rules",
  },
];
