import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  type TableDescription,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DesiredTable, TableEncryption } from '../desired/table.ts';
import { errorName } from '../engine/endpoint-errors.ts';
import type { Observed, Resource, Setting } from '../engine/types.ts';

export interface TableWaitOptions {
  pollMs?: number;
  /** Creating an index on a large table backfills it: that can take a long time. */
  timeoutMs?: number;
}

/** Keys as `name:type`, so a plan shows a changed type as plainly as a changed name. */
interface KeyShape {
  partitionKey: string;
  sortKey?: string;
}
interface IndexShape extends KeyShape {
  projection: string;
}

function keyShape(keys: KeySchemaElement[] = [], attributes: AttributeDefinition[] = []): KeyShape {
  const typed = (type: 'HASH' | 'RANGE') => {
    const name = keys.find((k) => k.KeyType === type)?.AttributeName;
    if (!name) return undefined;
    return `${name}:${attributes.find((a) => a.AttributeName === name)?.AttributeType ?? '?'}`;
  };
  return { partitionKey: typed('HASH') ?? '(none)', sortKey: typed('RANGE') };
}

const present = <T>(value: T): Observed<T> => ({ state: 'present', value });

export function tableResource(
  dynamodb: DynamoDBClient,
  desired: DesiredTable,
  wait: TableWaitOptions = {},
): Resource {
  const TableName = desired.name;
  const def = desired.definition;
  const pollMs = wait.pollMs ?? 2000;
  const timeoutMs = wait.timeoutMs ?? 30 * 60_000;

  const describe = async (): Promise<TableDescription> => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName }));
    if (!Table) throw new Error(`DescribeTable ${TableName} returned no table`);
    return Table;
  };

  /** DynamoDB takes one change at a time: wait for the table and its indexes to settle after each. */
  async function untilActive(): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const t = await describe();
      const indexesActive = (t.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
      if (t.TableStatus === 'ACTIVE' && indexesActive) return;
      if (Date.now() > deadline)
        throw new Error(`Table ${TableName} still ${t.TableStatus} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async function update(input: Omit<ConstructorParameters<typeof UpdateTableCommand>[0], 'TableName'>) {
    await dynamodb.send(new UpdateTableCommand({ TableName, ...input }));
    await untilActive();
  }

  const desiredIndexes = def.GlobalSecondaryIndexes ?? [];
  const desiredIndex = (name: string): IndexShape => {
    const index = desiredIndexes.find((i) => i.IndexName === name);
    return {
      ...keyShape(index?.KeySchema, def.AttributeDefinitions),
      projection: index?.Projection?.ProjectionType ?? 'ALL',
    };
  };

  const sse = (e: TableEncryption) =>
    e === 'aws-managed-kms-key' ? { Enabled: true, SSEType: 'KMS' as const } : { Enabled: false };

  const indexSettings = desiredIndexes.map(
    (index): Setting<IndexShape> => ({
      name: `index ${index.IndexName}`,
      desired: desiredIndex(index.IndexName!),
      async read() {
        const t = await describe();
        const found = t.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.IndexName);
        if (!found) return { state: 'absent' };
        return present({
          ...keyShape(found.KeySchema, t.AttributeDefinitions),
          projection: found.Projection?.ProjectionType ?? '?',
        });
      },
      async write() {
        const keyNames = new Set(index.KeySchema?.map((k) => k.AttributeName));
        await update({
          AttributeDefinitions: def.AttributeDefinitions?.filter((a) => keyNames.has(a.AttributeName)),
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: index.IndexName,
                KeySchema: index.KeySchema,
                Projection: index.Projection,
              },
            },
          ],
        });
      },
      notRepairable: (current) =>
        current.state === 'present'
          ? 'an index cannot change its keys or projection in place: add an index under a new name, move the queries to it, then remove this one'
          : undefined,
    }),
  );

  const settings: Setting[] = [
    {
      name: 'key schema',
      desired: keyShape(def.KeySchema, def.AttributeDefinitions),
      read: async () => {
        const t = await describe();
        return present(keyShape(t.KeySchema, t.AttributeDefinitions));
      },
      write: async () => {
        throw new Error('unreachable: a key schema is never written');
      },
      notRepairable: () =>
        'a table cannot change its primary key: this needs a new table and a data migration',
      gatesOthers: true,
    } satisfies Setting<KeyShape>,
    {
      name: 'billing mode',
      desired: def.BillingMode ?? 'PAY_PER_REQUEST',
      read: async () => present((await describe()).BillingModeSummary?.BillingMode ?? 'PROVISIONED'),
      write: () => update({ BillingMode: 'PAY_PER_REQUEST' }),
    } satisfies Setting<string>,
    ...indexSettings,
    {
      name: 'indexes not in the definition',
      desired: [],
      read: async () => {
        const known = new Set(desiredIndexes.map((i) => i.IndexName));
        const t = await describe();
        return present(
          (t.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName!).filter((n) => !known.has(n)),
        );
      },
      write: async () => {
        throw new Error('unreachable: indexes are never deleted by apply');
      },
      notRepairable: () =>
        'apply never deletes an index: remove it by hand once no deployed version queries it any more',
    } satisfies Setting<string[]>,
    {
      name: 'deletion protection',
      desired: desired.deletionProtection,
      read: async () => present((await describe()).DeletionProtectionEnabled ?? false),
      write: () => update({ DeletionProtectionEnabled: desired.deletionProtection }),
    } satisfies Setting<boolean>,
    {
      name: 'encryption at rest',
      desired: desired.encryption,
      // No SSEDescription means the AWS owned key (DynamoDB always encrypts).
      read: async () => {
        const d = (await describe()).SSEDescription;
        const kms = d?.SSEType === 'KMS' && (d.Status === 'ENABLED' || d.Status === 'UPDATING');
        return present<TableEncryption>(kms ? 'aws-managed-kms-key' : 'aws-owned-key');
      },
      write: () => update({ SSESpecification: sse(desired.encryption) }),
    } satisfies Setting<TableEncryption>,
    {
      name: 'time to live',
      desired: { attribute: desired.ttlAttribute, enabled: true },
      read: async () => {
        const { TimeToLiveDescription: d } = await dynamodb.send(
          new DescribeTimeToLiveCommand({ TableName }),
        );
        const enabled = d?.TimeToLiveStatus === 'ENABLED' || d?.TimeToLiveStatus === 'ENABLING';
        return present({ attribute: d?.AttributeName ?? '(none)', enabled });
      },
      write: async (want, current) => {
        // TTL is on one attribute at a time: switch off the old one first.
        if (current.state === 'present' && current.value.enabled) {
          await dynamodb.send(
            new UpdateTimeToLiveCommand({
              TableName,
              TimeToLiveSpecification: { AttributeName: current.value.attribute, Enabled: false },
            }),
          );
        }
        await dynamodb.send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: want.attribute, Enabled: true },
          }),
        );
      },
    } satisfies Setting<{ attribute: string; enabled: boolean }>,
    {
      name: 'point-in-time recovery',
      desired: desired.pointInTimeRecovery,
      read: async () => {
        const { ContinuousBackupsDescription: d } = await dynamodb.send(
          new DescribeContinuousBackupsCommand({ TableName }),
        );
        return present(d?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED');
      },
      write: async () => {
        // A table created moments ago answers "backups are being enabled, retry later" for a while.
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          try {
            await dynamodb.send(
              new UpdateContinuousBackupsCommand({
                TableName,
                PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: desired.pointInTimeRecovery },
              }),
            );
            return;
          } catch (error) {
            if (errorName(error) !== 'ContinuousBackupsUnavailableException' || Date.now() > deadline)
              throw error;
            await new Promise((r) => setTimeout(r, pollMs * 5));
          }
        }
      },
    } satisfies Setting<boolean>,
  ];

  return {
    id: `dynamodb table ${TableName}`,
    creation: {
      keys: keyShape(def.KeySchema, def.AttributeDefinitions),
      indexes: desiredIndexes.map((i) => i.IndexName),
      billingMode: def.BillingMode,
    },
    async exists() {
      try {
        await describe();
        return true;
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return false;
        throw error;
      }
    },
    async create() {
      try {
        await dynamodb.send(
          new CreateTableCommand({
            ...def,
            SSESpecification:
              desired.encryption === 'aws-managed-kms-key' ? sse(desired.encryption) : undefined,
            DeletionProtectionEnabled: desired.deletionProtection,
          }),
        );
      } catch (error) {
        // Another apply (a second server starting) got there first: fine, wait for it like for ours.
        if (errorName(error) !== 'ResourceInUseException') throw error;
      }
      await untilActive();
    },
    settings,
  };
}
