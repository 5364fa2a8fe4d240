import {
  type ApplyOptions,
  applyBackup,
  BACKUP_DEFAULTS,
  BACKUP_LOCK,
  type BackupDeps,
  BackupError,
  type BackupOptions,
  type BackupProgress,
  type BackupRecord,
  type BackupRun,
  coldest,
  createBackupRecords,
  createLease,
  inspectBackupObjects,
  type ObjectStatus,
  objectStatus,
  requestArchiveRestore,
  startBackup,
  verifyBackup,
} from '@cadastro/backup';
import type { BackupAvailability, BackupStateView, BackupTrigger } from '@cadastro/contracts';

/** How long a finished run's progress stays in memory for late subscribers. */
const KEEP_FINISHED_MS = 5 * 60 * 1000;
/** Poll interval when following a run on another instance through its record. */
const POLL_MS = 2000;

export interface BackupView {
  id: string;
  state: BackupStateView;
  trigger: BackupTrigger;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  items: number;
  bytes: number;
  counts: Record<string, number>;
  error: string | null;
  /** What is wrong with a `damaged` backup's objects (a part missing or of another size); empty otherwise. */
  problems: string[];
  /** For completed backups: the storage class and whether the objects can be read now. */
  storage: { storageClass: string; availability: BackupAvailability; restoredUntil: string | null } | null;
}

/**
 * The server's side of backups: starts runs (one at a time, across instances, through the engine's lease), keeps
 * the progress of the runs this instance started for subscribers, and presents records with their S3 status.
 */
export interface BackupManagerOptions {
  /** Runs before each backup this instance starts (the server stores its access journal, so reads answered here are in it). */
  beforeStart?: () => Promise<unknown>;
}

export function createBackupManager(deps: BackupDeps, { beforeStart }: BackupManagerOptions = {}) {
  const records = createBackupRecords(deps.db);
  const lease = createLease({
    db: deps.db,
    name: BACKUP_LOCK,
    leaseMs: BACKUP_DEFAULTS.leaseMs,
    clock: deps.clock ?? { now: () => new Date() },
  });
  const runs = new Map<string, BackupRun>();

  async function start(
    trigger: BackupRecord['trigger'],
    requestedBy?: string,
    options: Pick<BackupOptions, 'leaseMs' | 'heartbeatMs' | 'signal'> = {},
  ): Promise<BackupRun> {
    await beforeStart?.();
    const run = await startBackup(deps, { ...options, trigger, requestedBy });
    runs.set(run.backupId, run);
    void run.done
      .catch(() => {})
      .finally(() => setTimeout(() => runs.delete(run.backupId), KEEP_FINISHED_MS).unref());
    return run;
  }

  /**
   * A run's progress events until it ends. Runs of this instance stream live; a run elsewhere (another instance,
   * the CLI) is followed through its record, which the run updates every few seconds.
   */
  async function* progress(backupId: string, signal?: AbortSignal): AsyncGenerator<BackupProgress> {
    const run = runs.get(backupId);
    if (run) {
      yield* run.progress.subscribe(signal);
      return;
    }
    let seq = 0;
    while (!signal?.aborted) {
      const view = await get(backupId);
      const phase =
        view.state === 'running' ? 'running' : view.state === 'completed' ? 'completed' : 'failed';
      seq += 1;
      yield {
        backupId,
        seq,
        phase,
        at: new Date().toISOString(),
        items: view.items,
        bytes: view.bytes,
        itemsPerSecond: 0,
        estimatedItems: null,
        etaSeconds: null,
        ...(phase === 'completed' && { counts: view.counts }),
        ...(phase === 'failed' && { error: view.error ?? view.state }),
      };
      if (phase !== 'running') return;
      await sleep(POLL_MS, signal);
    }
  }

  async function present(record: BackupRecord, lockHolder: string | null | undefined): Promise<BackupView> {
    let state: BackupStateView = record.state;
    let storage: BackupView['storage'] = null;
    let problems: string[] = [];
    if (record.state === 'running' && lockHolder !== undefined && lockHolder !== record.backupId) {
      state = 'interrupted'; // nobody holds its lease any more: the process died without recording it
    }
    if (record.state === 'completed' && record.manifestKey) {
      const keys = [record.manifestKey, ...(record.largestPartKey ? [record.largestPartKey] : [])];
      const [statuses, objects] = await Promise.all([
        Promise.all(keys.map((k) => objectStatus(deps.s3, deps.bucket, k))),
        inspectBackupObjects(deps.s3, deps.bucket, record.backupId),
      ]);
      const worst = coldest(statuses as ObjectStatus[])!;
      if (objects.state !== 'ok') state = objects.state;
      if (objects.state !== 'incomplete') {
        storage = {
          storageClass: worst.storageClass,
          availability: worst.availability,
          restoredUntil: worst.restoredUntil ?? null,
        };
      }
      problems = objects.problems;
    }
    return {
      id: record.backupId,
      state,
      trigger: record.trigger,
      requestedBy: record.requestedBy ?? null,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt ?? null,
      items: record.items,
      bytes: record.bytes,
      counts: (record.counts as Record<string, number> | undefined) ?? {},
      error: record.error ?? null,
      storage,
      problems,
    };
  }

  async function currentHolder(): Promise<string | null> {
    const held = await lease.current();
    const now = (deps.clock?.now() ?? new Date()).getTime() / 1000;
    return held && held.expiresAt > now ? held.holder : null;
  }

  async function get(backupId: string): Promise<BackupView> {
    const record = await records.get(backupId);
    if (!record) throw new BackupError('NOT_FOUND', 'No such backup', { backupId });
    return present(record, record.state === 'running' ? await currentHolder() : undefined);
  }

  async function list(limit: number, cursor?: string | null) {
    const page = await records.list(limit, cursor);
    const holder = page.items.some((r) => r.state === 'running') ? await currentHolder() : undefined;
    return {
      items: await Promise.all(page.items.map((r) => present(r, holder))),
      nextCursor: page.nextCursor,
    };
  }

  return {
    start,
    progress,
    get,
    list,
    verify: (backupId: string, signal?: AbortSignal) => verifyBackup(deps, backupId, signal),
    apply: (options: ApplyOptions) => applyBackup(deps, options),
    async restoreFromArchive(backupId: string, days: number, tier: 'Standard' | 'Bulk' | 'Expedited') {
      return requestArchiveRestore(deps.s3, deps.bucket, backupId, { days, tier });
    },
  };
}
export type BackupManager = ReturnType<typeof createBackupManager>;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
