import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  type CliExtension,
  type Command,
  iamPolicy,
  loadInfraConfig,
  partitionOf,
  requireBucket,
  USAGE,
} from '@cadastro/infra';
import { serverAwsActions } from '@cadastro/server/aws-actions';
import { STACK_NAME, synthesize } from './cdk/app.ts';
import { DEFAULT_STACK_SETTINGS, type StackSettings } from './cdk/settings.ts';
import { nodeVersion, REPO_ROOT } from './paths.ts';
import { buildRelease } from './release/build-release.ts';
import { decodeStack } from './release/decode-stack.ts';

const DEPLOY_USAGE = `${USAGE.split('\nFlags')[0]}
  iam-policy           print the least-privilege policy of the EC2 instance role (for a hand-made instance)
  release              build the release directory (what "pnpm build" runs after turbo)
  stack-trace          read a logged stack trace of the release on stdin, print it with source files and lines
  synth                write the CloudFormation template of the whole stack (offline) to apps/deploy/cdk.out
  diff                 compare the stack with what is deployed (AWS credentials)
  deploy               bootstrap if needed, build, deploy; print the URL and how to sign in (also: pnpm run deploy)
  destroy              delete the stack; the table, the bucket and the data volume stay (--delete-data: they go too)

Flags${USAGE.split('\nFlags')[1]}
  --release-object s3://bucket/key, --secret-parameter /name, --log-group /name
                       iam-policy: also allow reading these at boot, and shipping logs
  --out DIR            release: where to build it (default: release/ at the repository root)
  --map FILE           stack-trace: the release's server/main.mjs.map, the chunks' maps beside it (default: release/server/main.mjs.map)
  --delete-data        synth, deploy, destroy: the table, bucket and data volume are deleted with the stack

Stack settings (synth, diff, deploy): CADASTRO_TABLE, CADASTRO_BUCKET, CADASTRO_INSTANCE_TYPE (t4g.small),
CADASTRO_CERTIFICATE_ARN (HTTPS), CADASTRO_DATA_VOLUME_GIB (20), CADASTRO_LOG_RETENTION_DAYS (30),
CADASTRO_ADMIN_EMAIL, CADASTRO_ALARM_EMAIL, CADASTRO_MAIL_FROM (a sender verified in SES), CADASTRO_APP_URL
(the load balancer's URL) and the lifecycle variables of packages/infra/README.md.`;

export const CDK_OUT = resolve(import.meta.dirname, '../cdk.out');

const iamPolicyCommand: Command = async (_flags, env, io) => {
  const config = loadInfraConfig(env);
  if (!config.accountId) {
    throw new Error('Invalid configuration:\n  AWS_ACCOUNT_ID: required to name the table (or --account-id)');
  }
  const release = config.releaseS3Uri ? /^s3:\/\/([^/]+)\/(.+)$/.exec(config.releaseS3Uri) : null;
  const policy = iamPolicy(serverAwsActions, {
    partition: partitionOf(config.region),
    region: config.region,
    accountId: config.accountId,
    table: config.table,
    bucket: requireBucket(config),
    bucketKmsKeyArn: config.bucketKmsKeyArn,
    releaseObject: release ? { bucket: release[1]!, key: release[2]! } : undefined,
    secretParameter: config.secretParameter,
    logGroup: config.logGroup,
  });
  io.out(JSON.stringify(policy, null, 2));
  return 0;
};

const release: Command = async (flags, _env, io) => {
  const outDir = resolve(String(flags.out ?? join(REPO_ROOT, 'release')));
  const summary = await buildRelease({ repoRoot: REPO_ROOT, outDir });
  io.out(
    [
      `Release built in ${summary.outDir}`,
      `  server/          main.mjs and ${summary.serverChunks} chunks, ${(summary.serverBytes / 1024 / 1024).toFixed(1)} MiB (bundled with its dependencies); ${(summary.startBytes / 1024 / 1024).toFixed(1)} MiB in ${summary.startFiles.length} files evaluated at start, the rest on first use`,
      `  web/             ${summary.web === 'copied' ? 'the built SPA' : 'missing: apps/web/dist was not built, the API still runs'}`,
      '  ec2/             systemd unit, CloudWatch agent configuration, user data',
      `Run it with: WEB_DIR=${join(summary.outDir, 'web')} node ${join(summary.outDir, 'server/main.mjs')}`,
    ].join('\n'),
  );
  return 0;
};

/** The server runs without source maps (start-up, memory); its map, kept in the release, decodes traces here. */
const stackTrace: Command = async (flags, _env, io) => {
  const mapFile = resolve(String(flags.map ?? join(REPO_ROOT, 'release/server/main.mjs.map')));
  if (!existsSync(mapFile))
    throw new Error(`No source map at ${mapFile}: pass --map <release>/server/main.mjs.map`);
  io.out(decodeStack(readFileSync(0, 'utf8'), dirname(mapFile), REPO_ROOT));
  return 0;
};

/** The stack's settings from the environment (the infra variables for table, bucket and lifecycle). */
export function stackSettings(
  env: Record<string, string | undefined>,
  releaseDir: string,
  deleteData: boolean,
): StackSettings {
  const config = loadInfraConfig({ AWS_REGION: 'unused-for-synth', ...env });
  const number = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`Invalid configuration:\n  ${name}: a whole number, at least 1`);
    return n;
  };
  return {
    ...DEFAULT_STACK_SETTINGS,
    table: config.table,
    bucketName: config.bucket,
    lifecycle: config.lifecycle,
    tableEncryption: config.tableEncryption,
    instanceType: env.CADASTRO_INSTANCE_TYPE || DEFAULT_STACK_SETTINGS.instanceType,
    certificateArn: env.CADASTRO_CERTIFICATE_ARN || undefined,
    dataVolumeGiB: number('CADASTRO_DATA_VOLUME_GIB', DEFAULT_STACK_SETTINGS.dataVolumeGiB),
    logRetentionDays: number('CADASTRO_LOG_RETENTION_DAYS', DEFAULT_STACK_SETTINGS.logRetentionDays),
    adminEmail: env.CADASTRO_ADMIN_EMAIL || DEFAULT_STACK_SETTINGS.adminEmail,
    alarmEmail: env.CADASTRO_ALARM_EMAIL || undefined,
    mailFrom: env.CADASTRO_MAIL_FROM || undefined,
    appUrl: env.CADASTRO_APP_URL?.replace(/\/+$/, '') || undefined,
    highAvailability: env.CADASTRO_HIGH_AVAILABILITY === 'true',
    maxInstances: number('CADASTRO_MAX_INSTANCES', DEFAULT_STACK_SETTINGS.maxInstances),
    retainData: !deleteData,
    releaseDir,
    nodeVersion: nodeVersion(),
  };
}

/** Synthesizes into apps/deploy/cdk.out; the release directory must exist (an empty one is built if not). */
async function synthStack(
  flags: Record<string, unknown>,
  env: Record<string, string | undefined>,
  io: { out(t: string): void },
) {
  const releaseDir = join(REPO_ROOT, 'release');
  if (!existsSync(join(releaseDir, 'server/main.mjs'))) {
    io.out('No release/ yet: building it (the SPA is included when apps/web/dist exists).');
    await buildRelease({ repoRoot: REPO_ROOT, outDir: releaseDir });
  }
  const result = synthesize(stackSettings(env, releaseDir, Boolean(flags['delete-data'])), CDK_OUT);
  if (result.findings.length) {
    throw new Error(`cdk-nag AwsSolutions findings not acknowledged:\n  ${result.findings.join('\n  ')}`);
  }
  return result;
}

/** The AWS CDK CLI (aws-cdk, a dependency of this package) on the synthesized assembly. */
function cdk(args: string[], env: Record<string, string | undefined>): number {
  const bin = join(import.meta.dirname, '../node_modules/.bin/cdk');
  const result = spawnSync(bin, [...args, '--app', CDK_OUT], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

const synth: Command = async (flags, env, io) => {
  const result = await synthStack(flags, env, io);
  const resources = Object.keys((result.template.Resources as object) ?? {}).length;
  io.out(
    `Template: ${result.templatePath} (${resources} resources; cdk-nag AwsSolutions: no unacknowledged finding)`,
  );
  return 0;
};

const diff: Command = async (flags, env, io) => {
  await synthStack(flags, env, io);
  return cdk(['diff', STACK_NAME], env);
};

const deploy: Command = async (flags, env, io) => {
  const built = spawnSync('pnpm', ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (built.status !== 0) return built.status ?? 1;
  await synthStack(flags, env, io);
  // Idempotent: creates the CDK toolkit (asset bucket, deploy roles) the first time, changes nothing after.
  const bootstrapped = cdk(['bootstrap'], env);
  if (bootstrapped !== 0) return bootstrapped;
  const outputs = join(CDK_OUT, 'outputs.json');
  const code = cdk(['deploy', STACK_NAME, '--require-approval', 'never', '--outputs-file', outputs], env);
  if (code !== 0) return code;
  const { readFileSync } = await import('node:fs');
  const o =
    (JSON.parse(readFileSync(outputs, 'utf8')) as Record<string, Record<string, string>>)[STACK_NAME] ?? {};
  io.out(
    [
      '',
      `Cadastro: ${o.Url}  (the instance needs a few minutes after the first deploy; then /healthz answers)`,
      `Operators sign in at ${o.Url}/admin as ${o.AdminEmail}, with the password from:`,
      `  aws secretsmanager get-secret-value --secret-id ${o.AdminPasswordSecret} --query SecretString --output text`,
    ].join('\n'),
  );
  return 0;
};

const destroy: Command = async (flags, env, io) => {
  await synthStack(flags, env, io);
  const code = cdk(['destroy', STACK_NAME, '--force'], env);
  if (code === 0 && !flags['delete-data']) {
    io.out(
      'Kept: the table, the bucket and the data volume (RemovalPolicy RETAIN). Delete them by hand, or run destroy with --delete-data after emptying the bucket.',
    );
  }
  return code;
};

export const DEPLOY_CLI: CliExtension = {
  commands: {
    'iam-policy': iamPolicyCommand,
    release,
    'stack-trace': stackTrace,
    synth,
    diff,
    deploy,
    destroy,
  },
  usage: DEPLOY_USAGE,
  stringFlags: ['out', 'map'],
  booleanFlags: ['delete-data'],
};
