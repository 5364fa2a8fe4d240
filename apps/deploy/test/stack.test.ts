import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desiredTable, iamPolicy } from '@cadastro/infra';
import { serverAwsActions } from '@cadastro/server/aws-actions';
import { ATTACHMENTS_PREFIX, BACKUPS_PREFIX } from '@cadastro/storage';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Synthesized } from '../src/cdk/app.ts';
import { synthesizeForTest } from './helpers.ts';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

/**
 * The stack as `pnpm infra synth` writes it with the default settings, synthesized once (20–80 s on a busy
 * machine): one assertion per promise of the architecture, cdk-nag's AwsSolutions checks and cfn-lint.
 */
describe('the CDK stack (default settings)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cadastro-stack-'));
  let synthesized: Synthesized;
  let template: Template;
  const resources = (type: string) =>
    Object.entries((synthesized.template.Resources ?? {}) as Record<string, Resource>).filter(
      ([, r]) => r.Type === type,
    );

  beforeAll(() => {
    synthesized = synthesizeForTest(work);
    template = Template.fromJSON(synthesized.template);
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has no cdk-nag AwsSolutions finding left unacknowledged', () => {
    expect(synthesized.findings).toEqual([]);
  });

  it('is an assembly the pinned CDK CLI reads (what diff, deploy and destroy run)', () => {
    // aws-cdk 3.0.0 (deprecated on npm) reads cloud assembly schema 43 at most; aws-cdk-lib 2.276 writes 55.
    const cli = join(import.meta.dirname, '../node_modules/.bin/cdk');
    const listed = spawnSync(cli, ['ls', '--app', synthesized.outDir], { encoding: 'utf8' });
    expect(listed.stdout.trim(), listed.stderr).toBe('Cadastro');
  });

  it('passes cfn-lint', () => {
    const lint = spawnSync('cfn-lint', [synthesized.templatePath], { encoding: 'utf8' });
    if (lint.error)
      throw new Error('cfn-lint is missing: pip install cfn-lint (1.51 is preinstalled on the CI image)');
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  });

  it('moves attachments/ and backups/ to GLACIER after 90 days and aborts incomplete multipart uploads', () => {
    const [, bucket] = resources('AWS::S3::Bucket')[0]!;
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> })
      .Rules;
    for (const prefix of [ATTACHMENTS_PREFIX, BACKUPS_PREFIX]) {
      const rule = rules.find((r) => r.Prefix === prefix && !r.TagFilters);
      expect(rule, prefix).toMatchObject({
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
      });
    }
    expect(rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
    );
    expect(bucket.Properties.LifecycleConfiguration).toMatchObject({
      TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
    });
  });

  it('encrypts the bucket, blocks public access, refuses plain HTTP, keeps versions and the data', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it("creates packages/db's table: keys, GSIs, TTL, PITR, deletion protection, kept on destroy", () => {
    const definition = desiredTable('cadastro').definition;
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: 'cadastro',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: definition.KeySchema,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes?.map((g) =>
          Match.objectLike({ IndexName: g.IndexName, KeySchema: g.KeySchema }),
        ),
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('runs Amazon Linux 2023 on arm64 with IMDSv2 only', () => {
    template.hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't4g.small' });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } },
    });
    expect(JSON.stringify(synthesized.template.Parameters)).toContain(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64',
    );
  });

  it('keeps DATA_DIR on its own encrypted gp3 volume that survives the instance and the stack', () => {
    template.hasResource('AWS::EC2::Volume', {
      Properties: { Encrypted: true, VolumeType: 'gp3', Size: 20 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // Attached by user data (so a replacement instance takes it over), not by a CloudFormation attachment.
    template.resourceCountIs('AWS::EC2::VolumeAttachment', 0);
    const userData = JSON.stringify(resources('AWS::EC2::Instance')[0]![1].Properties.UserData);
    expect(userData).toContain('DATA_VOLUME_ID=');
    expect(userData).toContain('aws ec2 attach-volume');
  });

  it('grants the role no `*` resource, and exactly the server declarations iamPolicy() grants', () => {
    const policies = resources('AWS::IAM::Policy');
    expect(policies).toHaveLength(1);
    const statements = (
      policies[0]![1].Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }
    ).Statement;
    for (const s of statements) {
      expect([s.Resource].flat(), String(s.Sid)).not.toContain('*');
      expect(s.Effect).toBe('Allow');
    }
    const target = { partition: 'aws', region: 'r', accountId: '1', table: 'cadastro', bucket: 'b' };
    for (const expected of iamPolicy(serverAwsActions, target).Statement) {
      const actual = statements.find((s) => s.Sid === expected.Sid);
      // No CADASTRO_MAIL_FROM: e-mail goes to the outbox and the role may send none (see stack-ha.test.ts).
      if (expected.Sid === 'SendMail') {
        expect(actual).toBeUndefined();
        continue;
      }
      expect([actual?.Action].flat().sort(), expected.Sid).toEqual([...expected.Action].sort());
    }
  });

  it('puts the server behind the load balancer: /readyz, the port open to the load balancer only', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/readyz',
      Port: 3000,
      Protocol: 'HTTP',
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 3000,
      ToPort: 3000,
      SourceSecurityGroupId: Match.anyValue(),
    });
    // No certificate given: plain HTTP (the HTTPS listener appears with CADASTRO_CERTIFICATE_ARN).
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
  });

  it('generates the secrets, keeps logs 30 days, alarms on 5xx, an unhealthy target and a filling volume', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp('dataVolumeUsedPercent'),
    });
    for (const metric of ['HTTPCode_Target_5XX_Count', 'UnHealthyHostCount', 'DataVolumeUsedPercent']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric });
    }
    // TRUST_PROXY: the load balancer's subnets, the only addresses whose X-Forwarded-For is believed.
    const userData = JSON.stringify(resources('AWS::EC2::Instance')[0]![1].Properties.UserData);
    expect(userData).toContain('TRUST_PROXY=10.0.0.0/24,10.0.1.0/24');
    // No sender: none in the environment; e-mailed links point at the load balancer.
    expect(userData).toContain('export CADASTRO_MAIL_FROM=\\n');
    expect(userData).toMatch(
      /export CADASTRO_APP_URL=http:\/\/",\{"Fn::GetAtt":\["LoadBalancer\w+","DNSName"\]/,
    );
  });

  it('routes S3 and DynamoDB traffic through gateway endpoints and runs no NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
  });
});
