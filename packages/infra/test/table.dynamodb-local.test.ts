import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableKeys } from '@cadastro/db';
import { describe, expect, it } from 'vitest';
import { desiredState } from '../src/index.ts';
import { applyInfra, planInfra } from '../src/infra.ts';
import { localClients, NO_PAUSES, uniqueName } from './helpers.ts';

const clients = localClients();
const tableItems = <T extends { resource: string }>(items: T[]) =>
  items.filter((i) => i.resource.startsWith('dynamodb '));
const desiredFor = (table: string) =>
  desiredState({ region: 'us-east-1', table, bucket: table, corsOrigins: [], denyInsecureTransport: false });

describe('the table on DynamoDB Local', () => {
  it('is created from the entities: keys, every GSI, on demand, TTL on expiresAt, deletion protection', async () => {
    const table = uniqueName('table');
    const outcome = await applyInfra(clients, desiredFor(table), NO_PAUSES);
    expect(outcome.failed).toBe(false);

    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    const { primary, gsis } = tableKeys();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: primary.pk, KeyType: 'HASH' },
      { AttributeName: primary.sk, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.DeletionProtectionEnabled).toBe(true);
    const indexes = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
    expect(Object.keys(indexes).sort()).toEqual(Object.keys(gsis).sort());
    for (const [name, keys] of Object.entries(gsis)) {
      expect(indexes[name]?.KeySchema).toEqual([
        { AttributeName: keys.pk, KeyType: 'HASH' },
        ...(keys.sk ? [{ AttributeName: keys.sk, KeyType: 'RANGE' }] : []),
      ]);
      expect(indexes[name]?.Projection?.ProjectionType).toBe('ALL');
    }
    const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('reports point-in-time recovery as not supported by the endpoint, not as failed or applied', async () => {
    const table = uniqueName('table');
    const outcome = await applyInfra(clients, desiredFor(table), NO_PAUSES);
    const pitr = outcome.items.find((i) => i.setting === 'point-in-time recovery');
    expect(pitr).toMatchObject({
      result: 'unsupported',
      reason: expect.stringContaining('UnknownOperationException'),
    });
    expect(outcome.failed).toBe(false);

    const plan = await planInfra(clients, desiredFor(table));
    expect(plan.items.find((i) => i.setting === 'point-in-time recovery')?.action).toBe('unsupported');
    expect(
      tableItems(plan.items)
        .filter((i) => i.action !== 'unsupported')
        .map((i) => i.action),
    ).toEqual(
      tableItems(plan.items)
        .filter((i) => i.action !== 'unsupported')
        .map(() => 'unchanged'),
    );
    expect(plan.drift).toBe(false);
  });

  it('adds a missing index to an existing table', async () => {
    const table = uniqueName('table');
    const { primary } = tableKeys();
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: primary.pk, AttributeType: 'S' },
          { AttributeName: primary.sk!, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: primary.pk, KeyType: 'HASH' },
          { AttributeName: primary.sk!, KeyType: 'RANGE' },
        ],
      }),
    );
    const plan = await planInfra(clients, desiredFor(table));
    expect(plan.items.find((i) => i.setting === 'index gsi1')?.action).toBe('create');
    expect(plan.items.find((i) => i.setting === 'deletion protection')).toMatchObject({
      action: 'change',
      changes: [{ path: '(value)', from: false, to: true }],
    });

    const outcome = await applyInfra(clients, desiredFor(table), NO_PAUSES);
    expect(outcome.items.find((i) => i.setting === 'index gsi1')?.result).toBe('applied');
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('gsi1');
  }, 180_000); // DynamoDB Local builds each added index in the background: slow while other suites load it

  it('shows a different primary key as drift that apply leaves alone', async () => {
    const table = uniqueName('table');
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const plan = await planInfra(clients, desiredFor(table));
    const keys = plan.items.find((i) => i.setting === 'key schema');
    expect(keys).toMatchObject({ action: 'not-repairable', reason: expect.stringContaining('new table') });
    expect(plan.drift).toBe(true);
    const outcome = await applyInfra(clients, desiredFor(table), NO_PAUSES);
    expect(outcome.items.find((i) => i.setting === 'key schema')?.result).toBe('not-repairable');
    // Not the table described: nothing else is changed on it.
    expect(outcome.items.find((i) => i.setting === 'index gsi1')).toMatchObject({
      result: 'not-repairable',
      reason: expect.stringContaining('key schema'),
    });
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
  });
});
