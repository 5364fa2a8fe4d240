import type { AwsActionUse } from '@cadastro/infra';
import type { AwsClients } from '../src/aws.ts';
import { serverAwsActions } from '../src/aws-actions.ts';

/** One permission check AWS would make for a call: the IAM action and what it applies to. */
interface Check {
  action: string;
  /** `table`, `index/NAME`, `tables/SUFFIX` (another table named after the table), `bucket` or `objects/KEY`. */
  on: string;
}

const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

/** S3 calls authorised under another action's name. */
const S3_ACTION_OF: Record<string, string> = {
  HeadObject: 's3:GetObject',
  ListObjectsV2: 's3:ListBucket',
  GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
  ListObjectVersions: 's3:ListBucketVersions',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  DeleteObjects: 's3:DeleteObject',
};

type Input = Record<string, unknown> & { TransactItems?: Array<Record<string, unknown>> };

/** `table` for the server's table, `tables/<rest of the name>` for a table named after it (restore targets). */
function tableScope(input: Input, table: string): string {
  const name =
    (input.TableName as string | undefined) ?? Object.keys((input.RequestItems as object) ?? {})[0];
  if (name === undefined || name === table) return 'table';
  return name.startsWith(table) ? `tables/${name.slice(table.length)}` : `tables/?${name}`;
}

function dynamodbChecks(operation: string, input: Input, table: string): Check[] {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    return (input.TransactItems ?? []).map((item) => ({
      action: TRANSACT_ITEM_ACTIONS[Object.keys(item)[0] ?? ''] ?? `dynamodb:${operation}`,
      on: 'table',
    }));
  }
  const scope = tableScope(input, table);
  return [{ action: `dynamodb:${operation}`, on: input.IndexName ? `index/${input.IndexName}` : scope }];
}

function s3Checks(operation: string, input: Input): Check[] {
  const action = S3_ACTION_OF[operation] ?? `s3:${operation}`;
  if (operation === 'CopyObject') {
    const source = String(input.CopySource ?? '').replace(/^[^/]+\//, '');
    return [
      { action: 's3:GetObject', on: `objects/${decodeURIComponent(source)}` },
      { action: 's3:PutObject', on: `objects/${input.Key}` },
    ];
  }
  return [{ action, on: input.Key === undefined ? 'bucket' : `objects/${input.Key}` }];
}

function covers(use: AwsActionUse, check: Check): boolean {
  if (use.action !== check.action) return false;
  if (!use.on.startsWith('objects/') && !use.on.startsWith('tables/')) return use.on === check.on;
  const pattern = use.on.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`).test(check.on);
}

/**
 * Records every AWS call the server's clients make and checks each against `serverAwsActions`, the list the
 * EC2 role's policy is made from: a call missing there would be refused on AWS, so it fails the tests here.
 */
export function recordAwsCalls(clients: AwsClients, table: string) {
  const checks = new Map<string, Check>();
  const record =
    (service: 'dynamodb' | 's3') =>
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const input = ((args as { input?: Input }).input ?? {}) as Input;
      for (const c of service === 'dynamodb'
        ? dynamodbChecks(operation, input, table)
        : s3Checks(operation, input)) {
        checks.set(`${c.action} ${c.on}`, c);
      }
      return next(args);
    };
  clients.dynamodb.middlewareStack.add(record('dynamodb') as never, {
    step: 'initialize',
    name: 'recordAwsCalls',
  });
  clients.s3.middlewareStack.add(record('s3') as never, { step: 'initialize', name: 'recordAwsCalls' });

  return {
    /** The calls made so far that no declared action allows. */
    undeclared(): string[] {
      return [...checks.values()]
        .filter((c) => !serverAwsActions.some((use) => covers(use, c)))
        .map((c) => `${c.action} on ${c.on}`);
    },
  };
}
