/** What an endpoint says about one setting. */
export type Observed<T> =
  | { state: 'present'; value: T }
  /** Not configured at all (S3's NoSuch…Configuration answers). */
  | { state: 'absent' }
  /** The endpoint does not implement this setting (an emulator answering 501, UnknownOperation, …). */
  | { state: 'unsupported'; reason: string };

/** One setting of a resource, as comparable plain data, with how to read and write it. */
export interface Setting<T = unknown> {
  name: string;
  desired: T;
  read(): Promise<Observed<T>>;
  write(desired: T, current: Observed<T>): Promise<void>;
  /** Why apply must leave this drift alone, if it must (a table's key schema cannot change in place). */
  notRepairable?(current: Observed<T>): string | undefined;
  /**
   * When this setting is not repairable, the resource is not the one described (a table with another primary
   * key): apply then changes nothing else on it.
   */
  gatesOthers?: boolean;
  /** Error names of `write` that mean "this endpoint does not implement it", beyond the usual ones. */
  unsupportedWriteErrors?: readonly string[];
}

export interface Resource {
  /** e.g. `s3 bucket cadastro-prod`. */
  id: string;
  exists(): Promise<boolean>;
  create(): Promise<void>;
  /** What `create` sets up by itself, shown in a plan. */
  creation: unknown;
  settings: Setting[];
}

export type PlanAction = 'create' | 'change' | 'unchanged' | 'unsupported' | 'not-repairable' | 'failed';
export type ApplyResult = 'applied' | 'unchanged' | 'unsupported' | 'not-repairable' | 'failed';

export interface ValueChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface PlanItem {
  resource: string;
  /** `resource` for the resource itself. */
  setting: string;
  action: PlanAction;
  current?: unknown;
  desired?: unknown;
  changes?: ValueChange[];
  /** Why it is unsupported, not repairable or failed. */
  reason?: string;
}

export interface ApplyItem extends PlanItem {
  result: ApplyResult;
}

/** Drift is anything apply would change, or that differs and apply cannot change. */
export function isDrift(item: PlanItem): boolean {
  return item.action === 'create' || item.action === 'change' || item.action === 'not-repairable';
}
