import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DbService } from '@cadastro/db';
import { BACKUP_PARTS_FOLDER, backupManifestKey, backupPartsPrefix, backupPrefix } from '@cadastro/storage';
import { v7 as uuidv7 } from 'uuid';
import { type Clock, systemClock } from './clock.ts';
import { EntityParts } from './entity-parts.ts';
import { BackupError } from './errors.ts';
import { EXCLUDED_ENTITIES, entityOf, FORMAT_VERSION, type Manifest, partKeyOf } from './layout.ts';
import { createLease } from './lock.ts';
import { type BackupProgress, ProgressChannel, ProgressTracker } from './progress.ts';
import { type BackupTrigger, createBackupRecords } from './records.ts';
import { parallelScan } from './scan.ts';

export const BACKUP_LOCK = 'backup';

export interface BackupDeps {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  db: DbService;
  table: string;
  bucket: string;
  clock?: Clock;
}

export interface BackupOptions {
  trigger: BackupTrigger;
  requestedBy?: string;
  /** Aborting stops the run: uploads are aborted, no manifest is written, the run is marked failed. */
  signal?: AbortSignal;
  segments?: number;
  pageSize?: number;
  /** Multipart part size (S3 minimum 5 MiB) and parts in flight per object. */
  partSize?: number;
  queueSize?: number;
  compressionLevel?: number;
  maxPartSourceBytes?: number;
  progressIntervalMs?: number;
  leaseMs?: number;
  /** How often the lease is renewed and the record's counters updated while the run lasts. */
  heartbeatMs?: number;
}

export interface BackupResult {
  backupId: string;
  manifestKey: string;
  manifest: Manifest;
}

export interface BackupRun {
  backupId: string;
  prefix: string;
  progress: ProgressChannel<BackupProgress>;
  /** Resolves with the manifest once it is stored; rejects when the run fails or is aborted. */
  done: Promise<BackupResult>;
  abort(reason?: string): void;
}

export const BACKUP_DEFAULTS = {
  segments: 4,
  partSize: 5 * 1024 * 1024,
  queueSize: 2,
  compressionLevel: 6,
  maxPartSourceBytes: 1024 * 1024 * 1024,
  progressIntervalMs: 500,
  // A crashed run blocks the next for at most a minute; the heartbeat renews the lease twelve times within it.
  leaseMs: 60 * 1000,
  heartbeatMs: 5000,
} as const;

/**
 * Takes the backup lease, records the run and starts exporting in the background. Throws `BACKUP_RUNNING` when
 * another run holds the lease; otherwise returns at once with the run's progress channel.
 */
export async function startBackup(deps: BackupDeps, options: BackupOptions): Promise<BackupRun> {
  const settings = { ...BACKUP_DEFAULTS, ...definedOnly(options) };
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  const backupId = uuidv7({ msecs: startedAt.getTime() });
  const prefix = backupPrefix(backupId);
  const records = createBackupRecords(deps.db);
  const lease = createLease({ db: deps.db, name: BACKUP_LOCK, leaseMs: settings.leaseMs, clock });

  const taken = await lease.acquire(backupId);
  if (!taken.acquired) {
    throw new BackupError('BACKUP_RUNNING', 'Another backup is running', {
      runningBackupId: taken.holder,
      lockExpiresAt: taken.expiresAt.toISOString(),
    });
  }
  try {
    if (taken.expiredHolder) {
      await records.fail(taken.expiredHolder, 'Interrupted: its lease expired', startedAt.toISOString());
    }
    await records.start({
      backupId,
      trigger: options.trigger,
      requestedBy: options.requestedBy,
      startedAt: startedAt.toISOString(),
      prefix,
    });
  } catch (error) {
    await lease.release(backupId);
    throw error;
  }

  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) onOuterAbort();
  const channel = new ProgressChannel<BackupProgress>();
  const tracker = new ProgressTracker({
    backupId,
    clock,
    channel,
    intervalMs: settings.progressIntervalMs,
    estimatedItems: await estimateItems(deps.dynamodb, deps.table),
  });
  tracker.started();

  const heartbeat = setInterval(() => {
    void lease
      .renew(backupId)
      .then((held) => {
        if (!held) controller.abort(new Error('The backup lease was lost'));
        return records.progress(backupId, tracker.totals.items, tracker.totals.bytes);
      })
      .catch(() => {}); // a missed beat is retried on the next one; the lease outlasts many
  }, settings.heartbeatMs);
  heartbeat.unref();

  const done = (async (): Promise<BackupResult> => {
    const parts = new EntityParts({
      s3: deps.s3,
      bucket: deps.bucket,
      prefix: backupPartsPrefix(backupId),
      partSize: settings.partSize,
      queueSize: settings.queueSize,
      compressionLevel: settings.compressionLevel,
      maxPartSourceBytes: settings.maxPartSourceBytes,
      onBytes: (n) => tracker.addBytes(n),
    });
    const counts: Record<string, number> = {};
    try {
      await parallelScan({
        client: deps.dynamodb,
        table: deps.table,
        segments: settings.segments,
        pageSize: settings.pageSize,
        signal: controller.signal,
        onPage: async (items) => {
          const kept = items.filter((item) => !EXCLUDED_ENTITIES.has(entityOf(item)));
          for (const item of kept) {
            const entity = entityOf(item);
            counts[entity] = (counts[entity] ?? 0) + 1;
          }
          await parts.writePage(kept);
          tracker.addItems(kept.length);
        },
      }).catch((error: unknown) => {
        controller.abort(error); // stop the other segments too
        throw error;
      });
      controller.signal.throwIfAborted();
      const manifestParts = await parts.finish();
      controller.signal.throwIfAborted();

      const manifest: Manifest = {
        format: 'cadastro-backup',
        formatVersion: FORMAT_VERSION,
        backupId,
        table: deps.table,
        startedAt: startedAt.toISOString(),
        finishedAt: clock.now().toISOString(),
        itemFormat: 'DYNAMODB_JSON',
        compression: 'GZIP',
        partsFolder: BACKUP_PARTS_FOLDER,
        excludedEntities: [...EXCLUDED_ENTITIES],
        counts: sortedKeys(counts),
        totalItems: manifestParts.reduce((sum, p) => sum + p.items, 0),
        totalBytes: manifestParts.reduce((sum, p) => sum + p.bytes, 0),
        parts: manifestParts,
      };
      const manifestKey = backupManifestKey(backupId);
      // Written last: its presence is what makes the backup complete.
      await deps.s3.send(
        new PutObjectCommand({
          Bucket: deps.bucket,
          Key: manifestKey,
          Body: JSON.stringify(manifest, null, 2),
          ContentType: 'application/json',
        }),
      );
      const largest = [...manifestParts].sort((a, b) => b.bytes - a.bytes)[0];
      await records.complete(backupId, {
        finishedAt: manifest.finishedAt,
        manifestKey,
        largestPartKey: largest ? partKeyOf(backupId, manifest, largest.name) : undefined,
        items: manifest.totalItems,
        bytes: manifest.totalBytes,
        counts: manifest.counts,
      });
      await finishRun();
      tracker.completed(manifest.counts, manifestKey, manifest.totalBytes);
      return { backupId, manifestKey, manifest };
    } catch (error) {
      const message = describe(controller.signal.aborted ? (controller.signal.reason ?? error) : error);
      await parts.abort();
      await records.fail(backupId, message, clock.now().toISOString());
      await finishRun();
      tracker.failed(message);
      throw error instanceof Error ? error : new Error(message);
    }
  })();
  /** Before the final event: whoever sees `completed` or `failed` can start the next backup at once. */
  async function finishRun() {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', onOuterAbort);
    await lease.release(backupId).catch(() => {}); // if this fails too, the lease expires on its own
  }
  done.catch(() => {}); // callers that only follow progress still see the failure there

  return {
    backupId,
    prefix,
    progress: channel,
    done,
    abort: (reason = 'Aborted') => controller.abort(new Error(reason)),
  };
}

/** Starts a backup and waits for it: the CLI and the scheduler. */
export async function runBackup(deps: BackupDeps, options: BackupOptions): Promise<BackupResult> {
  return (await startBackup(deps, options)).done;
}

async function estimateItems(client: DynamoDBClient, table: string): Promise<number | null> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    return Table?.ItemCount ?? null;
  } catch {
    return null;
  }
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
