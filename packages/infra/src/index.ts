export { type ClientSettings, createInfraClients, type InfraClients } from './aws/clients.ts';
export { type CliExtension, runCli } from './cli.ts';
export { type Command, type Flags, type Io, USAGE } from './commands.ts';
export {
  desiredStateInput,
  type InfraConfig,
  loadInfraConfig,
  requireBucket,
} from './config.ts';
export {
  type BucketEncryption,
  bucketArn,
  type DesiredBucket,
  type PolicyDocument,
  tlsOnlyPolicy,
} from './desired/bucket.ts';
export {
  DEFAULT_LIFECYCLE,
  type LifecycleConfiguration,
  type LifecycleSettings,
  lifecycleConfiguration,
  lifecycleProblems,
  PENDING_UPLOAD_TAG,
  RULE_IDS,
} from './desired/lifecycle-rules.ts';
export {
  type DesiredState,
  type DesiredStateInput,
  desiredState,
  localDesiredState,
  partitionOf,
} from './desired/state.ts';
export { type DesiredTable, desiredTable, type TableEncryption } from './desired/table.ts';
export { describeError, isUnsupportedByEndpoint } from './engine/endpoint-errors.ts';
export { renderApply, renderPlan, unsupportedSummary } from './engine/render.ts';
export type { ApplyItem, ApplyResult, PlanAction, PlanItem } from './engine/types.ts';
export {
  type AwsActionUse,
  type AwsResourceScope,
  type IamPolicy,
  iamPolicy,
  type PolicyStatement,
  type PolicyTarget,
  scopeArn,
} from './iam/policy.ts';
export { type ApplyOutcome, applyInfra, type InfraOptions, type PlanOutcome, planInfra } from './infra.ts';
export { billedBytes, monthlyCost } from './lifecycle/cost.ts';
export { liveLifecycleConfiguration } from './lifecycle/live-rules.ts';
export {
  classAt,
  type ListedObject,
  lifecycleDate,
  type ObjectFate,
  objectFate,
} from './lifecycle/object-fate.ts';
export { PRICE_TABLE, type Price, pricesFor, type RegionPrices } from './lifecycle/prices.ts';
export { renderLifecycleReport } from './lifecycle/render-report.ts';
export {
  AGE_BANDS,
  type LifecycleReport,
  type LifecycleReportInput,
  lifecycleReport,
  noteText,
  type ReportNote,
  type Tally,
} from './lifecycle/report.ts';
export { assertLocalEndpoint, type SimulationResult, simulateLifecycle } from './lifecycle/simulate.ts';
export {
  ARCHIVE_OVERHEAD,
  GIB,
  MINIMUM_STORAGE_DAYS,
  SMALL_OBJECT_BYTES,
  TRANSITION_STORAGE_CLASSES,
  type TransitionStorageClass,
} from './lifecycle/storage-classes.ts';
export { bucketNameSchema, tableNameSchema } from './names.ts';
