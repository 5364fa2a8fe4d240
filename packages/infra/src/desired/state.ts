import { type BucketSettings, type DesiredBucket, desiredBucket } from './bucket.ts';
import { DEFAULT_LIFECYCLE, type LifecycleSettings, lifecycleProblems } from './lifecycle-rules.ts';
import { type DesiredTable, desiredTable, type TableEncryption } from './table.ts';

/** Everything Cadastro needs from AWS, as plain data: what `plan` compares with and `apply` converges to. */
export interface DesiredState {
  bucket: DesiredBucket;
  table: DesiredTable;
  /** Choices that are allowed but cost more than they save, for the plan to show. */
  warnings: string[];
}

export interface DesiredStateInput extends Omit<BucketSettings, 'name' | 'lifecycle'> {
  bucket: string;
  table: string;
  tableEncryption?: TableEncryption;
  lifecycle?: Partial<LifecycleSettings>;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function desiredState(input: DesiredStateInput): DesiredState {
  const lifecycle = { ...DEFAULT_LIFECYCLE, ...input.lifecycle };
  const { errors, warnings } = lifecycleProblems(lifecycle);
  if (errors.length) throw new Error(`Invalid lifecycle settings:\n  ${errors.join('\n  ')}`);
  return {
    bucket: desiredBucket({ ...input, name: input.bucket, lifecycle }, partitionOf(input.region)),
    table: desiredTable(input.table, input.tableEncryption),
    warnings,
  };
}

/**
 * The same desired state for the local stand-ins (`pnpm start`, server tests). Only the TLS-only policy is
 * off: they are reached over plain HTTP, and moto enforces the policy, so it would refuse every request.
 */
export function localDesiredState(input: Omit<DesiredStateInput, 'denyInsecureTransport'>): DesiredState {
  return desiredState({ ...input, denyInsecureTransport: false });
}
