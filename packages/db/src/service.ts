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
