export { blindIndex } from './blind-index.ts';
export {
  type CustomerPage,
  type CustomerRepository,
  createCustomerRepository,
  InvalidCursorError,
  UniqueValueTakenError,
} from './customers.ts';
export type { CustomerItem } from './entities/customer.ts';
export type { UniqueKind, UniquenessItem } from './entities/uniqueness.ts';
export { createDbService, createDynamoDbClient, type DbConfig, type DbService } from './service.ts';
export { ensureTable, TTL_ATTRIBUTE, tableDefinition, tableKeys } from './table.ts';
