import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Synthesized } from '../src/cdk/app.ts';
import { synthesizeForTest } from './helpers.ts';

const MAIL_FROM = 'nao-responda@cadastro.example.com.br';

/**
 * The stack with `highAvailability` on (CADASTRO_HIGH_AVAILABILITY=true), synthesized once: an Auto Scaling group
 * of at least two instances across both zones, drained and replaced one at a time, sessions in DynamoDB, and the
 * WAF rate limits in front of the load balancer; and with a sender for account e-mail (CADASTRO_MAIL_FROM).
 */
describe('the CDK stack with high availability', () => {
  const work = mkdtempSync(join(tmpdir(), 'cadastro-stack-ha-'));
  let synthesized: Synthesized;
  let template: Template;

  beforeAll(() => {
    synthesized = synthesizeForTest(work, {
      highAvailability: true,
      mailFrom: MAIL_FROM,
      appUrl: 'https://cadastro.example.com.br',
    });
    template = Template.fromJSON(synthesized.template);
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has no cdk-nag AwsSolutions finding left unacknowledged, and passes cfn-lint', () => {
    expect(synthesized.findings).toEqual([]);
    const lint = spawnSync('cfn-lint', [synthesized.templatePath], { encoding: 'utf8' });
    if (lint.error)
      throw new Error('cfn-lint is missing: pip install cfn-lint (1.51 is preinstalled on the CI image)');
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
  });

  it('runs at least two instances across both zones, scaling on CPU, replaced one at a time', () => {
    template.resourceCountIs('AWS::EC2::Instance', 0);
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '2',
      MaxSize: '4',
      TargetGroupARNs: [Match.anyValue()],
      HealthCheckType: 'EC2',
    });
    const [group] = Object.values(template.findResources('AWS::AutoScaling::AutoScalingGroup'));
    expect(group?.Properties.VPCZoneIdentifier).toHaveLength(2); // both public subnets, one per zone
    expect(group?.UpdatePolicy?.AutoScalingRollingUpdate).toMatchObject({
      MaxBatchSize: 1,
      MinInstancesInService: 2,
    });
    template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
        TargetValue: 60,
      },
    });
  });

  it('drains an instance before it stops and routes only to ready instances', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/readyz',
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
  });

  it('gives each instance IMDSv2 only and an encrypted volume for its logs; sessions go to DynamoDB', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: Match.objectLike({ HttpTokens: 'required' }),
        BlockDeviceMappings: Match.arrayWith([
          Match.objectLike({
            DeviceName: '/dev/sdf',
            Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true }),
          }),
        ]),
      }),
    });
    template.resourceCountIs('AWS::EC2::Volume', 0);
    const userData = JSON.stringify(template.findResources('AWS::EC2::LaunchTemplate'));
    expect(userData).toContain('export SESSION_STORE=dynamodb');
    expect(userData).toContain('export RATE_LIMIT_STORE=dynamodb');
    expect(userData).toContain('export DATA_VOLUME_ID=\\n');
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('ec2:AttachVolume');
  });

  it("ships every instance's log files, written on its own volume, to the one log group", () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    // Each instance's user data names that group for its CloudWatch agent (streams by instance id,
    // ec2/cloudwatch-agent.json), and the instances' role may write to it and nowhere else.
    const userData = JSON.stringify(template.findResources('AWS::EC2::LaunchTemplate'));
    expect(userData).toContain(`export LOG_GROUP=",{"Ref":"${logGroupId}"}`);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Sid?: string; Resource: unknown }>,
    );
    expect(statements.filter((s) => s.Sid === 'ShipLogs').map((s) => s.Resource)).toEqual([
      { 'Fn::GetAtt': [logGroupId, 'Arn'] },
    ]);
  });

  it('puts a WAF with per-IP rate limits in front of the load balancer', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'credential-calls-per-ip',
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({
              Limit: 100,
              AggregateKeyType: 'IP',
              ScopeDownStatement: Match.anyValue(),
            }),
          },
        }),
        Match.objectLike({
          Name: 'requests-per-ip',
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 3000, AggregateKeyType: 'IP' }) },
        }),
      ]),
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: Match.stringLikeRegexp('LoadBalancer') },
    });
  });

  it("passes the mail settings to the instances and lets them send from that address's identity only", () => {
    const [launchTemplate] = Object.values(template.findResources('AWS::EC2::LaunchTemplate'));
    const userData = JSON.stringify(launchTemplate?.Properties.LaunchTemplateData.UserData);
    expect(userData).toContain(`export CADASTRO_MAIL_FROM=${MAIL_FROM}\\n`);
    expect(userData).toContain('export CADASTRO_APP_URL=https://cadastro.example.com.br\\n');
    // user-data.sh writes both into the unit's environment file.
    const identity = (name: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:identity/${name}`,
        ],
      ],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'SendMail',
            Effect: 'Allow',
            Action: 'ses:SendEmail',
            Resource: [identity(MAIL_FROM), identity('cadastro.example.com.br')],
            Condition: { StringEquals: { 'ses:FromAddress': MAIL_FROM } },
          },
        ]),
      },
    });
  });
});
