import {
  type AwsResourceScope,
  type IamPolicy,
  iamPolicy,
  type PolicyTarget,
  scopeArn,
} from '@cadastro/infra';
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

/**
 * A call on one version of an object (`VersionId` given) is authorised under another action than the same call
 * on the current version: S3 checks `s3:GetObjectVersion`, not `s3:GetObject`, and so on.
 */
const S3_VERSION_ACTION_OF: Record<string, string> = {
  's3:GetObject': 's3:GetObjectVersion',
  's3:DeleteObject': 's3:DeleteObjectVersion',
  's3:PutObjectTagging': 's3:PutObjectVersionTagging',
  's3:GetObjectTagging': 's3:GetObjectVersionTagging',
  's3:DeleteObjectTagging': 's3:DeleteObjectVersionTagging',
  's3:GetObjectAcl': 's3:GetObjectVersionAcl',
  's3:PutObjectAcl': 's3:PutObjectVersionAcl',
  's3:GetObjectAttributes': 's3:GetObjectVersionAttributes',
};

/** The IAM action of an S3 call, its version-specific variant when it names a version. */
export function s3ActionOf(operation: string, versionId: unknown): string {
  const action = S3_ACTION_OF[operation] ?? `s3:${operation}`;
  return versionId ? (S3_VERSION_ACTION_OF[action] ?? action) : action;
}

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

export function s3Checks(operation: string, input: Input): Check[] {
  if (operation === 'CopyObject') {
    const [source = '', query = ''] = String(input.CopySource ?? '').split('?');
    const sourceVersion = new URLSearchParams(query).get('versionId');
    return [
      {
        action: s3ActionOf('GetObject', sourceVersion),
        on: `objects/${decodeURIComponent(source.replace(/^\/?[^/]+\//, ''))}`,
      },
      { action: 's3:PutObject', on: `objects/${input.Key}` },
    ];
  }
  if (operation === 'DeleteObjects') {
    // Authorised per object: s3:DeleteObject, or s3:DeleteObjectVersion for an object named with its version.
    const objects = ((input.Delete as { Objects?: Array<{ Key?: string; VersionId?: string }> })?.Objects ??
      []) as Array<{ Key?: string; VersionId?: string }>;
    return objects.map((o) => ({ action: s3ActionOf('DeleteObject', o.VersionId), on: `objects/${o.Key}` }));
  }
  return [
    {
      action: s3ActionOf(operation, input.VersionId),
      on: input.Key === undefined ? 'bucket' : `objects/${input.Key}`,
    },
  ];
}

/** IAM's resource wildcards: `*` any run of characters, `?` any one. */
function arnMatches(pattern: string, arn: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(arn);
}

/** Whether the policy allows the call (Allow statements only: the generated policy has no Deny). */
export function policyAllows(policy: IamPolicy, action: string, arn: string): boolean {
  return policy.Statement.some(
    (statement) =>
      statement.Action.some((a) => arnMatches(a, action)) &&
      statement.Resource.some((resource) => arnMatches(resource, arn)),
  );
}

/**
 * Records every AWS call the server's clients make, maps each to the IAM action AWS checks for it (per item of a
 * transaction, per object of a DeleteObjects, the version-specific action for a call naming a version) and checks
 * it against the EC2 role's policy as `iamPolicy(serverAwsActions)` generates it, the same policy the CDK stack
 * and `pnpm infra iam-policy` grant: a call that policy refuses would be refused on AWS, so it fails the tests.
 */
export function recordAwsCalls(clients: AwsClients, table: string) {
  const target: PolicyTarget = {
    partition: 'aws',
    region: 'sa-east-1',
    accountId: '123456789012',
    table,
    bucket: 'cadastro-bucket',
  };
  const policy = iamPolicy(serverAwsActions, target);
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
    /** The calls made so far that the generated policy does not allow. */
    undeclared(): string[] {
      return [...checks.values()]
        .filter((c) => !policyAllows(policy, c.action, scopeArn(c.on as AwsResourceScope, target)))
        .map((c) => `${c.action} on ${c.on}`);
    },
  };
}
