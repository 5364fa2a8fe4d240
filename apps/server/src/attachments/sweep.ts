import type { AttachmentRepository } from '@cadastro/db';
import type { Bucket } from '@cadastro/storage';
import type { FastifyBaseLogger } from 'fastify';

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

/** Runs the sweep every `intervalSeconds` (not overlapping itself); the returned function stops it. */
export function scheduleUploadSweep(
  deps: SweepDeps,
  options: { intervalSeconds: number; olderThanSeconds: number; log: FastifyBaseLogger },
): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { removed } = await sweepAbandonedUploads(deps, { olderThanSeconds: options.olderThanSeconds });
      if (removed > 0) options.log.info({ removed }, 'abandoned uploads removed');
    } catch (error) {
      options.log.error({ err: error }, 'upload sweep failed');
    } finally {
      running = false;
    }
  }, options.intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
