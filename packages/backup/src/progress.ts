import type { Clock } from './clock.ts';

export type BackupPhase = 'started' | 'running' | 'completed' | 'failed';

/** One snapshot of a run. Events of a run carry increasing `seq`; the last one is `completed` or `failed`. */
export interface BackupProgress {
  backupId: string;
  seq: number;
  phase: BackupPhase;
  at: string;
  items: number;
  /** Compressed bytes produced so far (what is stored in S3). */
  bytes: number;
  itemsPerSecond: number;
  /** The table's approximate item count (DynamoDB refreshes it every few hours); null when unknown. */
  estimatedItems: number | null;
  etaSeconds: number | null;
  /** Items per entity: set on `completed`. */
  counts?: Record<string, number>;
  manifestKey?: string;
  error?: string;
}

/**
 * Fan-out of a run's events to any number of async-iterating subscribers. A late subscriber first receives the
 * latest event, then the following ones. A subscriber that falls behind loses intermediate `running` snapshots,
 * never the final event, so a stalled SSE client cannot make the server buffer without bound.
 */
export class ProgressChannel<T extends { phase: string }> {
  private latest: T | undefined;
  private closed = false;
  private readonly subscribers = new Set<{ queue: T[]; wake: () => void }>();

  constructor(private readonly maxQueued = 64) {}

  publish(event: T, final = false): void {
    if (this.closed) return;
    this.latest = event;
    for (const sub of this.subscribers) {
      if (sub.queue.length >= this.maxQueued) {
        const dropAt = sub.queue.findIndex((e) => e.phase === 'running');
        if (dropAt >= 0) sub.queue.splice(dropAt, 1);
      }
      sub.queue.push(event);
      sub.wake();
    }
    if (final) {
      this.closed = true;
      for (const sub of this.subscribers) sub.wake();
    }
  }

  get last(): T | undefined {
    return this.latest;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async *subscribe(signal?: AbortSignal): AsyncGenerator<T> {
    const sub = { queue: this.latest ? [this.latest] : ([] as T[]), wake: () => {} };
    this.subscribers.add(sub);
    const onAbort = () => sub.wake();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted) {
        const next = sub.queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.closed) return;
        await new Promise<void>((resolve) => {
          sub.wake = resolve;
        });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.subscribers.delete(sub);
    }
  }
}

export interface ProgressTrackerOptions {
  backupId: string;
  clock: Clock;
  channel: ProgressChannel<BackupProgress>;
  /** At most one `running` event per interval; 0 publishes every change (tests). */
  intervalMs: number;
  estimatedItems: number | null;
}

/** Counts items and bytes as the export advances and publishes rate and ETA, throttled. */
export class ProgressTracker {
  private seq = 0;
  private items = 0;
  private bytes = 0;
  private readonly startedMs: number;
  private lastPublishedMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ProgressTrackerOptions) {
    this.startedMs = options.clock.now().getTime();
  }

  get totals() {
    return { items: this.items, bytes: this.bytes };
  }

  started(): void {
    this.publish('started');
  }

  addItems(count: number): void {
    this.items += count;
    this.maybePublish();
  }

  addBytes(count: number): void {
    this.bytes += count;
  }

  completed(counts: Record<string, number>, manifestKey: string, bytes: number): void {
    this.bytes = bytes;
    this.publish('completed', { counts, manifestKey, etaSeconds: 0 });
  }

  failed(error: string): void {
    this.publish('failed', { error, etaSeconds: null });
  }

  private maybePublish(): void {
    const now = this.options.clock.now().getTime();
    if (now - this.lastPublishedMs >= this.options.intervalMs) this.publish('running');
  }

  private publish(phase: BackupPhase, extra: Partial<BackupProgress> = {}): void {
    const now = this.options.clock.now();
    this.lastPublishedMs = now.getTime();
    const elapsedSeconds = Math.max((now.getTime() - this.startedMs) / 1000, 0.001);
    const itemsPerSecond = this.items / elapsedSeconds;
    const { estimatedItems } = this.options;
    const remaining = estimatedItems === null ? null : Math.max(estimatedItems - this.items, 0);
    this.seq += 1;
    this.options.channel.publish(
      {
        backupId: this.options.backupId,
        seq: this.seq,
        phase,
        at: now.toISOString(),
        items: this.items,
        bytes: this.bytes,
        itemsPerSecond: Math.round(itemsPerSecond * 10) / 10,
        estimatedItems,
        etaSeconds: remaining === null || itemsPerSecond === 0 ? null : Math.ceil(remaining / itemsPerSecond),
        ...extra,
      },
      phase === 'completed' || phase === 'failed',
    );
  }
}
