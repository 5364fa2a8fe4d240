import { z } from 'zod';

/** Backup ids are UUIDv7: their first 48 bits date the backup's folder in S3. */
export const backupIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'backup_id_invalid');

export const backupRefSchema = z.object({ backupId: backupIdSchema });

export const restoreInputSchema = z.object({
  backupId: backupIdSchema,
  /** `verify` reads and checks every part; `apply` verifies, then writes the items into `targetTable`. */
  mode: z.enum(['verify', 'apply']),
  /** Default: a new, empty table named after the backup. */
  targetTable: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'table_name_invalid')
    .optional(),
  /** Writing into a table that already holds items needs this. */
  allowNonEmpty: z.boolean().default(false),
  /**
   * Break glass: writing into the live table needs its name typed here. Even then a restore never brings back
   * a revoked key and never overwrites an item changed since the backup.
   */
  confirmLiveTable: z.string().max(255).optional(),
});
export type RestoreInput = z.input<typeof restoreInputSchema>;

export const archiveRestoreInputSchema = z.object({
  backupId: backupIdSchema,
  /** How long S3 keeps the restored copy readable. */
  days: z.number().int().min(1).max(30).default(7),
  tier: z.enum(['Standard', 'Bulk', 'Expedited']).default('Standard'),
});
export type ArchiveRestoreInput = z.input<typeof archiveRestoreInputSchema>;

/** Who started a backup: the scheduler, the CLI, or a caller of `backups.create`. */
export const BACKUP_TRIGGERS = ['schedule', 'cli', 'api'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];

/**
 * As shown to operators: `completed` only when the manifest is in S3; `interrupted` when the run died without
 * saying so (its lease ran out); `incomplete` when the manifest is gone; `damaged` when a part is missing or
 * its size differs from the manifest.
 */
export const BACKUP_STATES = [
  'running',
  'completed',
  'failed',
  'interrupted',
  'incomplete',
  'damaged',
] as const;
export type BackupStateView = (typeof BACKUP_STATES)[number];

/** Where a backup's objects are: readable now, in Glacier, being restored, or a readable restored copy. */
export const BACKUP_AVAILABILITY = ['available', 'archived', 'restoring', 'restored', 'missing'] as const;
export type BackupAvailability = (typeof BACKUP_AVAILABILITY)[number];
