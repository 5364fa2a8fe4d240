import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInfraClients, type InfraClients } from './aws/clients.ts';
import { desiredStateInput, type InfraConfig, loadInfraConfig, requireBucket } from './config.ts';
import { type LifecycleConfiguration, lifecycleConfiguration } from './desired/lifecycle-rules.ts';
import { desiredState, partitionOf } from './desired/state.ts';
import { renderApply, renderPlan } from './engine/render.ts';
import { iamPolicy } from './iam/policy.ts';
import { serverAwsActions } from './iam/server-actions.ts';
import { applyInfra, planInfra } from './infra.ts';
import { liveLifecycleConfiguration } from './lifecycle/live-rules.ts';
import type { RegionPrices } from './lifecycle/prices.ts';
import { renderLifecycleReport } from './lifecycle/render-report.ts';
import { lifecycleReport } from './lifecycle/report.ts';
import { simulateLifecycle } from './lifecycle/simulate.ts';
import { buildRelease } from './release/build-release.ts';

export const USAGE = `Usage: pnpm infra <command> [flags]

Commands
  plan                 compare the bucket and table with the desired state (changes nothing)
  apply                make them match; a second apply changes nothing
  iam-policy           print the least-privilege policy of the EC2 instance role
  lifecycle-report     objects by prefix, age and class; what the rules will move; monthly cost
  lifecycle-simulate   apply the rules' transitions as of --as-of, on a local endpoint only
  release              build the release directory (what "pnpm build" runs after turbo)

Flags
  --json               machine-readable output (plan, apply, lifecycle-report, lifecycle-simulate)
  --check              plan: exit 2 when there is drift (for CI against AWS)
  --region R --table T --bucket B --account-id N
                       instead of AWS_REGION, CADASTRO_TABLE, CADASTRO_BUCKET, AWS_ACCOUNT_ID
  --release-object s3://bucket/key, --secret-parameter /name, --log-group /name
                       iam-policy: also allow reading these at boot, and shipping logs
  --as-of YYYY-MM-DD   lifecycle-report (default today), lifecycle-simulate (required)
  --live-rules         lifecycle-report: use the bucket's lifecycle configuration, not the desired one
  --prices FILE        lifecycle-report: a price table (JSON, like PRICE_TABLE entries) instead of the built-in one
  --page-size N        lifecycle-report: objects per listing page (default 1000)
  --out DIR            release: where to build it (default: release/ at the repository root)

Configuration comes from the environment; see packages/infra/README.md for every variable.`;

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface Flags {
  json?: boolean;
  check?: boolean;
  'as-of'?: string;
  'live-rules'?: boolean;
  prices?: string;
  'page-size'?: string;
  out?: string;
}

export interface Io {
  out(text: string): void;
}

type Command = (flags: Flags, env: Record<string, string | undefined>, io: Io) => Promise<number>;

function clientsFor(config: InfraConfig): InfraClients {
  return createInfraClients({
    region: config.region,
    dynamodbEndpoint: config.endpoints.dynamodb,
    s3Endpoint: config.endpoints.s3,
  });
}

function parseDate(value: string | undefined, flag: string): Date {
  const date = new Date(value ?? '');
  if (!value || Number.isNaN(date.getTime())) throw new Error(`${flag} needs a date such as 2027-03-01`);
  return date;
}

function pageSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new Error('--page-size needs a whole number from 1 to 1000');
  return n;
}

const print = (io: Io, flags: Flags, value: unknown, text: () => string) =>
  io.out(flags.json ? JSON.stringify(value, null, 2) : text());

function plainHttpWarning(config: InfraConfig): string[] {
  return config.denyInsecureTransport && config.endpoints.s3?.startsWith('http:')
    ? [
        'the S3 endpoint is plain HTTP: the TLS-only bucket policy refuses every request made through it (CADASTRO_DENY_INSECURE_TRANSPORT=false for emulators)',
      ]
    : [];
}

const plan: Command = async (flags, env, io) => {
  const config = loadInfraConfig(env);
  const desired = desiredState(desiredStateInput(config));
  const outcome = await planInfra(clientsFor(config), desired);
  const warnings = [...outcome.warnings, ...plainHttpWarning(config)];
  print(io, flags, { ...outcome, warnings }, () => renderPlan(outcome.items, warnings));
  if (outcome.failed) return 1;
  return flags.check && outcome.drift ? 2 : 0;
};

const apply: Command = async (flags, env, io) => {
  const config = loadInfraConfig(env);
  const desired = desiredState(desiredStateInput(config));
  const outcome = await applyInfra(clientsFor(config), desired);
  const warnings = [...outcome.warnings, ...plainHttpWarning(config)];
  print(io, flags, { ...outcome, warnings }, () => renderApply(outcome.items, warnings));
  return outcome.failed ? 1 : 0;
};

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

async function rulesFor(
  config: InfraConfig,
  clients: InfraClients,
  live: boolean,
): Promise<LifecycleConfiguration> {
  return live
    ? liveLifecycleConfiguration(clients.s3, requireBucket(config))
    : lifecycleConfiguration(config.lifecycle);
}

const report: Command = async (flags, env, io) => {
  const config = loadInfraConfig(env);
  const clients = clientsFor(config);
  const prices = flags.prices ? (JSON.parse(readFileSync(flags.prices, 'utf8')) as RegionPrices) : undefined;
  const result = await lifecycleReport({
    s3: clients.s3,
    bucket: requireBucket(config),
    region: config.region,
    lifecycle: await rulesFor(config, clients, Boolean(flags['live-rules'])),
    asOf: flags['as-of'] ? parseDate(flags['as-of'], '--as-of') : new Date(),
    prices,
    pageSize: flags['page-size'] ? pageSize(flags['page-size']) : undefined,
  });
  print(io, flags, result, () => renderLifecycleReport(result));
  return 0;
};

const simulate: Command = async (flags, env, io) => {
  const config = loadInfraConfig(env);
  const asOf = parseDate(flags['as-of'], '--as-of');
  const clients = clientsFor(config);
  const result = await simulateLifecycle({
    s3: clients.s3,
    bucket: requireBucket(config),
    lifecycle: lifecycleConfiguration(config.lifecycle),
    asOf,
    endpoint: config.endpoints.s3,
  });
  print(io, flags, result, () =>
    [
      `As of ${asOf.toISOString().slice(0, 10)}: examined ${result.examined} objects.`,
      ...result.moved.map(
        (m) =>
          `  moved ${m.key}: ${m.from} → ${m.to}${m.versionId ? ` (version ${m.previousVersionId} → ${m.versionId})` : ''}`,
      ),
      ...result.dueToExpire.map((k) => `  due to expire (left in place): ${k}`),
    ].join('\n'),
  );
  return 0;
};

const release: Command = async (flags, _env, io) => {
  const outDir = resolve(flags.out ?? join(REPO_ROOT, 'release'));
  const summary = await buildRelease({ repoRoot: REPO_ROOT, outDir });
  io.out(
    [
      `Release built in ${summary.outDir}`,
      `  server/main.mjs  ${(summary.serverBundleBytes / 1024 / 1024).toFixed(1)} MiB (bundled with its dependencies)`,
      `  web/             ${summary.web === 'copied' ? 'the built SPA' : 'missing: apps/web/dist was not built, the API still runs'}`,
      '  ec2/             systemd unit, CloudWatch agent configuration, user data',
      `Run it with: WEB_DIR=${join(summary.outDir, 'web')} node ${join(summary.outDir, 'server/main.mjs')}`,
    ].join('\n'),
  );
  return 0;
};

export const COMMANDS: Record<string, Command> = {
  plan,
  apply,
  'iam-policy': iamPolicyCommand,
  'lifecycle-report': report,
  'lifecycle-simulate': simulate,
  release,
};
