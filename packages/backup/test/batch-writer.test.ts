import type { BatchWriteItemCommand, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../src/batch-writer.ts';
import type { Item } from '../src/layout.ts';

/**
 * DynamoDB Local never throttles, so it never answers with `UnprocessedItems`: this stand-in client does, for the
 * first calls, and records every request. It is the only stub in the backup tests.
 */
function throttlingClient(throttledCalls: number) {
  const requests: WriteRequest[][] = [];
  let calls = 0;
  const client = {
    async send(command: BatchWriteItemCommand) {
      const batch = command.input.RequestItems!.t!;
      requests.push(batch);
      calls += 1;
      // Leave the last two items unprocessed while throttling.
      return calls <= throttledCalls
        ? { UnprocessedItems: { t: batch.slice(-2) } }
        : { UnprocessedItems: {} };
    },
  } as unknown as DynamoDBClient;
  return { client, requests };
}

const item = (n: number): Item => ({ pk: { S: `p${n}` }, sk: { S: 's' }, n: { N: String(n) } });

describe('BatchWriter', () => {
  it('writes batches of 25 and retries unprocessed items with growing delays', async () => {
    const { client, requests } = throttlingClient(3);
    const delays: number[] = [];
    const writer = new BatchWriter({
      client,
      table: 't',
      keyNames: ['pk', 'sk'],
      concurrency: 1,
      sleep: async (ms) => void delays.push(ms),
    });
    for (let n = 0; n < 30; n++) await writer.put(item(n));
    await writer.flush();

    expect(requests.map((r) => r.length)).toEqual([25, 2, 2, 2, 5]);
    expect(requests[1]).toEqual(requests[0]!.slice(-2));
    expect(delays).toHaveLength(3);
    // Exponential with jitter in [0.5, 1.5): the ranges of successive attempts do not overlap.
    expect(delays[0]).toBeLessThan(75);
    expect(delays[2]).toBeGreaterThanOrEqual(100);
    expect(writer.written).toBe(30);
  });

  it('gives up after maxAttempts and reports it on flush', async () => {
    const { client } = throttlingClient(100);
    const writer = new BatchWriter({
      client,
      table: 't',
      keyNames: ['pk', 'sk'],
      maxAttempts: 3,
      sleep: async () => {},
    });
    for (let n = 0; n < 3; n++) await writer.put(item(n));
    await expect(writer.flush()).rejects.toThrow('2 items still unprocessed after 3 attempts');
  });

  it('never sends one key twice in a batch (the last version wins)', async () => {
    const { client, requests } = throttlingClient(0);
    const writer = new BatchWriter({ client, table: 't', keyNames: ['pk', 'sk'] });
    await writer.put(item(1));
    await writer.put({ ...item(1), n: { N: '99' } });
    await writer.flush();
    expect(requests).toEqual([[{ PutRequest: { Item: { ...item(1), n: { N: '99' } } } }]]);
  });
});
