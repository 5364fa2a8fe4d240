import type { AttachmentRepository } from '@cadastro/db';
import type { Bucket } from '@cadastro/storage';
import { type JobLog, type SlotRunner, sleep } from '../jobs/once-per-slot.ts';

export interface SweepDeps {
  attachments: AttachmentRepository;
  storage: Bucket;
}

/**
 * Removes abandoned uploads: attachments still `pending` although they became pending more than
 * `olderThanSeconds` before `now`. Found with a Query on the state index (no Scan). The item goes first, on the
 * condition that it is still pending, so an upload confirmed meanwhile is never touched; then its object.
 * Several server instances may sweep at once: each item is removed by exactly one of them.
 */
export async function sweepAbandonedUploads(
  { attachments, storage }: SweepDeps,
  { now = new Date(), olderThanSeconds }: { now?: Date; olderThanSeconds: number },
): Promise<{ removed: number }> {
  const cutoff = new Date(now.getTime() - olderThanSeconds * 1000);
  let removed = 0;
  let cursor: string | null = null;
  do {
    const page = await attachments.pendingSince(cutoff, { limit: 100, cursor });
    for (const item of page.items) {
      if (!(await attachments.deletePending(item))) continue;
      await storage.deleteAllVersionsOf(item.s3Key);
      removed += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { removed };
}

/**
 * Runs the sweep every `intervalSeconds`, once per deployment: the slots are multiples of the interval since the
 * epoch, the same on every instance, and each is run by one of them (see `createSlotRunner`). Returns a stop.
 */
export function scheduleUploadSweep(
  deps: SweepDeps,
  options: { intervalSeconds: number; olderThanSeconds: number; log: JobLog; runOnce: SlotRunner },
): () => void {
  const stopped = new AbortController();
  const intervalMs = options.intervalSeconds * 1000;
  void (async () => {
    while (!stopped.signal.aborted) {
      const slot = new Date(Math.ceil((Date.now() + 1) / intervalMs) * intervalMs);
      await sleep(slot.getTime() - Date.now(), stopped.signal);
      if (stopped.signal.aborted) return;
      await options
        .runOnce(
          'upload-sweep',
          slot,
          async () => sweepAbandonedUploads(deps, { olderThanSeconds: options.olderThanSeconds }),
          stopped.signal,
        )
        .catch((error: Error) => options.log.error({ err: error }, 'upload sweep failed'));
    }
  })();
  return () => stopped.abort();
}
