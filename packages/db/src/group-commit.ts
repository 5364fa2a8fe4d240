/**
 * Writes that callers wait for, gathered while the previous write is in flight (group commit): at low load each
 * caller's items go at once, alone; under load one write carries the items of every caller that arrived meanwhile,
 * up to `maxItems`. Each caller's promise settles when the write holding its items does, so nothing is answered
 * before it is stored; a failed write fails every caller in it.
 */
export function groupCommit<T>(write: (items: T[]) => Promise<void>, maxItems: number) {
  let waiting: Array<{ items: T[]; resolve: () => void; reject: (error: unknown) => void }> = [];
  let writing = false;

  function next() {
    if (writing || waiting.length === 0) return;
    let count = 0;
    let taken = 0;
    // At least one caller per write, however many items it brings.
    while (taken < waiting.length && (taken === 0 || count + waiting[taken]!.items.length <= maxItems)) {
      count += waiting[taken]!.items.length;
      taken += 1;
    }
    const group = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    writing = true;
    write(group.flatMap((g) => g.items))
      .then(
        () => {
          for (const g of group) g.resolve();
        },
        (error: unknown) => {
          for (const g of group) g.reject(error);
        },
      )
      .finally(() => {
        writing = false;
        next();
      });
  }

  return (items: T[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ items, resolve, reject });
      next();
    });
}
