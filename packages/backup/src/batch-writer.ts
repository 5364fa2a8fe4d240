import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { Item } from './layout.ts';

/** DynamoDB's limit per BatchWriteItem. */
const BATCH_SIZE = 25;

export interface BatchWriterOptions {
  client: DynamoDBClient;
  table: string;
  /** The table's key attributes: a batch may not hold one key twice. */
  keyNames: string[];
  /** Batches in flight at once. */
  concurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Never replace an item that exists (a restore into a table in use): each item is a PutItem conditional on its
   * key being absent, and `onKept` hears of every item left as it was.
   */
  keepExisting?: { onKept: (item: Item) => void };
}

/**
 * Puts items in batches of 25 with several batches in flight, retrying `UnprocessedItems` with exponential
 * backoff and jitter. Puts replace whole items by key, so running a restore twice gives the same table; with
 * `keepExisting` they add only the items that are missing.
 */
export class BatchWriter {
  private pending: Item[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;
  written = 0;

  constructor(private readonly options: BatchWriterOptions) {}

  async put(item: Item): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(item);
    if (this.pending.length >= BATCH_SIZE) await this.send();
  }

  async flush(): Promise<void> {
    if (this.pending.length) await this.send();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async send(): Promise<void> {
    const batch = dedupeByKey(this.pending, this.options.keyNames);
    this.pending = [];
    const task = this.write(batch).then(
      () => {
        this.written += batch.length;
      },
      (error: Error) => {
        this.failure ??= error;
      },
    );
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    if (this.inFlight.size >= (this.options.concurrency ?? 8)) await Promise.race(this.inFlight);
  }

  private async write(items: Item[]): Promise<void> {
    if (this.options.keepExisting) return this.addMissing(items, this.options.keepExisting.onKept);
    const { client, table, maxAttempts = 10, baseDelayMs = 50 } = this.options;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let requests: WriteRequest[] = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        throw new Error(`${requests.length} items still unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 1) await sleep(Math.min(baseDelayMs * 2 ** (attempt - 2), 5000) * (0.5 + Math.random()));
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = result.UnprocessedItems?.[table] ?? [];
    }
  }

  private async addMissing(items: Item[], onKept: (item: Item) => void): Promise<void> {
    const { client, table, keyNames } = this.options;
    const [pk] = keyNames;
    await Promise.all(
      items.map((Item) =>
        client
          .send(
            new PutItemCommand({
              TableName: table,
              Item,
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': pk as string },
            }),
          )
          .catch((error: Error) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
            onKept(Item);
          }),
      ),
    );
  }
}

/** The last version of each key wins, as it would with sequential puts. */
function dedupeByKey(items: Item[], keyNames: string[]): Item[] {
  const byKey = new Map<string, Item>();
  for (const item of items) byKey.set(keyNames.map((k) => JSON.stringify(item[k])).join('\u0000'), item);
  return [...byKey.values()];
}
