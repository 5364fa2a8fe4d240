import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { accessSchema } from './entities/access.ts';
import { apiKeySchema } from './entities/api-key.ts';
import { attachmentSchema } from './entities/attachment.ts';
import { backupSchema } from './entities/backup.ts';
import { customerSchema } from './entities/customer.ts';
import { erasureSchema } from './entities/erasure.ts';
import { eventSchema } from './entities/event.ts';
import { lockSchema } from './entities/lock.ts';
import { nameWordSchema } from './entities/name-word.ts';
import { operatorSchema } from './entities/operator.ts';
import { sessionSchema } from './entities/session.ts';
import { uniquenessSchema } from './entities/uniqueness.ts';

/** Items with this attribute (epoch seconds) are deleted by DynamoDB's TTL after that time. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Every entity stored in the table; a new entity file is added here and in `service.ts`. */
const schemas = [
  customerSchema,
  nameWordSchema,
  uniquenessSchema,
  eventSchema,
  erasureSchema,
  attachmentSchema,
  backupSchema,
  lockSchema,
  operatorSchema,
  sessionSchema,
  apiKeySchema,
  accessSchema,
];

interface KeyFields {
  pk: string;
  sk?: string;
}

/** The table's keys and GSIs, read from the entities' index definitions so they are never written twice. */
export function tableKeys(): { primary: KeyFields; gsis: Record<string, KeyFields> } {
  let primary: KeyFields | undefined;
  const gsis: Record<string, KeyFields> = {};
  for (const schema of schemas) {
    for (const index of Object.values(schema.indexes) as Array<{
      index?: string;
      pk: { field: string };
      sk?: { field: string };
    }>) {
      const fields = { pk: index.pk.field, sk: index.sk?.field };
      const known = index.index ? gsis[index.index] : primary;
      if (known && (known.pk !== fields.pk || known.sk !== fields.sk)) {
        throw new Error(`Index ${index.index ?? '(primary)'} is defined with two different key fields`);
      }
      if (index.index) gsis[index.index] = fields;
      else primary = fields;
    }
  }
  if (!primary) throw new Error('No entity defines the primary index');
  return { primary, gsis };
}

/** CreateTable input for the single table: on-demand, every GSI projecting all attributes. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const { primary, gsis } = tableKeys();
  const keySchema = (k: KeyFields) => [
    { AttributeName: k.pk, KeyType: 'HASH' as const },
    ...(k.sk ? [{ AttributeName: k.sk, KeyType: 'RANGE' as const }] : []),
  ];
  const fields = new Set(
    [primary, ...Object.values(gsis)].flatMap((k) => [k.pk, k.sk].filter(Boolean) as string[]),
  );
  const attributeDefinitions: AttributeDefinition[] = [...fields].map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  }));
  const globalSecondaryIndexes: GlobalSecondaryIndex[] = Object.entries(gsis).map(([name, keys]) => ({
    IndexName: name,
    KeySchema: keySchema(keys),
    Projection: { ProjectionType: 'ALL' },
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions,
    KeySchema: keySchema(primary),
    GlobalSecondaryIndexes: globalSecondaryIndexes,
  };
}

/**
 * Creates the table (with TTL) when it does not exist yet, or adds the GSIs a newer version of the entities
 * declares (e.g. `gsi2` for name search on a table created before it). For local stand-ins and tests.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(
      client,
      tableName,
      new Set(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)),
    );
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
}

/** One UpdateTable per missing GSI (DynamoDB creates one at a time), each waited for until ACTIVE. */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  existing: Set<string | undefined>,
) {
  const definition = tableDefinition(tableName);
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: definition.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    for (let attempt = 0; ; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const status = Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.IndexName)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (attempt > 600) throw new Error(`Index ${index.IndexName} of ${tableName} did not become active`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
