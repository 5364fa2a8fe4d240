import { type AwsActionUse, iamPolicy, type PolicyTarget } from '@cadastro/infra';
import { serverAwsActions } from '@cadastro/server/aws-actions';
import { describe, expect, it } from 'vitest';

const target: PolicyTarget = {
  partition: 'aws',
  region: 'sa-east-1',
  accountId: '123456789012',
  table: 'cadastro',
  bucket: 'cadastro-prod',
};
const table = 'arn:aws:dynamodb:sa-east-1:123456789012:table/cadastro';

/** Every (action, resource) pair a policy allows. */
const grants = (policy: ReturnType<typeof iamPolicy>) =>
  policy.Statement.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${r}`))).sort();

describe('the EC2 role policy', () => {
  it('grants exactly the actions the server declares, on the resources it declares them for', () => {
    expect(serverAwsActions.length).toBeGreaterThan(0);
    const policy = iamPolicy(serverAwsActions, target);
    const bucket = 'arn:aws:s3:::cadastro-prod';
    const declared = serverAwsActions.map((u) => {
      const resource =
        u.on === 'mail-identity'
          ? `arn:aws:ses:${target.region}:${target.accountId}:identity/*`
          : u.on === 'table'
            ? table
            : u.on === 'bucket'
              ? bucket
              : u.on.startsWith('objects/')
                ? `${bucket}/${u.on.slice('objects/'.length)}`
                : u.on.startsWith('tables/')
                  ? `${table}${u.on.slice('tables/'.length)}`
                  : `${table}/${u.on}`;
      return `${u.action} ${resource}`;
    });
    expect(grants(policy)).toEqual([...new Set(declared)].sort());
  });

  it('has no wildcard resource, account or region, and only Allow statements', () => {
    const policy = iamPolicy(serverAwsActions, target);
    for (const s of policy.Statement) {
      expect(s.Effect).toBe('Allow');
      for (const r of s.Resource) {
        expect(r).not.toBe('*');
        expect(r.split(':').slice(0, 5).join(':')).not.toContain('*');
      }
      for (const a of s.Action) expect(a).not.toContain('*');
    }
  });

  it('scopes object actions to their prefix, as later features will declare them', () => {
    const uses: AwsActionUse[] = [
      { action: 's3:PutObject', on: 'objects/attachments/*', by: 'attachments.createUpload' },
      { action: 's3:GetObject', on: 'objects/attachments/*', by: 'attachments.downloadUrl' },
      { action: 's3:PutObject', on: 'objects/backups/*', by: 'backups.create' },
      { action: 'dynamodb:Scan', on: 'table', by: 'backups.create' },
    ];
    expect(
      grants(iamPolicy(uses, { ...target, bucketKmsKeyArn: 'arn:aws:kms:sa-east-1:123456789012:key/k' })),
    ).toEqual(
      [
        `dynamodb:Scan ${table}`,
        'kms:Decrypt arn:aws:kms:sa-east-1:123456789012:key/k',
        'kms:GenerateDataKey arn:aws:kms:sa-east-1:123456789012:key/k',
        's3:GetObject arn:aws:s3:::cadastro-prod/attachments/*',
        's3:PutObject arn:aws:s3:::cadastro-prod/attachments/*',
        's3:PutObject arn:aws:s3:::cadastro-prod/backups/*',
      ].sort(),
    );
  });

  it('adds the boot-time reads only when asked, each on its one resource', () => {
    const policy = iamPolicy(serverAwsActions, {
      ...target,
      releaseObject: { bucket: 'cadastro-deploys', key: 'releases/cadastro.tgz' },
      secretParameter: '/cadastro/blind-index-secret',
    });
    expect(grants(policy)).toEqual(
      expect.arrayContaining([
        's3:GetObject arn:aws:s3:::cadastro-deploys/releases/cadastro.tgz',
        'ssm:GetParameter arn:aws:ssm:sa-east-1:123456789012:parameter/cadastro/blind-index-secret',
      ]),
    );
  });
});
