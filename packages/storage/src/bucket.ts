import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  PutObjectTaggingCommand,
  paginateListObjectsV2,
  RestoreObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RestoreTier } from '@cadastro/contracts';
import { type Capabilities, createCapabilityProbe } from './capabilities.ts';
import { isInvalidObjectState, isNotFound, isNotImplemented, isRestoreAlreadyInProgress } from './errors.ts';
import { type ObjectState, objectStateOf, restoreTakesDays } from './object-state.ts';
import { taggingXml, UPLOAD_TAG, type UploadTagValue } from './tags.ts';

/** One stored version of a key (or a delete marker); `versionId` is absent on an endpoint without versions. */
export interface StoredVersion {
  key: string;
  versionId?: string;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
  storageClass: string;
}

export interface BucketOptions {
  /** Called once, when the endpoint's capabilities are first known (to report them in the log). */
  onCapabilities?: (capabilities: Capabilities) => void;
}

/** A restore of an archived object was asked of an endpoint that cannot restore (s3rver). */
export class RestoreUnsupportedError extends Error {
  constructor(key: string) {
    super(`The S3 endpoint does not implement RestoreObject (${key})`);
    this.name = 'RestoreUnsupportedError';
  }
}

/**
 * The bucket as the code uses it: every S3 call the project makes goes through here, so what an endpoint does
 * not implement is handled in one place (see `capabilities.ts`).
 */
export function createBucket(s3: S3Client, name: string, options: BucketOptions = {}) {
  const capabilities = createCapabilityProbe(s3, name, options.onCapabilities);

  /** HeadObject, or null when there is no such object (or version). */
  async function head(key: string, versionId?: string): Promise<HeadObjectCommandOutput | null> {
    try {
      return await s3.send(new HeadObjectCommand({ Bucket: name, Key: key, VersionId: versionId }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Where the object stands (stored, archived, restoring, restored), or null when it does not exist. */
  async function state(key: string, versionId?: string, now = new Date()): Promise<ObjectState | null> {
    const found = await head(key, versionId);
    return found ? objectStateOf(found, now) : null;
  }

  /**
   * Every version and delete marker under a prefix. Without ListObjectVersions (s3rver) the endpoint keeps one
   * copy per key, and ListObjectsV2 lists exactly those: each key once, without a version id.
   */
  async function listVersions(prefix: string): Promise<StoredVersion[]> {
    if (!(await capabilities.get()).versions) {
      return (await listObjects(prefix)).map((o) => ({ key: o.key }));
    }
    const found: StoredVersion[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectVersionsCommand({ Bucket: name, Prefix: prefix, KeyMarker, VersionIdMarker }),
      );
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (v.Key) found.push({ key: v.Key, ...(v.VersionId && { versionId: v.VersionId }) });
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (KeyMarker);
    return found;
  }

  /**
   * Deletes stored versions for good. A version id of `null` (written while versioning was off) is deleted with
   * a plain DeleteObject, as is a key listed without versions.
   */
  async function deleteVersions(versions: StoredVersion[]): Promise<number> {
    const plain = new Set<string>();
    const pinned: StoredVersion[] = [];
    for (const v of versions) {
      if (v.versionId && v.versionId !== 'null') pinned.push(v);
      else plain.add(v.key);
    }
    for (const key of plain) await s3.send(new DeleteObjectCommand({ Bucket: name, Key: key }));
    for (const v of pinned) {
      await s3.send(new DeleteObjectCommand({ Bucket: name, Key: v.key, VersionId: v.versionId }));
    }
    return versions.length;
  }

  /**
   * Deletes every version of every object under a prefix (a customer's documents on erasure): on a versioned
   * bucket a plain DeleteObject only hides a file, and erasure must remove the bytes. Safe to repeat.
   * Returns how many versions (or keys) were deleted.
   */
  async function deleteAllUnder(prefix: string): Promise<number> {
    if (!prefix.endsWith('/'))
      throw new Error(`Refusing to delete under a prefix that is not a folder: ${prefix}`);
    return deleteVersions(await listVersions(prefix));
  }

  /**
   * Deletes every version of exactly one key: what was posted to it, the verified upload and anything a
   * still-valid presigned POST added afterwards. Deleting a key that is gone succeeds.
   */
  async function deleteAllVersionsOf(key: string): Promise<void> {
    const versions = (await listVersions(key)).filter((v) => v.key === key);
    if (versions.length === 0) versions.push({ key }); // listing may lag a write: delete the key anyway
    await deleteVersions(versions);
  }

  /** The objects under a prefix (current versions), page by page. */
  async function listObjects(prefix: string): Promise<ListedObject[]> {
    const objects: ListedObject[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: name, Prefix: prefix })) {
      for (const o of page.Contents ?? []) {
        objects.push({
          key: o.Key ?? '',
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
          storageClass: o.StorageClass ?? 'STANDARD',
        });
      }
    }
    return objects;
  }

  /** Sets the upload tag of one version (confirm: `pending` → `stored`). */
  async function tagUpload(key: string, value: UploadTagValue, versionId?: string): Promise<void> {
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: name,
        Key: key,
        VersionId: versionId,
        Tagging: { TagSet: [{ Key: UPLOAD_TAG.key, Value: value }] },
      }),
    );
  }

  /**
   * An object's tags, or null when the endpoint will not tell: S3 answers GetObjectTagging of an archived
   * object with `InvalidObjectState` (moto does; S3 itself documents tags as readable, so null is rare there).
   */
  async function tagsOf(key: string): Promise<Record<string, string> | null> {
    try {
      const { TagSet = [] } = await s3.send(new GetObjectTaggingCommand({ Bucket: name, Key: key }));
      return Object.fromEntries(TagSet.map((t) => [t.Key ?? '', t.Value ?? '']));
    } catch (error) {
      if (isInvalidObjectState(error)) return null;
      throw error;
    }
  }

  /**
   * Asks for a temporary readable copy of an archived object. Asking again while S3 restores it changes
   * nothing. GLACIER and DEEP_ARCHIVE take a number of days; Intelligent-Tiering's archive tiers take none.
   */
  async function requestRestore(
    key: string,
    archiveClass: string,
    request: { tier: RestoreTier; days: number; versionId?: string },
  ): Promise<void> {
    try {
      await s3.send(
        new RestoreObjectCommand({
          Bucket: name,
          Key: key,
          VersionId: request.versionId,
          RestoreRequest: {
            ...(restoreTakesDays(archiveClass) && { Days: request.days }),
            GlacierJobParameters: { Tier: request.tier },
          },
        }),
      );
    } catch (error) {
      if (isRestoreAlreadyInProgress(error)) return;
      if (isNotImplemented(error)) {
        capabilities.record({ restore: false });
        throw new RestoreUnsupportedError(key);
      }
      throw error;
    }
  }

  /**
   * A presigned POST bound to one key, the declared content type, exactly the declared size and the `pending`
   * upload tag. S3 enforces these conditions; the stand-ins do not enforce the size (confirm checks it again).
   */
  async function presignUpload(request: {
    key: string;
    contentType: string;
    size: number;
    expiresInSeconds: number;
  }): Promise<{ url: string; fields: Record<string, string> }> {
    const tagging = taggingXml(UPLOAD_TAG.key, UPLOAD_TAG.pending);
    return createPresignedPost(s3, {
      Bucket: name,
      Key: request.key,
      Expires: request.expiresInSeconds,
      Fields: { 'Content-Type': request.contentType, tagging },
      Conditions: [
        ['content-length-range', request.size, request.size],
        ['eq', '$Content-Type', request.contentType],
        ['eq', '$tagging', tagging],
      ],
    });
  }

  /** A presigned GET of one version, served with the given type and Content-Disposition. */
  function presignDownload(request: {
    key: string;
    versionId?: string;
    contentType: string;
    contentDisposition: string;
    expiresInSeconds: number;
  }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: name,
      Key: request.key,
      VersionId: request.versionId,
      ResponseContentType: request.contentType,
      ResponseContentDisposition: request.contentDisposition,
    });
    return getSignedUrl(s3, command, { expiresIn: request.expiresInSeconds });
  }

  return {
    name,
    /** The raw client, for streaming reads and uploads (GetObject bodies, multipart parts). */
    s3,
    capabilities: () => capabilities.get(),
    head,
    state,
    listObjects,
    listVersions,
    deleteAllUnder,
    deleteAllVersionsOf,
    tagUpload,
    tagsOf,
    requestRestore,
    presignUpload,
    presignDownload,
  };
}
export type Bucket = ReturnType<typeof createBucket>;
