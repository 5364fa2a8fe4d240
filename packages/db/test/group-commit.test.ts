import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/group-commit.ts';

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
});
