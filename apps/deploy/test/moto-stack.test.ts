import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { newRegistration } from '@cadastro/contracts/testing';
import { freePort } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Synthesized, synthesize } from '../src/cdk/app.ts';
import { DEFAULT_STACK_SETTINGS } from '../src/cdk/settings.ts';
import { nodeVersion, REPO_ROOT } from '../src/paths.ts';
import { buildRelease } from '../src/release/build-release.ts';
import { uniqueName, watchRelease } from './helpers.ts';

/**
 * The synthesized template deployed into moto's CloudFormation (the package's moto server), then the release
 * server started against the table and bucket the stack created. moto needs a plain AMI id (it cannot resolve
 * the SSM parameter of Amazon Linux 2023) and does not apply a bucket's lifecycle configuration from a template:
 * the lifecycle rules are checked by the CDK assertions of stack.test.ts instead.
 */
describe('the stack deployed into moto', () => {
  const work = mkdtempSync(join(tmpdir(), 'cadastro-moto-stack-'));
  const releaseDir = join(work, 'release');
  const name = uniqueName('stack');
  let stack: Stack;
  let outputs: Record<string, string> = {};
  let server: ChildProcess | undefined;
  let certificateArn = '';
  let synthesized: Synthesized;
  let release: ReturnType<typeof watchRelease> | undefined;
  let url = '';

  beforeAll(async () => {
    const aws = inject('localAws');
    const webDist = join(work, 'web');
    mkdirSync(webDist);
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Cadastro</title>');
    await buildRelease({ repoRoot: REPO_ROOT, outDir: releaseDir, webDist });
    // With a certificate (moto's ACM), so this deploy covers the HTTPS listener; stack.test.ts covers plain HTTP.
    const acm = new ACMClient({ region: aws.region, endpoint: aws.s3Endpoint, credentials: aws.credentials });
    const { CertificateArn } = await acm.send(
      new RequestCertificateCommand({ DomainName: 'cadastro.example.com.br', ValidationMethod: 'DNS' }),
    );
    certificateArn = CertificateArn!;
    synthesized = synthesize(
      {
        ...DEFAULT_STACK_SETTINGS,
        table: name,
        bucketName: name,
        releaseDir,
        nodeVersion: nodeVersion(),
        machineImages: { [aws.region]: 'ami-12c6146b' },
        certificateArn,
      },
      join(work, 'cdk.out'),
    );
    expect(synthesized.findings).toEqual([]);

    const cfn = new CloudFormationClient({
      region: aws.region,
      endpoint: aws.s3Endpoint,
      credentials: aws.credentials,
    });
    await cfn.send(
      new CreateStackCommand({
        StackName: name,
        TemplateBody: JSON.stringify(synthesized.template),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    // Polled, not timed: the machine may be busy.
    for (;;) {
      const [current] = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks ?? [];
      if (current && !current.StackStatus?.endsWith('_IN_PROGRESS')) {
        stack = current;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (stack.StackStatus !== 'CREATE_COMPLETE') {
      const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];
      const failed = events.filter((e) => e.ResourceStatus?.endsWith('FAILED'));
      throw new Error(
        `${stack.StackStatus}: ${failed.map((e) => `${e.LogicalResourceId} ${e.ResourceStatusReason}`).join('; ')}`,
      );
    }
    outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--enable-source-maps', 'server/main.mjs'], {
      cwd: releaseDir,
      env: {
        PATH: process.env.PATH,
        HOME: work,
        AWS_REGION: aws.region,
        AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
        // The stack's table and bucket live in moto, DynamoDB included.
        AWS_ENDPOINT_URL_DYNAMODB: aws.s3Endpoint,
        AWS_ENDPOINT_URL_S3: aws.s3Endpoint,
        NODE_ENV: 'production',
        CADASTRO_MODE: 'aws',
        CADASTRO_TABLE: outputs.TableName,
        CADASTRO_BUCKET: outputs.BucketName,
        CADASTRO_BLIND_INDEX_SECRET: 'moto-stack-secret-0123456789abcdefghij',
        CADASTRO_ADMIN_PASSWORD: 'moto-stack-admin-password',
        CADASTRO_UPLOAD_SWEEP_SECONDS: '0',
        DATA_DIR: join(work, 'data'),
        WEB_DIR: join(releaseDir, 'web'),
        PORT: String(port),
        LOG_STDOUT: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    release = watchRelease(server);
    await release.ready;
  }, 300_000);

  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('reaches CREATE_COMPLETE and names its table, bucket and data volume', () => {
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(outputs.TableName).toBe(name);
    expect(outputs.BucketName).toBe(name);
    expect(outputs.DataVolumeId).toMatch(/^vol-/);
  });

  it('serves HTTPS with the certificate given and redirects HTTP to it', () => {
    const listeners = Object.values(
      synthesized.template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    )
      .filter((r) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener')
      .map((r) => r.Properties);
    expect(listeners).toContainEqual(
      expect.objectContaining({
        Port: 443,
        Protocol: 'HTTPS',
        Certificates: [{ CertificateArn: certificateArn }],
      }),
    );
    expect(listeners).toContainEqual(
      expect.objectContaining({
        Port: 80,
        DefaultActions: [expect.objectContaining({ Type: 'redirect' })],
      }),
    );
    expect(outputs.Url).toMatch(/^https:\/\//);
  });

  it("creates the table with packages/db's indexes and TTL", async () => {
    const aws = inject('localAws');
    const dynamodb = new DynamoDBClient({
      region: aws.region,
      endpoint: aws.s3Endpoint,
      credentials: aws.credentials,
    });
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2']);
  });

  it("runs the release server against them: a registration lands in the stack's table, a document in its bucket", async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const registered = await fetch(`${url}/trpc/customers.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newRegistration()),
    });
    expect(registered.status).toBe(200);
    const aws = inject('localAws');
    const dynamodb = new DynamoDBClient({
      region: aws.region,
      endpoint: aws.s3Endpoint,
      credentials: aws.credentials,
    });
    const { Count } = await dynamodb.send(new ScanCommand({ TableName: name, Select: 'COUNT' }));
    expect(Count).toBeGreaterThan(0);

    // The customer uploads a PDF with the presigned POST and the server confirms it: HeadObject, GetObject and
    // PutObjectTagging on the stack's bucket.
    const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
    const call = async (procedure: string, input: unknown) => {
      const res = await fetch(`${url}/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { result?: { data: Record<string, unknown> } };
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body.result!.data;
    };
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 1)]);
    const upload = (await call('attachments.createUpload', {
      kind: 'identity',
      fileName: 'rg.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    })) as { attachmentId: string; url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'rg.pdf');
    expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    expect(await call('attachments.confirm', { attachmentId: upload.attachmentId })).toMatchObject({
      state: 'stored',
    });
  });

  // moto's CloudFormation applies a bucket's encryption but not its versioning, public access block, lifecycle
  // rules or policy: those are asserted on the template in stack.test.ts.
  it('creates the bucket encrypted', async () => {
    const aws = inject('localAws');
    const s3 = new S3Client({
      region: aws.region,
      endpoint: aws.s3Endpoint,
      credentials: aws.credentials,
      forcePathStyle: true,
    });
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256');
  });
});
