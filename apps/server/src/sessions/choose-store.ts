import { join } from 'node:path';
import type { DbService } from '@cadastro/db';
import { createDynamoDbSessionStore } from './dynamodb-store.ts';
import { createSqliteSessionStore } from './sqlite-store.ts';
import type { SessionStore } from './store.ts';

/**
 * `sqlite`: one server, sessions on its EBS volume under DATA_DIR (the default). `dynamodb`: several servers
 * behind a load balancer, sessions in the table.
 */
export type SessionStoreKind = 'sqlite' | 'dynamodb';

export function createSessionStore(kind: SessionStoreKind, dataDir: string, db: DbService): SessionStore {
  return kind === 'dynamodb'
    ? createDynamoDbSessionStore(db)
    : createSqliteSessionStore(join(dataDir, 'sessions'));
}
