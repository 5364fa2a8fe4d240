import {
  DeleteObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** HeadObject, or null when there is no such object. */
export async function headObject(
  s3: S3Client,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<HeadObjectCommandOutput | null> {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * DeleteObject; deleting a key that is already gone succeeds. With a version id (versioned bucket) that version
 * is deleted for good instead of being hidden behind a delete marker.
 */
export async function deleteObject(
  s3: S3Client,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
}

/**
 * Deletes every version (and delete marker) of one key for good: a key that is an attachment's holds what was
 * posted to it, the verified upload and anything a still-valid presigned POST added afterwards. On an
 * unversioned bucket, or an endpoint without ListObjectVersions (s3rver), a plain DeleteObject does it.
 */
export async function deleteAllVersions(s3: S3Client, bucket: string, key: string): Promise<void> {
  let versionIds: string[];
  try {
    versionIds = await versionIdsOf(s3, bucket, key);
  } catch (error) {
    if (!isNotImplemented(error)) throw error;
    versionIds = [];
  }
  const real = versionIds.filter((id) => id !== 'null');
  if (real.length < versionIds.length || real.length === 0) await deleteObject(s3, bucket, key);
  for (const versionId of real) await deleteObject(s3, bucket, key, versionId);
}

/** The ids of every version and delete marker of exactly this key (the listing is by prefix). */
async function versionIdsOf(s3: S3Client, bucket: string, key: string): Promise<string[]> {
  const ids: string[] = [];
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker, VersionIdMarker }),
    );
    for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      if (v.Key === key && v.VersionId) ids.push(v.VersionId);
    }
    KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (KeyMarker);
  return ids;
}

function isNotImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === 'NotImplemented' || e.$metadata?.httpStatusCode === 501 || e.$metadata?.httpStatusCode === 405
  );
}

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
