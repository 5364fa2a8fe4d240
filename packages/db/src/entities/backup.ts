import { BACKUP_TRIGGERS } from '@cadastro/contracts';
import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * One backup run: what it wrote and how it ended. `completed` is set only after the manifest is in S3, so a run
 * that died halfway is never shown as done. Not itself part of any backup (it describes the live system).
 */
export const backupSchema = createSchema({
  model: { service: 'cadastro', entity: 'backup', version: '1' },
  attributes: {
    backupId: { type: 'string', required: true, readOnly: true },
    state: { type: ['running', 'completed', 'failed'] as const, required: true },
    /** Who asked: the scheduler, the CLI, or a caller of `backups.create` (role and id). */
    trigger: { type: BACKUP_TRIGGERS, required: true, readOnly: true },
    requestedBy: { type: 'string' },
    startedAt: { type: 'string', required: true, readOnly: true },
    finishedAt: { type: 'string' },
    /** `backups/<yyyy>/<mm>/<dd>/<backupId>/`. */
    prefix: { type: 'string', required: true, readOnly: true },
    manifestKey: { type: 'string' },
    /** The largest part: S3 does not transition small objects (the manifest) to Glacier, so it is probed too. */
    largestPartKey: { type: 'string' },
    items: { type: 'number', required: true, default: 0 },
    /** Compressed bytes stored in S3. */
    bytes: { type: 'number', required: true, default: 0 },
    counts: { type: 'any' },
    error: { type: 'string' },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['backupId'] },
      sk: { field: 'sk', composite: [] },
    },
    /** Every backup, newest first (a handful a day: one partition is plenty). */
    newest: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['startedAt', 'backupId'] },
    },
  },
});

export const backupEntity = (config: EntityConfiguration) => new Entity(backupSchema, config);
export type BackupEntity = ReturnType<typeof backupEntity>;
export type BackupItem = EntityItem<BackupEntity>;
export type BackupState = BackupItem['state'];
