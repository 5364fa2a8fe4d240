import { BackupError } from '@cadastro/backup';
import { Cron } from 'croner';
import type { BackupManager } from './manager.ts';

export interface BackupScheduleOptions {
  /** Cron expression, e.g. `0 3 * * *` (daily at 03:00). */
  expression: string;
  timezone: string;
  /** The server's logger, or anything with the same two methods. */
  log: { info(details: object, message: string): void; error(details: object, message: string): void };
}

/**
 * Starts a backup at every tick of the schedule. Every instance runs the same schedule; the engine's lease lets
 * exactly one of them take each tick, and the others log that it is already running.
 */
export function startBackupSchedule(backups: Pick<BackupManager, 'start'>, options: BackupScheduleOptions) {
  const job = new Cron(
    options.expression,
    { timezone: options.timezone, protect: true, name: 'backup' },
    async () => {
      try {
        const run = await backups.start('schedule');
        options.log.info({ backupId: run.backupId }, 'scheduled backup started');
        const { manifest } = await run.done;
        options.log.info(
          { backupId: run.backupId, items: manifest.totalItems, bytes: manifest.totalBytes },
          'scheduled backup completed',
        );
      } catch (error) {
        if (error instanceof BackupError && error.code === 'BACKUP_RUNNING') {
          options.log.info(error.details, 'scheduled backup skipped: another one is running');
          return;
        }
        options.log.error({ err: error }, 'scheduled backup failed');
      }
    },
  );
  return {
    next: () => job.nextRun(),
    stop: () => job.stop(),
    /** Runs the job now, as a tick would (tests). */
    trigger: () => job.trigger(),
  };
}
