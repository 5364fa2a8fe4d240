export {
  type AccessActor,
  type AccessJournalSettings,
  type AccessRecords,
  createAccessRecords,
} from './access-records.ts';
export { type AccountPartition, createAccountPartition } from './account-partition.ts';
export { type AccountTokens, createAccountTokens } from './account-tokens.ts';
export { type ApiKeyRepository, createApiKeyRepository } from './api-keys.ts';
export {
  type AttachmentRepository,
  AttachmentStateChangedError,
  createAttachmentRepository,
  type NewAttachment,
  type VerifiedObject,
} from './attachments.ts';
export { blindIndex } from './blind-index.ts';
export { appliedIfCondition, isConditionFailure } from './condition-failure.ts';
export {
  CustomerNotFoundError,
  type CustomerPage,
  type CustomerRepository,
  createCustomerRepository,
  type NewCustomer,
  nameWords,
  UniqueValueTakenError,
  VersionConflictError,
} from './customers.ts';
export type { AccessItem } from './entities/access.ts';
export type { AccountTokenItem, AccountTokenPurpose } from './entities/account-token.ts';
export type { ApiKeyItem } from './entities/api-key.ts';
export type { AttachmentItem } from './entities/attachment.ts';
export type { BackupItem, BackupState } from './entities/backup.ts';
export type { CustomerItem } from './entities/customer.ts';
export type { ErasureItem } from './entities/erasure.ts';
export type { EventItem } from './entities/event.ts';
export type { LockItem } from './entities/lock.ts';
export type { NameWordItem } from './entities/name-word.ts';
export type { OperatorItem } from './entities/operator.ts';
export type { SessionItem } from './entities/session.ts';
export type { UniqueKind, UniquenessItem } from './entities/uniqueness.ts';
export { createErasureLog, type ErasureLog } from './erasures.ts';
export { type Actor, createEventLog, type EventLog, type NewEvent } from './events.ts';
export { type JournalBacklog, JournalWriteError } from './journal.ts';
export { InvalidCursorError } from './merged-page.ts';
export { createOperatorRepository, type OperatorRepository } from './operators.ts';
export { createRateCounters, type RateCounters } from './rate-counters.ts';
export { createDbService, type DbConfig, type DbService } from './service.ts';
export { INDEX_SHARDS, shardOf } from './shards.ts';
export { ensureTable, TTL_ATTRIBUTE, tableDefinition, tableKeys } from './table.ts';
