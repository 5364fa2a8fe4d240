import { iamPolicy } from '@cadastro/infra';
import { describe, expect, it } from 'vitest';
import { serverAwsActions } from '../src/aws-actions.ts';
import { policyAllows, s3Checks } from './aws-calls.ts';

/** The mapping the call recorder applies to every S3 call the tests make (see aws-calls.ts). */
describe('AWS call → IAM action', () => {
  const key = 'attachments/c1/a1';
  it.each([
    ['GetObject', {}, 's3:GetObject'],
    ['GetObject', { VersionId: 'v1' }, 's3:GetObjectVersion'],
    ['HeadObject', { VersionId: 'v1' }, 's3:GetObjectVersion'],
    ['PutObjectTagging', {}, 's3:PutObjectTagging'],
    ['PutObjectTagging', { VersionId: 'v1' }, 's3:PutObjectVersionTagging'],
    ['GetObjectTagging', { VersionId: 'v1' }, 's3:GetObjectVersionTagging'],
    ['DeleteObject', {}, 's3:DeleteObject'],
    ['DeleteObject', { VersionId: 'v1' }, 's3:DeleteObjectVersion'],
    ['RestoreObject', { VersionId: 'v1' }, 's3:RestoreObject'],
  ])('%s %o needs %s', (operation, extra, action) => {
    expect(s3Checks(operation, { Key: key, ...extra })).toEqual([{ action, on: `objects/${key}` }]);
  });

  it('checks DeleteObjects per object, and a versioned copy source as GetObjectVersion', () => {
    expect(
      s3Checks('DeleteObjects', {
        Delete: { Objects: [{ Key: 'backups/a' }, { Key: 'backups/b', VersionId: 'v' }] },
      }),
    ).toEqual([
      { action: 's3:DeleteObject', on: 'objects/backups/a' },
      { action: 's3:DeleteObjectVersion', on: 'objects/backups/b' },
    ]);
    expect(
      s3Checks('CopyObject', { CopySource: 'bucket/attachments/x?versionId=v2', Key: 'attachments/y' }),
    ).toEqual([
      { action: 's3:GetObjectVersion', on: 'objects/attachments/x' },
      { action: 's3:PutObject', on: 'objects/attachments/y' },
    ]);
  });

  it("is checked against the generated policy's actions and resources, wildcards included", () => {
    const target = { partition: 'aws', region: 'sa-east-1', accountId: '1', table: 't', bucket: 'b' };
    const policy = iamPolicy(serverAwsActions, target);
    expect(policyAllows(policy, 's3:PutObjectVersionTagging', 'arn:aws:s3:::b/attachments/c/a')).toBe(true);
    expect(policyAllows(policy, 's3:PutObjectVersionTagging', 'arn:aws:s3:::b/backups/x')).toBe(false);
    expect(policyAllows(policy, 's3:DeleteBucket', 'arn:aws:s3:::b')).toBe(false);
    expect(
      policyAllows(policy, 'dynamodb:CreateTable', 'arn:aws:dynamodb:sa-east-1:1:table/t-restore-x'),
    ).toBe(true);
    expect(policyAllows(policy, 'dynamodb:CreateTable', 'arn:aws:dynamodb:sa-east-1:1:table/t')).toBe(false);
  });
});
