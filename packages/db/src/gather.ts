export interface GatherOptions {
  /** Inputs one call carries at most (a caller's inputs are never split; a call takes at least one caller). */
  maxItems: number;
  /** Calls out at once before callers start to gather. */
  inFlight?: number;
}

/**
 * Calls that callers wait for, gathered while earlier ones are in flight: at low load each caller's inputs go at
 * once, alone; under load, once `inFlight` calls are out, the next call carries the inputs of every caller that
 * arrived meanwhile, up to `maxItems`. Each caller gets the outputs of its own inputs, in order (`run` answers one
 * output per input, or none for writes), when the call holding them settles; a failed call fails every caller in
 * it. The group commit of the journal's appends, and the batched gets of customers.
 */
export function gather<I, O>(run: (inputs: I[]) => Promise<O[]>, { maxItems, inFlight = 1 }: GatherOptions) {
  let waiting: Array<{ inputs: I[]; resolve: (outputs: O[]) => void; reject: (error: unknown) => void }> = [];
  let out = 0;

  function next() {
    if (out >= inFlight || waiting.length === 0) return;
    let count = 0;
    let taken = 0;
    while (taken < waiting.length && (taken === 0 || count + waiting[taken]!.inputs.length <= maxItems)) {
      count += waiting[taken]!.inputs.length;
      taken += 1;
    }
    const group = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    out += 1;
    run(group.flatMap((g) => g.inputs))
      .then(
        (outputs) => {
          let at = 0;
          for (const g of group) {
            g.resolve(outputs.slice(at, at + g.inputs.length));
            at += g.inputs.length;
          }
        },
        (error: unknown) => {
          for (const g of group) g.reject(error);
        },
      )
      .finally(() => {
        out -= 1;
        next();
      });
  }

  return (inputs: I[]): Promise<O[]> =>
    new Promise<O[]>((resolve, reject) => {
      waiting.push({ inputs, resolve, reject });
      next();
    });
}

/** Writes gathered while the previous one is in flight (group commit): each caller's promise settles when its write does. */
export function groupCommit<T>(write: (items: T[]) => Promise<void>, maxItems: number) {
  const gathered = gather<T, never>(
    async (items) => {
      await write(items);
      return [];
    },
    { maxItems },
  );
  return async (items: T[]): Promise<void> => {
    await gathered(items);
  };
}
