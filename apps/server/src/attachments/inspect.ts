import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ErrorReason, hasMagicNumberOf, MAGIC_BYTES_LENGTH } from '@cadastro/contracts';
import type { AttachmentItem, VerifiedObject } from '@cadastro/db';
import type { Bucket } from '@cadastro/storage';

export type RefusalReason =
  | typeof ErrorReason.UPLOAD_MISSING
  | typeof ErrorReason.FILE_TOO_LARGE
  | typeof ErrorReason.FILE_SIZE_MISMATCH
  | typeof ErrorReason.FILE_TYPE_MISMATCH;

export type UploadInspection =
  | { accepted: true; verified: VerifiedObject }
  | { accepted: false; reason: RefusalReason; message: string };

const refuse = (reason: RefusalReason, message: string): UploadInspection => ({
  accepted: false,
  reason,
  message,
});

/**
 * Checks what actually arrived before it is accepted: the object exists, its size is within the limit and equal
 * to the declared size, its type and first bytes match the declared type; then hashes it (SHA-256, streamed).
 * Every read is pinned to the ETag seen first, so a file swapped in meanwhile fails instead of slipping through.
 */
export async function inspectUpload(
  bucket: Bucket,
  item: AttachmentItem,
  maxBytes: number,
): Promise<UploadInspection> {
  const head = await bucket.head(item.s3Key);
  if (!head?.ETag) return refuse(ErrorReason.UPLOAD_MISSING, 'No file was uploaded for this attachment');
  const size = head.ContentLength ?? 0;
  if (size > maxBytes) return refuse(ErrorReason.FILE_TOO_LARGE, `The file is larger than ${maxBytes} bytes`);
  if (size !== item.size) {
    return refuse(ErrorReason.FILE_SIZE_MISMATCH, `The file has ${size} bytes, ${item.size} were declared`);
  }
  if (head.ContentType !== item.contentType) {
    return refuse(ErrorReason.FILE_TYPE_MISMATCH, `The file was stored as ${head.ContentType ?? 'no type'}`);
  }
  const pinned = { Bucket: bucket.name, Key: item.s3Key, IfMatch: head.ETag, VersionId: head.VersionId };

  const start = await bucket.s3.send(
    new GetObjectCommand({ ...pinned, Range: `bytes=0-${MAGIC_BYTES_LENGTH - 1}` }),
  );
  const firstBytes = (await start.Body?.transformToByteArray()) ?? new Uint8Array();
  if (!hasMagicNumberOf(item.contentType, firstBytes)) {
    return refuse(ErrorReason.FILE_TYPE_MISMATCH, `The file's content is not ${item.contentType}`);
  }

  const whole = await bucket.s3.send(new GetObjectCommand(pinned));
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of whole.Body as Readable) {
    hash.update(chunk as Buffer);
    read += (chunk as Buffer).length;
  }
  if (read !== item.size) {
    return refuse(ErrorReason.FILE_SIZE_MISMATCH, `The file has ${read} bytes, ${item.size} were declared`);
  }
  return {
    accepted: true,
    verified: { sha256: hash.digest('hex'), etag: head.ETag, versionId: head.VersionId },
  };
}
