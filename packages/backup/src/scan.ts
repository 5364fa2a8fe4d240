import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from './layout.ts';

export interface ParallelScanOptions {
  client: DynamoDBClient;
  table: string;
  /** Segments scanned at once (DynamoDB's parallel Scan). */
  segments: number;
  /** Items per page; DynamoDB caps a page at 1 MB anyway. */
  pageSize?: number;
  signal?: AbortSignal;
  /** Read only the entity tag (`__edb_e__`), for counting. */
  projection?: '#e';
  /**
   * Receives every page; the segment asks for its next page only once this resolves, which is how a slow
   * consumer (the upload) slows the Scan down instead of piling pages up in memory.
   */
  onPage: (items: Item[]) => Promise<void> | void;
}

/**
 * The table's every item, with a segmented parallel Scan. The only Scan in the system: request paths use keys.
 * Strongly consistent reads, so anything written before the backup started is in it.
 */
export async function parallelScan(options: ParallelScanOptions): Promise<void> {
  const { client, table, segments, signal } = options;
  const segment = async (index: number) => {
    let startKey: Item | undefined;
    do {
      signal?.throwIfAborted();
      const page = await client.send(
        new ScanCommand({
          TableName: table,
          Segment: index,
          TotalSegments: segments,
          ExclusiveStartKey: startKey,
          Limit: options.pageSize,
          ConsistentRead: true,
          ...(options.projection && {
            ProjectionExpression: options.projection,
            ExpressionAttributeNames: { '#e': '__edb_e__' },
          }),
        }),
        { abortSignal: signal },
      );
      if (page.Items?.length) await options.onPage(page.Items);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  };
  await Promise.all(Array.from({ length: segments }, (_, i) => segment(i)));
}
