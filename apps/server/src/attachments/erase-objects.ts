import { DeleteObjectCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { attachmentKey } from '@cadastro/db';

/**
 * Deletes every stored version (and delete marker) of a customer's documents: on a versioned bucket a plain
 * DeleteObject only hides the file, and erasure (LGPD Art. 18 VI) must remove the bytes themselves.
 * Returns how many object versions were deleted.
 */
export async function deleteCustomerObjects(
  s3: S3Client,
  bucket: string,
  customerId: string,
): Promise<number> {
  const prefix = attachmentKey(customerId, '');
  let deleted = 0;
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        Prefix: prefix,
        KeyMarker: keyMarker,
        VersionIdMarker: versionIdMarker,
      }),
    );
    for (const version of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      await s3.send(
        new DeleteObjectCommand({ Bucket: bucket, Key: version.Key, VersionId: version.VersionId }),
      );
      deleted++;
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return deleted;
}
