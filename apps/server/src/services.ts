import { createCustomerRepository, createDbService } from '@cadastro/db';
import { createApiKeyVerifier } from './api-keys.ts';
import type { AwsClients } from './aws.ts';
import type { Services } from './context.ts';

export interface ServiceSettings {
  table: string;
  blindIndexSecret: string;
  apiKeys: readonly string[];
}

export function createServices(aws: AwsClients, settings: ServiceSettings): Services {
  const db = createDbService({ table: settings.table, client: aws.dynamodb });
  return {
    customers: createCustomerRepository(db, { blindIndexSecret: settings.blindIndexSecret }),
    apiKeys: createApiKeyVerifier(settings.apiKeys),
  };
}
