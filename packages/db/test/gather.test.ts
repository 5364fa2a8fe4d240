import { describe, expect, it } from 'vitest';
import { gather, groupCommit } from '../src/gather.ts';

/** A write that stays in flight until the test lets it finish, so the grouping does not depend on timing. */
function heldWrites() {
  const calls: Array<{ items: number[]; finish: (error?: Error) => void }> = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ items, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { calls, write };
}

describe('group commit', () => {
  it('writes a lone caller at once and gathers the callers that arrive during a write', async () => {
    const { calls, write } = heldWrites();
    const store = groupCommit(write, 100);
    const first = store([1]);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    const later = [store([2]), store([3, 4]), store([5])];
    expect(calls).toHaveLength(1); // they wait for the write in flight
    calls[0]!.finish();
    await first;
    await Promise.resolve();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4, 5]]);
    calls[1]!.finish();
    await Promise.all(later);
  });

  it('caps a write at maxItems, but always takes one caller', async () => {
    const { calls, write } = heldWrites();
    const store = groupCommit(write, 3);
    const all = [store([1]), store([2, 3]), store([4, 5]), store([6, 7, 8, 9])];
    for (let i = 0; i < 4; i++) {
      while (calls.length <= i) await Promise.resolve();
      calls[i]!.finish();
    }
    await Promise.all(all);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4, 5], [6, 7, 8, 9]]);
  });

  it('fails every caller of a failed write, and only those', async () => {
    const { calls, write } = heldWrites();
    const store = groupCommit(write, 100);
    const first = store([1]);
    const second = store([2]);
    const third = store([3]);
    calls[0]!.finish();
    await first;
    while (calls.length < 2) await Promise.resolve();
    calls[1]!.finish(new Error('throttled'));
    await expect(second).rejects.toThrow('throttled');
    await expect(third).rejects.toThrow('throttled');
    const fourth = store([4]);
    while (calls.length < 3) await Promise.resolve();
    calls[2]!.finish();
    await fourth;
  });

  it('answers each caller the outputs of its own inputs, in order', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const square = gather(
      async (inputs: number[]) => {
        runs.push(inputs);
        await held;
        return inputs.map((n) => n * n);
      },
      { maxItems: 100 },
    );
    const answers = Promise.all([square([1]), square([2, 3]), square([4]), square([5, 6])]);
    release();
    expect(await answers).toEqual([[1], [4, 9], [16], [25, 36]]);
    expect(runs).toEqual([[1], [2, 3, 4, 5, 6]]);
  });

  it('sends up to inFlight calls before callers gather', async () => {
    const runs: number[][] = [];
    const finish: Array<() => void> = [];
    const echo = gather(
      (inputs: number[]) =>
        new Promise<number[]>((resolve) => {
          runs.push(inputs);
          finish.push(() => resolve(inputs));
        }),
      { maxItems: 100, inFlight: 2 },
    );
    const all = [1, 2, 3, 4, 5].map((n) => echo([n]));
    expect(runs).toEqual([[1], [2]]);
    finish[0]!();
    while (runs.length < 3) await Promise.resolve();
    expect(runs).toEqual([[1], [2], [3, 4, 5]]);
    for (const done of finish.slice(1)) done();
    expect(await Promise.all(all)).toEqual([[1], [2], [3], [4], [5]]);
  });
});
