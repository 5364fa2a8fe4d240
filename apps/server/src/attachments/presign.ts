import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DownloadUrl, PresignedUpload } from '@cadastro/contracts';
import type { AttachmentItem } from '@cadastro/db';
import { attachmentDisposition } from './content-disposition.ts';
import { UPLOAD_TAG } from './settings.ts';

/** The S3 object-tagging XML for one tag, as the POST `tagging` form field expects it. */
export function taggingXml(key: string, value: string): string {
  return `<Tagging><TagSet><Tag><Key>${key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;
}

/**
 * A presigned POST bound to one key, the declared content type, exactly the declared size and the `pending`
 * tag. S3 enforces these conditions; emulators do not enforce the size, which is why confirm checks it again.
 */
export async function presignUpload(
  s3: S3Client,
  bucket: string,
  item: AttachmentItem,
  expiresInSeconds: number,
  now = new Date(),
): Promise<PresignedUpload> {
  const tagging = taggingXml(UPLOAD_TAG.key, UPLOAD_TAG.pending);
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: item.s3Key,
    Expires: expiresInSeconds,
    Fields: { 'Content-Type': item.contentType, tagging },
    Conditions: [
      ['content-length-range', item.size, item.size],
      ['eq', '$Content-Type', item.contentType],
      ['eq', '$tagging', tagging],
    ],
  });
  return {
    attachmentId: item.attachmentId,
    url,
    fields,
    expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString(),
  };
}

/** A presigned GET of the verified object (its version, when the bucket keeps versions), saved under its name. */
export async function presignDownload(
  s3: S3Client,
  bucket: string,
  item: AttachmentItem,
  expiresInSeconds: number,
  now = new Date(),
): Promise<DownloadUrl> {
  const command = new GetObjectCommand({
    Bucket: bucket,
    Key: item.s3Key,
    VersionId: item.versionId,
    ResponseContentType: item.contentType,
    ResponseContentDisposition: attachmentDisposition(item.fileName),
  });
  const url = await getSignedUrl(s3, command, { expiresIn: expiresInSeconds });
  return { url, expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString() };
}
