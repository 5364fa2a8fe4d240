import {
  CUSTOMER_RESTORE_DAYS_MAX,
  type DownloadUrl,
  ErrorReason,
  type PresignedUpload,
  RESTORE_DAYS_MAX,
  type RestoreTier,
} from '@cadastro/contracts';
import {
  type AttachmentItem,
  type AttachmentRepository,
  AttachmentStateChangedError,
  type CustomerRepository,
  type EventLog,
  type NewAttachment,
} from '@cadastro/db';
import {
  type Bucket,
  objectStateOf,
  RestoreUnsupportedError,
  restoreReadyBy,
  UPLOAD_TAG,
} from '@cadastro/storage';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../errors.ts';
import { restoreTiersFor } from './archive.ts';
import { attachmentDisposition } from './content-disposition.ts';
import { inspectUpload } from './inspect.ts';
import { actorOf, type SignedInCaller } from './owner.ts';
import type { AttachmentSettings } from './settings.ts';

export interface AttachmentServiceDeps {
  attachments: AttachmentRepository;
  customers: Pick<CustomerRepository, 'getById'>;
  events: EventLog;
  storage: Bucket;
  settings: AttachmentSettings;
}

type Upload = Pick<NewAttachment, 'kind' | 'fileName' | 'contentType' | 'size'>;

/**
 * The attachments' workflows over the repository (DynamoDB) and the bucket: upload, confirm, storage state,
 * download, restore and removal. Every method acts on one customer's documents, named by the router after its
 * owner check; another customer's id simply is not found.
 */
export function createAttachmentService(deps: AttachmentServiceDeps) {
  const { attachments, storage, settings } = deps;
  const expiresAt = (seconds: number, now = new Date()) =>
    new Date(now.getTime() + seconds * 1000).toISOString();

  async function find(customerId: string, attachmentId: string): Promise<AttachmentItem> {
    const item = await attachments.get(customerId, attachmentId);
    if (!item) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Attachment not found');
    return item;
  }

  /** Reads the object's storage class and restore status and records any change (archived, restoring, restored). */
  async function refresh(item: AttachmentItem): Promise<AttachmentItem> {
    if (item.state === 'pending') return item;
    const head = await storage.head(item.s3Key, item.versionId);
    if (!head) return item;
    return attachments.recordStorageState(item, objectStateOf(head));
  }

  /**
   * A confirmed attachment with what HeadObject says about its object now (recorded). Refuses an unconfirmed
   * upload, a missing object, and an object that is not the one verified at confirm (a still-valid presigned
   * POST used again): that one is never served or restored.
   */
  async function observeConfirmed(customerId: string, attachmentId: string) {
    const item = await find(customerId, attachmentId);
    if (item.state === 'pending') {
      throw new AppError('PRECONDITION_FAILED', ErrorReason.NOT_CONFIRMED, 'The upload was not confirmed');
    }
    const head = await storage.head(item.s3Key, item.versionId);
    if (!head) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'The file is gone');
    if (item.etag && head.ETag !== item.etag) {
      throw new AppError('CONFLICT', ErrorReason.FILE_CHANGED, 'The file changed after it was verified');
    }
    const seen = objectStateOf(head);
    return { current: await attachments.recordStorageState(item, seen), archiveClass: seen.archiveClass };
  }

  return {
    find,
    refresh,

    /**
     * A `pending` attachment (expiring) and a presigned POST for its key, bound to the declared type and size.
     * The browser posts the file straight to the bucket, then calls `confirm`.
     */
    async createUpload(customerId: string, upload: Upload): Promise<PresignedUpload> {
      if (upload.size > settings.maxBytes) {
        throw new AppError('BAD_REQUEST', ErrorReason.FILE_TOO_LARGE, `At most ${settings.maxBytes} bytes`, {
          fieldErrors: { size: ['file_too_large'] },
          maxBytes: settings.maxBytes,
        });
      }
      if (!(await deps.customers.getById(customerId))) {
        throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Customer not found');
      }
      const item = await attachments.createPending({
        customerId,
        ...upload,
        pendingLifetimeSeconds: settings.pendingLifetimeSeconds,
      });
      const { url, fields } = await storage.presignUpload({
        key: item.s3Key,
        contentType: item.contentType,
        size: item.size,
        expiresInSeconds: settings.uploadUrlSeconds,
      });
      return {
        attachmentId: item.attachmentId,
        url,
        fields,
        expiresAt: expiresAt(settings.uploadUrlSeconds),
      };
    },

    /**
     * Accepts an upload after checking what arrived (size, type, first bytes) and recording its SHA-256.
     * A refused file is deleted with its attachment; the error's reason says why. Confirming twice is harmless.
     */
    async confirm(
      customerId: string,
      attachmentId: string,
      caller: SignedInCaller,
      log?: Pick<FastifyBaseLogger, 'info'>,
    ): Promise<AttachmentItem> {
      const item = await find(customerId, attachmentId);
      if (item.state !== 'pending') return item;
      if (item.expiresAt !== undefined && item.expiresAt * 1000 <= Date.now()) {
        // DynamoDB Local never deletes expired items, and AWS takes its time: expiry is checked here.
        if (await attachments.deletePending(item)) await storage.deleteAllVersionsOf(item.s3Key);
        throw new AppError(
          'PRECONDITION_FAILED',
          ErrorReason.UPLOAD_EXPIRED,
          'The upload expired; start again',
        );
      }
      const inspection = await inspectUpload(storage, item, settings.maxBytes);
      if (!inspection.accepted) {
        if (inspection.reason === ErrorReason.UPLOAD_MISSING) {
          // Nothing arrived (yet): the attachment stays pending until it expires, so the upload may be retried.
          throw new AppError('PRECONDITION_FAILED', inspection.reason, inspection.message);
        }
        await storage.deleteAllVersionsOf(item.s3Key);
        await attachments.deletePending(item);
        await deps.events.append(customerId, {
          type: 'attachment_refused',
          actor: actorOf(caller),
          details: { attachmentId: item.attachmentId, reason: inspection.reason },
        });
        log?.info({ attachmentId: item.attachmentId, reason: inspection.reason }, 'upload refused');
        throw new AppError('BAD_REQUEST', inspection.reason, inspection.message);
      }
      // No longer an abandoned upload: the lifecycle rule on the pending tag must leave it alone.
      await storage.tagUpload(item.s3Key, UPLOAD_TAG.stored, inspection.verified.versionId);
      try {
        return await attachments.markStored(item, inspection.verified, actorOf(caller));
      } catch (error) {
        if (!(error instanceof AttachmentStateChangedError)) throw error;
        return find(customerId, attachmentId); // confirmed concurrently
      }
    },

    /**
     * A short-lived presigned GET that saves the file under its original name. An archived object without a
     * readable copy answers `ARCHIVED` (with the tiers this caller may restore with) instead of a URL that fails.
     */
    async downloadUrl(
      customerId: string,
      attachmentId: string,
      caller: SignedInCaller,
    ): Promise<DownloadUrl> {
      const { current } = await observeConfirmed(customerId, attachmentId);
      if (current.state === 'archived' || current.state === 'restoring') {
        throw new AppError(
          'PRECONDITION_FAILED',
          ErrorReason.ARCHIVED,
          'The file is archived; request a restore',
          {
            state: current.state,
            restoreReadyBy: current.state === 'restoring' ? (current.restoreReadyBy ?? null) : null,
            restoreTiers: restoreTiersFor(current.storageClass, caller),
          },
        );
      }
      const url = await storage.presignDownload({
        key: current.s3Key,
        versionId: current.versionId,
        contentType: current.contentType,
        contentDisposition: attachmentDisposition(current.fileName),
        expiresInSeconds: settings.downloadUrlSeconds,
      });
      return { url, expiresAt: expiresAt(settings.downloadUrlSeconds) };
    },

    /**
     * Asks for a temporary readable copy of an archived file. The attachment is `restoring` until HeadObject
     * reports the copy ready, then `restored` until the copy expires. Asking again while restoring changes nothing.
     */
    async requestRestore(
      customerId: string,
      attachmentId: string,
      request: { tier: RestoreTier; days: number },
      caller: SignedInCaller,
    ): Promise<AttachmentItem> {
      const { current, archiveClass } = await observeConfirmed(customerId, attachmentId);
      if (current.state === 'restoring' || current.state === 'restored') return current;
      if (current.state !== 'archived' || !archiveClass) {
        throw new AppError('BAD_REQUEST', ErrorReason.NOT_ARCHIVED, 'The file is not archived; download it');
      }
      const allowedTiers = restoreTiersFor(archiveClass, caller);
      if (!allowedTiers.includes(request.tier)) {
        throw new AppError(
          'BAD_REQUEST',
          ErrorReason.RESTORE_TIER_UNAVAILABLE,
          `Tier ${request.tier} is not available`,
          { restoreTiers: allowedTiers },
        );
      }
      const maxDays = caller.role === 'customer' ? CUSTOMER_RESTORE_DAYS_MAX : RESTORE_DAYS_MAX;
      if (request.days > maxDays) {
        throw new AppError('BAD_REQUEST', ErrorReason.VALIDATION, `At most ${maxDays} days`, {
          fieldErrors: { days: ['too_long'] },
        });
      }
      try {
        await storage.requestRestore(current.s3Key, archiveClass, {
          ...request,
          versionId: current.versionId,
        });
      } catch (error) {
        if (!(error instanceof RestoreUnsupportedError)) throw error;
        throw new AppError(
          'BAD_REQUEST',
          ErrorReason.NOT_ARCHIVED,
          'This storage cannot restore; download it',
        );
      }
      return attachments.markRestoreRequested(
        current,
        { ...request, readyBy: restoreReadyBy(archiveClass, request.tier) },
        actorOf(caller),
      );
    },

    /**
     * Deletes the file and its attachment (also a pending upload), recorded in the customer's history. Object
     * first, every version of the key: if the item's deletion then fails, removing again finishes the job.
     */
    async remove(customerId: string, attachmentId: string, caller: SignedInCaller): Promise<void> {
      const item = await find(customerId, attachmentId);
      await storage.deleteAllVersionsOf(item.s3Key);
      try {
        await attachments.remove(item, actorOf(caller));
      } catch (error) {
        if (!(error instanceof AttachmentStateChangedError)) throw error;
      }
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
