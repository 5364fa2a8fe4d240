import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES_CEILING,
  attachmentRefInputSchema,
  attachmentViewSchema,
  createUploadInputSchema,
  downloadUrlSchema,
  listAttachmentsInputSchema,
  presignedUploadSchema,
  requestRestoreInputSchema,
} from '@cadastro/contracts';
import { z } from 'zod';
import { ownerOf } from '../attachments/owner.ts';
import { toAttachmentView } from '../attachments/present.ts';
import { recordStaffRead } from '../customers/access-record.ts';
import { customerOrStaffProcedure, SUPPORT } from '../trpc.ts';

/**
 * Documents: each procedure names whose documents it acts on (a customer their own, staff the one they name)
 * and hands the work to the attachment service (`attachments/service.ts`).
 */
export const attachmentsProcedures = {
  /** The rules the SPA checks files against before uploading (the same ones confirm enforces). */
  rules: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .output(z.object({ maxBytes: z.number(), contentTypes: z.array(z.string()), kinds: z.array(z.string()) }))
    .query(({ ctx }) => ({
      maxBytes: ctx.attachmentSettings.maxBytes,
      contentTypes: ATTACHMENT_CONTENT_TYPES,
      kinds: [...ATTACHMENT_KINDS],
    })),

  /** A pending attachment and a presigned POST; the browser posts the file to the bucket, then confirms. */
  createUpload: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(createUploadInputSchema(ATTACHMENT_MAX_BYTES_CEILING))
    .output(presignedUploadSchema)
    .mutation(({ ctx, input }) => {
      const { customerId, ...upload } = input;
      return ctx.attachmentService.createUpload(ownerOf(ctx.caller, customerId), upload);
    }),

  /** Accepts the upload after checking what arrived; a refused file is deleted and the reason says why. */
  confirm: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(attachmentRefInputSchema)
    .output(attachmentViewSchema)
    .mutation(async ({ ctx, input }) => {
      const customerId = ownerOf(ctx.caller, input.customerId);
      const item = await ctx.attachmentService.confirm(customerId, input.attachmentId, ctx.caller, ctx.log);
      return toAttachmentView(item, ctx.caller);
    }),

  /** Confirmed attachments, newest first, each with its current storage state. */
  list: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(listAttachmentsInputSchema)
    .output(z.object({ items: z.array(attachmentViewSchema), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const customerId = ownerOf(ctx.caller, input.customerId);
      const page = await ctx.attachments.list(customerId, input);
      await recordStaffRead(ctx, [customerId], 'attachments.list');
      const items = await Promise.all(page.items.map((item) => ctx.attachmentService.refresh(item)));
      return { items: items.map((i) => toAttachmentView(i, ctx.caller)), nextCursor: page.nextCursor };
    }),

  /** One attachment with its current storage state: what to poll while a restore is under way. */
  get: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(attachmentRefInputSchema)
    .output(attachmentViewSchema)
    .query(async ({ ctx, input }) => {
      const item = await ctx.attachmentService.find(
        ownerOf(ctx.caller, input.customerId),
        input.attachmentId,
      );
      return toAttachmentView(await ctx.attachmentService.refresh(item), ctx.caller);
    }),

  /** A short-lived presigned GET; `ARCHIVED` while the file is in an archive without a readable copy. */
  downloadUrl: customerOrStaffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(attachmentRefInputSchema)
    .output(downloadUrlSchema)
    .query(async ({ ctx, input }) => {
      const customerId = ownerOf(ctx.caller, input.customerId);
      const url = await ctx.attachmentService.downloadUrl(customerId, input.attachmentId, ctx.caller);
      await recordStaffRead(ctx, [customerId], 'attachments.downloadUrl');
      return url;
    }),

  /** Asks for a temporary readable copy of an archived file (tier and days within the caller's policy). */
  requestRestore: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(requestRestoreInputSchema)
    .output(attachmentViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { customerId, attachmentId, tier, days } = input;
      const item = await ctx.attachmentService.requestRestore(
        ownerOf(ctx.caller, customerId),
        attachmentId,
        { tier, days },
        ctx.caller,
      );
      return toAttachmentView(item, ctx.caller);
    }),

  /** Deletes the file and its attachment (also a pending upload); recorded in the customer's history. */
  remove: customerOrStaffProcedure
    .meta(SUPPORT)
    .input(attachmentRefInputSchema)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.attachmentService.remove(
        ownerOf(ctx.caller, input.customerId),
        input.attachmentId,
        ctx.caller,
      );
      return { removed: true as const };
    }),
};
