import { BackupError } from '@cadastro/backup/errors';
import { Cron } from 'croner';
import { type JobLeaseSettings, type JobLog, type SlotRunner, sleep } from '../jobs/once-per-slot.ts';
import type { BackupManager } from './manager.ts';

export interface BackupScheduleOptions {
  /** Cron expression, e.g. `0 3 * * *` (daily at 03:00); a sixth leading field gives seconds. */
  expression: string;
  timezone: string;
  /** The server's logger, or anything with the same methods. */
  log: JobLog;
  /** Runs each tick once per deployment (see `createSlotRunner`). */
  runOnce: SlotRunner;
  /** The lease of the backup run itself, as short as the job's so that a takeover is not held up by it. */
  lease?: Pick<JobLeaseSettings, 'leaseMs' | 'heartbeatMs'>;
}

/**
 * Starts a backup at every tick of the schedule. Every instance runs the same schedule and ticks at the same
 * time; the tick's slot (the time the schedule named) is run once across them. A manual backup running at the
 * tick delays the scheduled one until it ends; one still running after its lease would have expired is alive, and
 * the tick is skipped.
 */
export function startBackupSchedule(backups: Pick<BackupManager, 'start'>, options: BackupScheduleOptions) {
  const stopped = new AbortController();
  const { log } = options;

  async function backUp(signal: AbortSignal) {
    let blockedBy: string | undefined;
    for (;;) {
      try {
        const run = await backups.start('schedule', undefined, { ...options.lease, signal });
        log.info({ backupId: run.backupId }, 'scheduled backup started');
        const { manifest } = await run.done;
        return { backupId: run.backupId, items: manifest.totalItems, bytes: manifest.totalBytes };
      } catch (error) {
        if (!(error instanceof BackupError && error.code === 'BACKUP_RUNNING')) throw error;
        const { runningBackupId, lockExpiresAt } = error.details as Record<string, string>;
        if (runningBackupId === blockedBy) {
          log.info(error.details ?? {}, 'scheduled backup skipped: another one is running');
          return { skipped: runningBackupId };
        }
        // Either it ends, or its lease runs out (a crashed run whose slot this instance took over).
        blockedBy = runningBackupId;
        await sleep(Date.parse(lockExpiresAt ?? '') - Date.now() + 250, signal);
        if (signal.aborted) throw signal.reason;
      }
    }
  }

  const job = new Cron(
    options.expression,
    { timezone: options.timezone, protect: true, name: 'backup' },
    async (self: Cron) => {
      const slot = self.currentRun() ?? new Date(Math.floor(Date.now() / 1000) * 1000);
      await options.runOnce('backup', slot, backUp, stopped.signal).catch((error: Error) => {
        log.error({ err: error }, 'scheduled backup failed');
      });
    },
  );
  return {
    next: () => job.nextRun(),
    stop: () => {
      job.stop();
      stopped.abort();
    },
    /** Runs the job now, as a tick would (tests). */
    trigger: () => job.trigger(),
  };
}
