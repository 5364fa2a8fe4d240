import { z } from 'zod';
import { ValidationMessage as M, type ValidationMessage } from './errors.ts';
import { ATTACHMENT_FILE_NAME_MAX, ATTACHMENT_MAX_BYTES_DEFAULT, RESTORE_DAYS_MAX } from './limits.ts';
import { pageInputSchema } from './pagination.ts';
import { plainText } from './text.ts';

/** What a document is for. */
export const ATTACHMENT_KINDS = ['identity', 'proof_of_address', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * The accepted content types, with the first bytes ("magic number") every file of that type starts with.
 * The server checks them on what actually arrived in S3; the SPA may check them before uploading.
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': { extensions: ['.pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], magic: [0xff, 0xd8, 0xff] },
  'image/png': { extensions: ['.png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
} as const satisfies Record<string, { extensions: readonly string[]; magic: readonly number[] }>;
export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_CONTENT_TYPES = Object.keys(ATTACHMENT_TYPES) as AttachmentContentType[];

/** How many leading bytes are enough to recognise any accepted type. */
export const MAGIC_BYTES_LENGTH = Math.max(...Object.values(ATTACHMENT_TYPES).map((t) => t.magic.length));

/** True when `bytes` (the start of a file) begin with the magic number of `contentType`. */
export function hasMagicNumberOf(contentType: AttachmentContentType, bytes: Uint8Array): boolean {
  const { magic } = ATTACHMENT_TYPES[contentType];
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Lifecycle of an attachment: `pending` until the upload is confirmed, then `stored`; after the bucket's lifecycle
 * rule moved it to GLACIER or DEEP_ARCHIVE it is `archived`, `restoring` while S3 prepares a temporary copy,
 * `restored` while that copy lasts (then back to `archived`).
 */
export const ATTACHMENT_STATES = ['pending', 'stored', 'archived', 'restoring', 'restored'] as const;
export type AttachmentState = (typeof ATTACHMENT_STATES)[number];

/** S3 retrieval tiers. DEEP_ARCHIVE offers no Expedited. */
export const RESTORE_TIERS = ['Bulk', 'Standard', 'Expedited'] as const;
export type RestoreTier = (typeof RESTORE_TIERS)[number];

/** Customers act on their own documents (no `customerId`); operators and services name the customer. */
const ownerInput = { customerId: z.string().min(1).max(64).optional() };
const attachmentIdSchema = z.string().min(1).max(64);

/** A file name as shown and offered for download: no path, no control characters. */
export const attachmentFileNameSchema = z
  .string({ error: M.required })
  .trim()
  .min(1, { error: M.required })
  .max(ATTACHMENT_FILE_NAME_MAX, { error: M.tooLong })
  .refine(...plainText)
  .refine((v) => !/[/\\]/.test(v), { error: M.fileNameInvalid });

/** The upload request; `maxBytes` is the server's limit (the SPA uses the default unless told otherwise). */
export function createUploadInputSchema(maxBytes: number = ATTACHMENT_MAX_BYTES_DEFAULT) {
  return z.object({
    ...ownerInput,
    kind: z.enum(ATTACHMENT_KINDS, { error: M.attachmentKindInvalid }),
    fileName: attachmentFileNameSchema,
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES as [AttachmentContentType, ...AttachmentContentType[]], {
      error: M.fileTypeNotAllowed,
    }),
    size: z
      .number({ error: M.required })
      .int()
      .min(1, { error: M.fileEmpty })
      .max(maxBytes, { error: M.fileTooLarge }),
  });
}
export type CreateUploadInput = z.input<ReturnType<typeof createUploadInputSchema>>;

/** What a browser does with a presigned POST: send `fields` then the file (last) as multipart form data to `url`. */
export const presignedUploadSchema = z.object({
  attachmentId: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  /** When the presigned POST stops being accepted. */
  expiresAt: z.string(),
});
export type PresignedUpload = z.infer<typeof presignedUploadSchema>;

export const attachmentRefInputSchema = z.object({ ...ownerInput, attachmentId: attachmentIdSchema });
export type AttachmentRefInput = z.input<typeof attachmentRefInputSchema>;

export const listAttachmentsInputSchema = pageInputSchema.extend(ownerInput);
export type ListAttachmentsInput = z.input<typeof listAttachmentsInputSchema>;

export const requestRestoreInputSchema = attachmentRefInputSchema.extend({
  tier: z.enum(RESTORE_TIERS).default('Standard'),
  days: z.number().int().min(1).max(RESTORE_DAYS_MAX).default(7),
});
export type RequestRestoreInput = z.input<typeof requestRestoreInputSchema>;

/** An attachment as the API shows it. */
export const attachmentViewSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  fileName: z.string(),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES as [AttachmentContentType, ...AttachmentContentType[]]),
  size: z.number().int(),
  sha256: z.string().nullable(),
  state: z.enum(ATTACHMENT_STATES),
  createdAt: z.string(),
  /** `restoring`: the latest time S3 promises the copy for, by tier. */
  restoreReadyBy: z.string().nullable(),
  /** `restored`: when the temporary copy goes away. */
  restoreExpiresAt: z.string().nullable(),
  /** The retrieval tiers this caller may request now (empty unless archived; see the restore policy). */
  restoreTiers: z.array(z.enum(RESTORE_TIERS)),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

export const downloadUrlSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type DownloadUrl = z.infer<typeof downloadUrlSchema>;

/** Client-side pre-check of a chosen file against the shared rules; `null` when it may be uploaded. */
export function checkFileBeforeUpload(
  file: { name: string; type: string; size: number },
  maxBytes: number = ATTACHMENT_MAX_BYTES_DEFAULT,
): ValidationMessage | null {
  if (!(ATTACHMENT_CONTENT_TYPES as string[]).includes(file.type)) return M.fileTypeNotAllowed;
  if (file.size < 1) return M.fileEmpty;
  if (file.size > maxBytes) return M.fileTooLarge;
  if (!attachmentFileNameSchema.safeParse(file.name).success) return M.fileNameInvalid;
  return null;
}
