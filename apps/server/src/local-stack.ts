import { resolve } from 'node:path';
import { applyInfra, localDesiredState, renderApply, unsupportedSummary } from '@cadastro/infra';
import type { AwsClients, AwsSettings } from './aws.ts';

/** The local default: DynamoDB Local and s3rver persisting under DATA_DIR, no AWS account needed. */
export async function startLocalStack(dataDir: string) {
  // Loaded on demand: the release bundle leaves the emulators out, and AWS mode never comes here.
  const { startLocalAws } = await import('@cadastro/local-aws');
  const local = await startLocalAws({ persistDir: resolve(dataDir) });
  const settings: AwsSettings = {
    region: local.region,
    dynamodbEndpoint: local.dynamodbEndpoint,
    s3Endpoint: local.s3Endpoint,
    credentials: local.credentials,
  };
  return { settings, stop: () => local.stop() };
}

export interface LocalInfraSettings {
  region: string;
  table: string;
  bucket: string;
  corsOrigins: string[];
}

/**
 * Gives the stand-ins the table and bucket of `pnpm infra apply` (the same desired state, less the TLS-only
 * policy), and returns one line per resource naming what the emulator does not implement.
 */
export async function applyLocalInfra(aws: AwsClients, settings: LocalInfraSettings): Promise<string[]> {
  // Emulators read back at once and settle a table change in well under a second.
  const outcome = await applyInfra(aws, localDesiredState(settings), {
    verifyDelaysMs: [0],
    tableWait: { pollMs: 200 },
  });
  const failed = outcome.items.filter((i) => i.result === 'failed');
  if (failed.length) throw new Error(`Could not set up the local stand-ins:\n${renderApply(failed)}`);
  return unsupportedSummary(outcome.items);
}
