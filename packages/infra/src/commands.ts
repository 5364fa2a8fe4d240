import { readFileSync } from 'node:fs';
import { createInfraClients, type InfraClients } from './aws/clients.ts';
import { desiredStateInput, type InfraConfig, loadInfraConfig, requireBucket } from './config.ts';
import { type LifecycleConfiguration, lifecycleConfiguration } from './desired/lifecycle-rules.ts';
import { desiredState } from './desired/state.ts';
import { renderApply, renderPlan } from './engine/render.ts';
import { applyInfra, planInfra } from './infra.ts';
import { liveLifecycleConfiguration } from './lifecycle/live-rules.ts';
import type { RegionPrices } from './lifecycle/prices.ts';
import { renderLifecycleReport } from './lifecycle/render-report.ts';
import { lifecycleReport } from './lifecycle/report.ts';
import { simulateLifecycle } from './lifecycle/simulate.ts';

export const USAGE = `Usage: pnpm infra <command> [flags]

Commands
  plan                 compare the bucket and table with the desired state (changes nothing)
  apply                make them match; a second apply changes nothing
  lifecycle-report     objects by prefix, age and class; what the rules will move; monthly cost
  lifecycle-simulate   apply the rules' transitions as of --as-of, on a local endpoint only

Flags
  --json               machine-readable output (plan, apply, lifecycle-report, lifecycle-simulate)
  --check              plan: exit 2 when there is drift (for CI against AWS)
  --region R --table T --bucket B --account-id N
                       instead of AWS_REGION, CADASTRO_TABLE, CADASTRO_BUCKET, AWS_ACCOUNT_ID
  --as-of YYYY-MM-DD   lifecycle-report (default today), lifecycle-simulate (required)
  --live-rules         lifecycle-report: use the bucket's lifecycle configuration, not the desired one
  --prices FILE        lifecycle-report: a price table (JSON, like PRICE_TABLE entries) instead of the built-in one
  --page-size N        lifecycle-report: objects per listing page (default 1000)

Configuration comes from the environment; see packages/infra/README.md for every variable.`;

export interface Flags {
  json?: boolean;
  check?: boolean;
  'as-of'?: string;
  'live-rules'?: boolean;
  prices?: string;
  'page-size'?: string;
  /** Flags of commands added by a CliExtension. */
  [flag: string]: string | boolean | undefined;
}

export interface Io {
  out(text: string): void;
}

export type Command = (flags: Flags, env: Record<string, string | undefined>, io: Io) => Promise<number>;

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

export const COMMANDS: Record<string, Command> = {
  plan,
  apply,
  'lifecycle-report': report,
  'lifecycle-simulate': simulate,
};
