import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AwsClients } from './aws.ts';

export type DependencyState = 'ok' | 'unavailable';
export interface Readiness {
  ready: boolean;
  dynamodb: DependencyState;
  s3: DependencyState;
}

export interface ReadinessOptions {
  aws: AwsClients;
  table: string;
  bucket: string;
  /** Each probe gives up after this long. */
  timeoutMs?: number;
  /** A result is reused this long, and callers meanwhile share one probe: a flood of checks is one probe. */
  cacheMs?: number;
}

/**
 * Whether this instance can serve: one small read from the table (an item that never exists) and one listing of
 * at most one key from the bucket, each bounded in time. `/readyz` answers from it; `/healthz` stays liveness.
 */
export function createReadinessCheck({
  aws,
  table,
  bucket,
  timeoutMs = 2_000,
  cacheMs = 1_000,
}: ReadinessOptions) {
  let last: { at: number; result: Promise<Readiness> } | undefined;

  const state = (probe: Promise<unknown>): Promise<DependencyState> =>
    probe.then(
      () => 'ok',
      () => 'unavailable',
    );

  async function probe(): Promise<Readiness> {
    const [dynamodb, s3] = await Promise.all([
      state(
        aws.dynamodb.send(
          new GetItemCommand({
            TableName: table,
            Key: { pk: { S: '$readiness' }, sk: { S: '$readiness' } },
          }),
          { abortSignal: AbortSignal.timeout(timeoutMs) },
        ),
      ),
      state(
        aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'readiness/', MaxKeys: 1 }), {
          abortSignal: AbortSignal.timeout(timeoutMs),
        }),
      ),
    ]);
    return { ready: dynamodb === 'ok' && s3 === 'ok', dynamodb, s3 };
  }

  return function check(): Promise<Readiness> {
    const now = Date.now();
    if (!last || now - last.at > cacheMs) last = { at: now, result: probe() };
    return last.result;
  };
}
export type ReadinessCheck = ReturnType<typeof createReadinessCheck>;
