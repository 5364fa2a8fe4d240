import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE, tableDefinition } from '@cadastro/db';

/**
 * DynamoDB always encrypts at rest. `aws-owned-key` is the free default; `aws-managed-kms-key` (aws/dynamodb)
 * puts every key use in CloudTrail at the price of KMS requests. Customer managed keys are not handled here.
 */
export type TableEncryption = 'aws-owned-key' | 'aws-managed-kms-key';

export interface DesiredTable {
  name: string;
  /** Keys, GSIs and billing mode, derived from the ElectroDB entities in @cadastro/db. */
  definition: CreateTableCommandInput;
  ttlAttribute: string;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  encryption: TableEncryption;
}

export function desiredTable(name: string, encryption: TableEncryption = 'aws-owned-key'): DesiredTable {
  return {
    name,
    definition: tableDefinition(name),
    ttlAttribute: TTL_ATTRIBUTE,
    pointInTimeRecovery: true,
    deletionProtection: true,
    encryption,
  };
}
