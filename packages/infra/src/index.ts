export { type ClientSettings, createInfraClients, type InfraClients } from './aws/clients.ts';
export {
  type BucketEncryption,
  bucketArn,
  type DesiredBucket,
  type PolicyDocument,
  tlsOnlyPolicy,
} from './desired/bucket.ts';
export {
  ATTACHMENTS_PREFIX,
  BACKUPS_PREFIX,
  DEFAULT_LIFECYCLE,
  type LifecycleConfiguration,
  type LifecycleSettings,
  lifecycleConfiguration,
  lifecycleProblems,
  PENDING_UPLOADS_PREFIX,
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
export { renderApply, renderPlan, unsupportedSummary } from './engine/render.ts';
export type { ApplyItem, ApplyResult, PlanAction, PlanItem } from './engine/types.ts';
export { type ApplyOutcome, applyInfra, type InfraOptions, type PlanOutcome, planInfra } from './infra.ts';
