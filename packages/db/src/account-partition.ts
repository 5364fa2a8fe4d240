import { BatchWriteItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DbConfig, DbService } from './service.ts';
import { tableKeys } from './table.ts';

/**
 * Every item in a customer's partition (the `account` collection: the record, its history and whatever later
 * joins it, such as documents), read by key with plain Queries so no entity can be forgotten.
 */
export function createAccountPartition(db: DbService, { table, client }: DbConfig) {
  const { primary } = tableKeys();

  function partitionKeyOf(customerId: string): string {
    const params = db.entities.customer.get({ customerId }).params() as { Key: Record<string, string> };
    const pk = params.Key[primary.pk];
    if (!pk) throw new Error('customer key has no partition key');
    return pk;
  }

  /** Deletes every item of the partition; returns how many were deleted. */
  async function deleteAll(customerId: string): Promise<number> {
    const pk = partitionKeyOf(customerId);
    let deleted = 0;
    let startKey: Record<string, { S: string }> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': primary.pk, '#sk': primary.sk ?? primary.pk },
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ProjectionExpression: '#pk, #sk',
          ExclusiveStartKey: startKey,
        }),
      );
      const keys = page.Items ?? [];
      for (let i = 0; i < keys.length; i += 25) {
        let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed deletes');
          const result = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [table]: requests } }),
          );
          requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
          if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
        deleted += Math.min(25, keys.length - i);
      }
      startKey = page.LastEvaluatedKey as typeof startKey;
    } while (startKey);
    return deleted;
  }

  return { deleteAll };
}
export type AccountPartition = ReturnType<typeof createAccountPartition>;
