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
  { action: 'dynamodb:Query', on: 'index/gsi1', by: 'customers.list, newest first' },
];
