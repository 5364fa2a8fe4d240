import type { BackupItem, DbService } from '@cadastro/db';

export type BackupRecord = BackupItem;
export type BackupTrigger = BackupItem['trigger'];

/** The `backup` items: one per run, listed newest first with a Query on `gsi1`. */
export function createBackupRecords(db: DbService) {
  const { backup } = db.entities;
  return {
    async start(record: {
      backupId: string;
      trigger: BackupTrigger;
      requestedBy?: string;
      startedAt: string;
      prefix: string;
    }): Promise<void> {
      await backup.create({ ...record, state: 'running', items: 0, bytes: 0 }).go();
    },

    async progress(backupId: string, items: number, bytes: number): Promise<void> {
      await backup.patch({ backupId }).set({ items, bytes }).go();
    },

    /** Called only after the manifest is stored: a record never says `completed` without one. */
    async complete(
      backupId: string,
      fields: {
        finishedAt: string;
        manifestKey: string;
        largestPartKey?: string;
        items: number;
        bytes: number;
        counts: Record<string, number>;
      },
    ): Promise<void> {
      await backup
        .patch({ backupId })
        .set({ ...fields, state: 'completed' })
        .go();
    },

    /** Marks a run failed unless it already completed (a late failure report cannot undo a finished backup). */
    async fail(backupId: string, error: string, finishedAt: string): Promise<void> {
      await backup
        .patch({ backupId })
        .set({ state: 'failed', error: error.slice(0, 1000), finishedAt })
        .where((attr, op) => op.ne(attr.state, 'completed'))
        .go()
        .catch(() => {});
    },

    async get(backupId: string): Promise<BackupRecord | null> {
      const { data } = await backup.get({ backupId }).go({ consistent: true });
      return data;
    },

    async list(limit: number, cursor?: string | null) {
      const { data, cursor: next } = await backup.query
        .newest({})
        .go({ order: 'desc', limit, cursor: cursor ?? null });
      return { items: data, nextCursor: next };
    },
  };
}
export type BackupRecords = ReturnType<typeof createBackupRecords>;
