import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
// The lease module alone: the package's index would bring the backup engine into the server's start-up.
import { COMPLETED_HOLDER_PREFIX, createLease } from '@cadastro/backup/lock';
import type { DbService } from '@cadastro/db';

export interface JobLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobLeaseSettings {
  /** A holder that stops renewing (a crashed instance) blocks the slot this long; then another takes over. */
  leaseMs: number;
  /** How often a running job renews its lease: several times within `leaseMs`. */
  heartbeatMs: number;
  /** How long a finished slot is remembered (it must outlive any instance's late tick for the same slot). */
  keepCompletedMs: number;
}

export const DEFAULT_JOB_LEASE: JobLeaseSettings = {
  leaseMs: 60_000,
  heartbeatMs: 15_000,
  keepCompletedMs: 7 * 24 * 3_600_000,
};

export type SlotOutcome = 'ran' | 'failed' | 'done-elsewhere' | 'stopped' | 'lease-lost';

/** This process among the deployment's instances; also what the lease item shows as its holder. */
export const instanceId = () => `${hostname()}:${process.pid}`;

/**
 * Runs a scheduled job once per deployment: every instance calls `run` for the same slot (the time the schedule
 * named, e.g. the minute of a backup), and a lease item keyed by job and slot lets exactly one of them do the
 * work. The holder renews the lease while it works and, when done, turns it into a completion record, so an
 * instance whose tick comes late skips the slot. The others wait; when the holder stops renewing (it crashed) its
 * lease runs out and one of them takes the slot over.
 */
export function createSlotRunner(options: {
  db: DbService;
  log: JobLog;
  settings?: Partial<JobLeaseSettings>;
  holder?: string;
}) {
  const settings = { ...DEFAULT_JOB_LEASE, ...options.settings };
  const holder = options.holder ?? instanceId();
  const clock = { now: () => new Date() };

  return async function run(
    job: string,
    slot: Date,
    work: (signal: AbortSignal) => Promise<object | undefined>,
    stop?: AbortSignal,
  ): Promise<SlotOutcome> {
    const lease = createLease({
      db: options.db,
      name: `job:${job}:${slot.toISOString()}`,
      leaseMs: settings.leaseMs,
      clock,
    });
    const context = { job, slot: slot.toISOString(), holder };
    let takenOver: string | undefined;
    for (;;) {
      if (stop?.aborted) return 'stopped';
      const taken = await lease.acquire(holder);
      if (taken.acquired) {
        takenOver = taken.expiredHolder;
        break;
      }
      if (taken.holder.startsWith(COMPLETED_HOLDER_PREFIX)) {
        options.log.info({ ...context, by: taken.holder }, 'job slot already done');
        return 'done-elsewhere';
      }
      // Someone holds it: wait until its lease would run out, then look again (it renews while alive).
      const wait = taken.expiresAt.getTime() - Date.now() + 250;
      await sleep(Math.min(Math.max(wait, 250), settings.leaseMs), stop);
    }
    if (takenOver) options.log.warn({ ...context, from: takenOver }, 'job slot taken over');
    else options.log.info(context, 'job slot taken');

    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      lease.renew(holder).then(
        (held) => held || lost.abort(new Error('The job lease was lost')),
        () => {}, // a missed beat is retried on the next one; the lease outlasts several
      );
    }, settings.heartbeatMs);
    heartbeat.unref();
    let outcome: SlotOutcome;
    try {
      const result = await work(lost.signal);
      outcome = 'ran';
      options.log.info({ ...context, ...result }, 'job done');
    } catch (error) {
      outcome = lost.signal.aborted ? 'lease-lost' : 'failed';
      options.log.error({ ...context, err: error }, 'job failed');
    } finally {
      clearInterval(heartbeat);
    }
    // A failed run is not retried within its slot either: the failure is logged, and the next slot runs again.
    if (outcome !== 'lease-lost') await lease.complete(holder, settings.keepCompletedMs);
    return outcome;
  };
}
export type SlotRunner = ReturnType<typeof createSlotRunner>;

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  delay(ms, undefined, { signal, ref: false }).catch(() => {});
