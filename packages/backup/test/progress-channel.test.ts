import { describe, expect, it } from 'vitest';
import { ProgressChannel } from '../src/progress.ts';

type Event = { phase: 'running' | 'completed'; n: number };

async function collect(iterable: AsyncIterable<Event>): Promise<number[]> {
  const seen: number[] = [];
  for await (const e of iterable) seen.push(e.n);
  return seen;
}

describe('ProgressChannel', () => {
  it('gives a late subscriber the latest event first, then the rest, and ends after the final one', async () => {
    const channel = new ProgressChannel<Event>();
    channel.publish({ phase: 'running', n: 1 });
    channel.publish({ phase: 'running', n: 2 });
    const late = collect(channel.subscribe());
    channel.publish({ phase: 'running', n: 3 });
    channel.publish({ phase: 'completed', n: 4 }, true);
    expect(await late).toEqual([2, 3, 4]);
    expect(await collect(channel.subscribe())).toEqual([4]);
  });

  it('drops intermediate running events for a subscriber that falls behind, never the final one', async () => {
    const channel = new ProgressChannel<Event>(3);
    const iterator = channel.subscribe()[Symbol.asyncIterator]();
    const first = iterator.next(); // subscribes, then waits
    channel.publish({ phase: 'running', n: 1 });
    expect((await first).value).toEqual({ phase: 'running', n: 1 });
    for (let n = 2; n <= 10; n++) channel.publish({ phase: 'running', n });
    channel.publish({ phase: 'completed', n: 11 }, true);
    const rest: number[] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value.n);
    expect(rest.length).toBeLessThanOrEqual(4);
    expect(rest.at(-1)).toBe(11);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it('stops a subscriber when its signal aborts', async () => {
    const channel = new ProgressChannel<Event>();
    const controller = new AbortController();
    const seen = collect(channel.subscribe(controller.signal));
    channel.publish({ phase: 'running', n: 1 });
    await new Promise((r) => setImmediate(r));
    controller.abort();
    expect(await seen).toEqual([1]);
  });
});
