import { bucketArn } from '../desired/bucket.ts';

/**
 * Where an action applies: the table, one of its indexes, tables named after it (`tables/-restore-*`: the
 * table's name followed by the pattern, e.g. restore targets), the bucket itself (List…), or the objects under
 * a prefix of the bucket (`objects/attachments/*`).
 */
export type AwsResourceScope =
  | 'table'
  | `index/${string}`
  | `tables/${string}`
  | 'bucket'
  | `objects/${string}`
  /** The SES identities the service sends from (its verified domain or address). */
  | 'mail-identity';

/** One IAM action the server's code needs, with what needs it. */
export interface AwsActionUse {
  action: `dynamodb:${string}` | `s3:${string}` | `ses:${string}`;
  on: AwsResourceScope;
  /** The code that makes the call, for a reader of the policy. */
  by: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyTarget {
  partition: string;
  region: string;
  accountId: string;
  table: string;
  bucket: string;
  /** With SSE-KMS, reading and writing objects also needs the key. */
  bucketKmsKeyArn?: string;
  /** Deploy-time reads of the instance: the release archive and the SecureString with the server's secret. */
  releaseObject?: { bucket: string; key: string };
  secretParameter?: string;
  /** The CloudWatch Logs group the agent ships DATA_DIR/logs to (created beforehand, see DEPLOY.md). */
  logGroup?: string;
}

export function scopeArn(scope: AwsResourceScope, t: PolicyTarget): string {
  const table = `arn:${t.partition}:dynamodb:${t.region}:${t.accountId}:table/${t.table}`;
  if (scope === 'table') return table;
  if (scope.startsWith('index/')) return `${table}/${scope}`;
  if (scope.startsWith('tables/')) return `${table}${scope.slice('tables/'.length)}`;
  if (scope === 'bucket') return bucketArn(t.bucket, t.partition);
  if (scope === 'mail-identity') return `arn:${t.partition}:ses:${t.region}:${t.accountId}:identity/*`;
  return `${bucketArn(t.bucket, t.partition)}/${scope.slice('objects/'.length)}`;
}

const sidOf = (scope: string) =>
  scope
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * The EC2 role's policy: exactly the declared actions, one statement per resource they apply to, no
 * wildcard resource. Extra statements only for what the deployment itself reads (see PolicyTarget).
 */
export function iamPolicy(uses: readonly AwsActionUse[], target: PolicyTarget): IamPolicy {
  const byScope = new Map<AwsResourceScope, Set<string>>();
  for (const use of uses) byScope.set(use.on, (byScope.get(use.on) ?? new Set()).add(use.action));
  const statements: PolicyStatement[] = [...byScope]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scope, actions]) => ({
      Sid:
        scope === 'table'
          ? 'Table'
          : scope === 'bucket'
            ? 'Bucket'
            : scope === 'mail-identity'
              ? 'SendMail'
              : `${scope.startsWith('index/') || scope.startsWith('tables/') ? 'Table' : 'Bucket'}${sidOf(scope)}`,
      Effect: 'Allow',
      Action: [...actions].sort(),
      Resource: [scopeArn(scope, target)],
    }));

  const touchesObjects = uses.some((u) => u.on.startsWith('objects/'));
  if (target.bucketKmsKeyArn && touchesObjects) {
    statements.push({
      Sid: 'BucketKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [target.bucketKmsKeyArn],
    });
  }
  if (target.releaseObject) {
    statements.push({
      Sid: 'ReadRelease',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: [`${bucketArn(target.releaseObject.bucket, target.partition)}/${target.releaseObject.key}`],
    });
  }
  if (target.secretParameter) {
    const name = target.secretParameter.replace(/^\//, '');
    statements.push({
      Sid: 'ReadServerSecret',
      Effect: 'Allow',
      Action: ['ssm:GetParameter'],
      Resource: [`arn:${target.partition}:ssm:${target.region}:${target.accountId}:parameter/${name}`],
    });
  }
  if (target.logGroup) {
    statements.push({
      Sid: 'ShipLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [
        `arn:${target.partition}:logs:${target.region}:${target.accountId}:log-group:${target.logGroup}:*`,
      ],
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
