export {
  type AttachmentRepository,
  AttachmentStateChangedError,
  attachmentKey,
  createAttachmentRepository,
  type StorageObservation,
  type VerifiedObject,
} from './attachments.ts';
export { blindIndex } from './blind-index.ts';
export {
  type CustomerPage,
  type CustomerRepository,
  createCustomerRepository,
  InvalidCursorError,
  UniqueValueTakenError,
} from './customers.ts';
export type { AttachmentItem } from './entities/attachment.ts';
export type { BackupItem, BackupState } from './entities/backup.ts';
export type { CustomerItem } from './entities/customer.ts';
export type { ErasureItem } from './entities/erasure.ts';
export type { EventItem } from './entities/event.ts';
export type { LockItem } from './entities/lock.ts';
export type { UniqueKind, UniquenessItem } from './entities/uniqueness.ts';
export { type Actor, createEventLog, type EventLog, type NewEvent } from './events.ts';
export { createDbService, createDynamoDbClient, type DbConfig, type DbService } from './service.ts';
export { ensureTable, TTL_ATTRIBUTE, tableDefinition, tableKeys } from './table.ts';
