import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Service } from 'electrodb';
import { accessEntity } from './entities/access.ts';
import { accountTokenEntity } from './entities/account-token.ts';
import { apiKeyEntity } from './entities/api-key.ts';
import { attachmentEntity } from './entities/attachment.ts';
import { backupEntity } from './entities/backup.ts';
import { customerEntity } from './entities/customer.ts';
import { erasureEntity } from './entities/erasure.ts';
import { eventEntity } from './entities/event.ts';
import { lockEntity } from './entities/lock.ts';
import { nameWordEntity } from './entities/name-word.ts';
import { operatorEntity } from './entities/operator.ts';
import { rateCounterEntity } from './entities/rate-counter.ts';
import { sessionEntity } from './entities/session.ts';
import { uniquenessEntity } from './entities/uniqueness.ts';

export interface DbConfig {
  table: string;
  client: DynamoDBClient;
}

/**
 * ElectroDB's option for the calls on the read path: without it ElectroDB builds an `ElectroError` (a stack
 * captured, ~8 µs here) on every call, successful or not, in case it must wrap a failure. With it a failure is the
 * SDK's own error, which the server's error mapping reads the same way (it walks `cause` chains by name).
 */
export const HOT_PATH = { originalErr: true } as const;

/** All entities of the single table, grouped in one ElectroDB Service. */
export function createDbService({ table, client }: DbConfig) {
  const config = { table, client };
  return new Service({
    customer: customerEntity(config),
    nameWord: nameWordEntity(config),
    uniqueness: uniquenessEntity(config),
    event: eventEntity(config),
    erasure: erasureEntity(config),
    backup: backupEntity(config),
    lock: lockEntity(config),
    attachment: attachmentEntity(config),
    operator: operatorEntity(config),
    rateCounter: rateCounterEntity(config),
    session: sessionEntity(config),
    apiKey: apiKeyEntity(config),
    accountToken: accountTokenEntity(config),
    access: accessEntity(config),
  });
}
export type DbService = ReturnType<typeof createDbService>;
