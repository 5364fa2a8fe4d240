import { bucketResource } from './aws/bucket-resource.ts';
import type { InfraClients } from './aws/clients.ts';
import { type TableWaitOptions, tableResource } from './aws/table-resource.ts';
import type { DesiredState } from './desired/state.ts';
import { applyResources, planResources, type RunOptions } from './engine/run.ts';
import { type ApplyItem, isDrift, type PlanItem, type Resource } from './engine/types.ts';

export interface InfraOptions extends RunOptions {
  tableWait?: TableWaitOptions;
}

export function infraResources(
  clients: InfraClients,
  desired: DesiredState,
  options: InfraOptions = {},
): Resource[] {
  return [
    tableResource(clients.dynamodb, desired.table, options.tableWait),
    bucketResource(clients.s3, desired.bucket),
  ];
}

export interface PlanOutcome {
  items: PlanItem[];
  warnings: string[];
  /** Something to create or change, or drift apply cannot repair. */
  drift: boolean;
  failed: boolean;
}

export interface ApplyOutcome {
  items: ApplyItem[];
  warnings: string[];
  failed: boolean;
}

/** Compares the desired state with what the endpoints have; changes nothing. */
export async function planInfra(
  clients: InfraClients,
  desired: DesiredState,
  options: InfraOptions = {},
): Promise<PlanOutcome> {
  const items = await planResources(infraResources(clients, desired, options));
  return {
    items,
    warnings: desired.warnings,
    drift: items.some(isDrift),
    failed: items.some((i) => i.action === 'failed'),
  };
}

/** Makes the endpoints match the desired state; a second run changes nothing. */
export async function applyInfra(
  clients: InfraClients,
  desired: DesiredState,
  options: InfraOptions = {},
): Promise<ApplyOutcome> {
  const items = await applyResources(infraResources(clients, desired, options), options);
  return { items, warnings: desired.warnings, failed: items.some((i) => i.result === 'failed') };
}
