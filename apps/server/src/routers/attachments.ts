import { PutObjectTaggingCommand, RestoreObjectCommand } from '@aws-sdk/client-s3';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES_CEILING,
  attachmentRefInputSchema,
  attachmentViewSchema,
  CUSTOMER_RESTORE_DAYS_MAX,
  createUploadInputSchema,
  downloadUrlSchema,
  ErrorReason,
  listAttachmentsInputSchema,
  presignedUploadSchema,
  RESTORE_DAYS_MAX,
  requestRestoreInputSchema,
} from '@cadastro/contracts';
import { type AttachmentItem, AttachmentStateChangedError, InvalidCursorError } from '@cadastro/db';
import { z } from 'zod';
import {
  archiveClassOf,
  observeStorage,
  restoreReadyBy,
  restoreTakesDays,
  restoreTiersFor,
} from '../attachments/archive.ts';
import { inspectUpload } from '../attachments/inspect.ts';
import { actorOf, ownerOf, type SignedInCaller } from '../attachments/owner.ts';
import { toAttachmentView } from '../attachments/present.ts';
import { presignDownload, presignUpload } from '../attachments/presign.ts';
import { deleteAllVersions, headObject } from '../attachments/s3-objects.ts';
import { UPLOAD_TAG } from '../attachments/settings.ts';
import type { Context } from '../context.ts';
import { recordStaffRead } from '../customers/access-record.ts';
import { AppError } from '../errors.ts';
import { customerOrStaffProcedure, router, SUPPORT } from '../trpc.ts';

/** The attachment, scoped to its owner: another customer's id simply is not found (nothing about it leaks). */
async function findAttachment(
  ctx: Context,
  customerId: string,
  attachmentId: string,
): Promise<AttachmentItem> {
  const item = await ctx.attachments.get(customerId, attachmentId);
  if (!item) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Attachment not found');
  return item;
}

/**
 * A confirmed attachment of the caller's customer with what HeadObject says about its object now (the storage
 * state is recorded). Refuses an unconfirmed upload, a missing object, and an object that is not the one
 * verified at confirm (a still-valid presigned POST used again): that one is never served or restored.
 */
async function observeConfirmed(
  ctx: Context & { caller: SignedInCaller },
  input: { customerId?: string; attachmentId: string },
) {
  const item = await findAttachment(ctx, ownerOf(ctx.caller, input.customerId), input.attachmentId);
  if (item.state === 'pending') {
    throw new AppError('PRECONDITION_FAILED', ErrorReason.NOT_CONFIRMED, 'The upload was not confirmed');
  }
  const head = await headObject(ctx.aws.s3, ctx.bucket, item.s3Key, item.versionId);
  if (!head) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'The file is gone');
  if (item.etag && head.ETag !== item.etag) {
    throw new AppError('CONFLICT', ErrorReason.FILE_CHANGED, 'The file changed after it was verified');
  }
  const current = await ctx.attachments.recordStorageState(item, observeStorage(head));
  return { current, head };
}

/** Reads the object's storage class and restore status and records any change (archived, restoring, restored). */
async function refreshStorageState(ctx: Context, item: AttachmentItem): Promise<AttachmentItem> {
  if (item.state === 'pending') return item;
  const head = await headObject(ctx.aws.s3, ctx.bucket, item.s3Key, item.versionId);
  if (!head) return item;
  return ctx.attachments.recordStorageState(item, observeStorage(head));
}

export const attachmentsRouter = router({
  /** The rules the SPA checks files against before uploading (the same ones confirm enforces). */
  rules: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .output(
      z.object({
        maxBytes: z.number(),
        contentTypes: z.array(z.string()),
        kinds: z.array(z.string()),
      }),
    )
    .query(({ ctx }) => ({
      maxBytes: ctx.attachmentSettings.maxBytes,
      contentTypes: ATTACHMENT_CONTENT_TYPES,
      kinds: [...ATTACHMENT_KINDS],
    })),

  /**
   * Starts an upload: a `pending` attachment (expiring) and a presigned POST for its key, bound to the declared
   * type and size. The browser posts the file straight to S3, then calls `confirm`.
   */
  createUpload: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(createUploadInputSchema(ATTACHMENT_MAX_BYTES_CEILING))
    .output(presignedUploadSchema)
    .mutation(async ({ ctx, input }) => {
      const customerId = ownerOf(ctx.caller, input.customerId);
      const { maxBytes, pendingLifetimeSeconds, uploadUrlSeconds } = ctx.attachmentSettings;
      if (input.size > maxBytes) {
        throw new AppError('BAD_REQUEST', ErrorReason.FILE_TOO_LARGE, `At most ${maxBytes} bytes`, {
          fieldErrors: { size: ['file_too_large'] },
          maxBytes,
        });
      }
      if (!(await ctx.customers.getById(customerId))) {
        throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Customer not found');
      }
      const item = await ctx.attachments.createPending({
        customerId,
        kind: input.kind,
        fileName: input.fileName,
        contentType: input.contentType,
        size: input.size,
        pendingLifetimeSeconds,
      });
      return presignUpload(ctx.aws.s3, ctx.bucket, item, uploadUrlSeconds);
    }),

  /**
   * Accepts an upload after checking what arrived (size, type, first bytes) and recording its SHA-256.
   * A refused file is deleted with its attachment; the error's reason says why.
   */
  confirm: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(attachmentRefInputSchema)
    .output(attachmentViewSchema)
    .mutation(async ({ ctx, input }) => {
      const customerId = ownerOf(ctx.caller, input.customerId);
      const item = await findAttachment(ctx, customerId, input.attachmentId);
      if (item.state !== 'pending') return toAttachmentView(item, ctx.caller); // confirming twice is harmless
      const { s3 } = ctx.aws;
      if (item.expiresAt !== undefined && item.expiresAt * 1000 <= Date.now()) {
        // DynamoDB Local never deletes expired items, and AWS takes its time: expiry is checked here.
        if (await ctx.attachments.deletePending(item)) await deleteAllVersions(s3, ctx.bucket, item.s3Key);
        throw new AppError(
          'PRECONDITION_FAILED',
          ErrorReason.UPLOAD_EXPIRED,
          'The upload expired; start again',
        );
      }

      const inspection = await inspectUpload(s3, ctx.bucket, item, ctx.attachmentSettings.maxBytes);
      if (!inspection.accepted) {
        if (inspection.reason === ErrorReason.UPLOAD_MISSING) {
          // Nothing arrived (yet): the attachment stays pending until it expires, so the upload may be retried.
          throw new AppError('PRECONDITION_FAILED', inspection.reason, inspection.message);
        }
        await deleteAllVersions(s3, ctx.bucket, item.s3Key);
        await ctx.attachments.deletePending(item);
        await ctx.events.append(customerId, {
          type: 'attachment_refused',
          actor: actorOf(ctx.caller),
          details: { attachmentId: item.attachmentId, reason: inspection.reason },
        });
        ctx.log.info({ attachmentId: item.attachmentId, reason: inspection.reason }, 'upload refused');
        throw new AppError('BAD_REQUEST', inspection.reason, inspection.message);
      }

      // The object is no longer an abandoned upload: the lifecycle rule on the pending tag must leave it alone.
      await s3.send(
        new PutObjectTaggingCommand({
          Bucket: ctx.bucket,
          Key: item.s3Key,
          VersionId: inspection.verified.versionId,
          Tagging: { TagSet: [{ Key: UPLOAD_TAG.key, Value: UPLOAD_TAG.stored }] },
        }),
      );
      try {
        const stored = await ctx.attachments.markStored(item, inspection.verified, actorOf(ctx.caller));
        return toAttachmentView(stored, ctx.caller);
      } catch (error) {
        if (!(error instanceof AttachmentStateChangedError)) throw error;
        const now = await findAttachment(ctx, customerId, item.attachmentId); // confirmed concurrently
        return toAttachmentView(now, ctx.caller);
      }
    }),

  /** Confirmed attachments, newest first, each with its current storage state. */
  list: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(listAttachmentsInputSchema)
    .output(z.object({ items: z.array(attachmentViewSchema), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const customerId = ownerOf(ctx.caller, input.customerId);
      try {
        const page = await ctx.attachments.list(customerId, input);
        await recordStaffRead(ctx, [customerId], 'attachments.list');
        const items = await Promise.all(page.items.map((item) => refreshStorageState(ctx, item)));
        return { items: items.map((i) => toAttachmentView(i, ctx.caller)), nextCursor: page.nextCursor };
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw new AppError('BAD_REQUEST', ErrorReason.INVALID_CURSOR, 'Invalid cursor');
        }
        throw error;
      }
    }),

  /** One attachment with its current storage state: what to poll while a restore is under way. */
  get: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(attachmentRefInputSchema)
    .output(attachmentViewSchema)
    .query(async ({ ctx, input }) => {
      const item = await findAttachment(ctx, ownerOf(ctx.caller, input.customerId), input.attachmentId);
      return toAttachmentView(await refreshStorageState(ctx, item), ctx.caller);
    }),

  /**
   * A short-lived presigned GET that saves the file under its original name. An archived object (GLACIER,
   * DEEP_ARCHIVE) without a restored copy answers `ARCHIVED` instead of a URL that would fail.
   */
  downloadUrl: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(attachmentRefInputSchema)
    .output(downloadUrlSchema)
    .query(async ({ ctx, input }) => {
      const { current } = await observeConfirmed(ctx, input);
      if (current.state === 'archived' || current.state === 'restoring') {
        throw new AppError(
          'PRECONDITION_FAILED',
          ErrorReason.ARCHIVED,
          'The file is archived; request a restore',
          {
            state: current.state,
            restoreReadyBy: current.state === 'restoring' ? (current.restoreReadyBy ?? null) : null,
            restoreTiers: restoreTiersFor(current.storageClass, ctx.caller),
          },
        );
      }
      await recordStaffRead(ctx, [current.customerId], 'attachments.downloadUrl');
      return presignDownload(ctx.aws.s3, ctx.bucket, current, ctx.attachmentSettings.downloadUrlSeconds);
    }),

  /**
   * Asks S3 for a temporary readable copy of an archived file. The attachment is `restoring` until HeadObject
   * reports the copy ready, then `restored` until the copy expires. Asking again while restoring changes nothing.
   */
  requestRestore: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(requestRestoreInputSchema)
    .output(attachmentViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { current, head } = await observeConfirmed(ctx, input);
      if (current.state === 'restoring' || current.state === 'restored')
        return toAttachmentView(current, ctx.caller);
      const archiveClass = archiveClassOf(head);
      if (current.state !== 'archived' || !archiveClass) {
        throw new AppError('BAD_REQUEST', ErrorReason.NOT_ARCHIVED, 'The file is not archived; download it');
      }
      const allowedTiers = restoreTiersFor(archiveClass, ctx.caller);
      if (!allowedTiers.includes(input.tier)) {
        throw new AppError(
          'BAD_REQUEST',
          ErrorReason.RESTORE_TIER_UNAVAILABLE,
          `Tier ${input.tier} is not available`,
          {
            restoreTiers: allowedTiers,
          },
        );
      }
      const maxDays = ctx.caller.role === 'customer' ? CUSTOMER_RESTORE_DAYS_MAX : RESTORE_DAYS_MAX;
      if (input.days > maxDays) {
        throw new AppError('BAD_REQUEST', ErrorReason.VALIDATION, `At most ${maxDays} days`, {
          fieldErrors: { days: ['too_long'] },
        });
      }
      try {
        await ctx.aws.s3.send(
          new RestoreObjectCommand({
            Bucket: ctx.bucket,
            Key: current.s3Key,
            VersionId: current.versionId,
            RestoreRequest: {
              ...(restoreTakesDays(archiveClass) && { Days: input.days }),
              GlacierJobParameters: { Tier: input.tier },
            },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'RestoreAlreadyInProgress') throw error;
      }
      const restoring = await ctx.attachments.markRestoreRequested(
        current,
        { tier: input.tier, days: input.days, readyBy: restoreReadyBy(archiveClass, input.tier) },
        actorOf(ctx.caller),
      );
      return toAttachmentView(restoring, ctx.caller);
    }),

  /** Deletes the file and its attachment (also a pending upload); recorded in the customer's history. */
  remove: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(attachmentRefInputSchema)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const item = await findAttachment(ctx, ownerOf(ctx.caller, input.customerId), input.attachmentId);
      // Object first: if the item's deletion then fails, removing again finishes the job. Every version goes:
      // the verified one and anything a still-valid presigned POST added to the key afterwards.
      await deleteAllVersions(ctx.aws.s3, ctx.bucket, item.s3Key);
      try {
        await ctx.attachments.remove(item, actorOf(ctx.caller));
      } catch (error) {
        if (!(error instanceof AttachmentStateChangedError)) throw error;
      }
      return { removed: true as const };
    }),
});
