import { beforeAll, describe, expect, it } from 'vitest';
import { createDbService, createRateCounters, ensureTable, type RateCounters } from '../src/index.ts';
import { localDynamoDb } from './local-dynamodb.ts';

const { client, table } = localDynamoDb('rate');
let counters: RateCounters;

beforeAll(async () => {
  await ensureTable(client, table);
  counters = createRateCounters(createDbService({ table, client }));
});

describe('shared rate-limit windows', () => {
  it('lose no hit when many servers count at once', async () => {
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 25 }, () => counters.hit('ip-a', 60_000, now)));
    expect(results.map((r) => r.hits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });

  it('open at the first hit and start over once the window has passed', async () => {
    const t0 = Date.now();
    expect(await counters.hit('ip-b', 60_000, t0)).toEqual({ hits: 1, resetInMs: 60_000 });
    expect(await counters.hit('ip-b', 60_000, t0 + 59_000)).toEqual({ hits: 2, resetInMs: 1_000 });
    expect(await counters.hit('ip-b', 60_000, t0 + 60_000)).toEqual({ hits: 1, resetInMs: 60_000 });
  });
});
