import { GetObjectCommand, HeadObjectCommand, RestoreObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { BackupError } from './errors.ts';
import { FORMAT_VERSION, type Manifest, manifestKeyOf } from './layout.ts';

/** Storage classes whose objects must be restored (RestoreObject) before they can be read. */
const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);

export type Availability = 'available' | 'archived' | 'restoring' | 'restored' | 'missing';

export interface ObjectStatus {
  key: string;
  storageClass: string;
  availability: Availability;
  /** Until when a restored copy stays readable. */
  restoredUntil?: string;
}

/**
 * Where an object stands, from HeadObject: `StorageClass` (absent means STANDARD) and the `x-amz-restore` header
 * (`ongoing-request="true"` while S3 restores it, `"false", expiry-date=…` once a copy is readable).
 */
export async function objectStatus(s3: S3Client, bucket: string, key: string): Promise<ObjectStatus> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const storageClass = head.StorageClass ?? 'STANDARD';
    if (!ARCHIVE_CLASSES.has(storageClass)) return { key, storageClass, availability: 'available' };
    const restore = head.Restore ?? '';
    if (/ongoing-request="true"/.test(restore)) return { key, storageClass, availability: 'restoring' };
    if (/ongoing-request="false"/.test(restore)) {
      const until = /expiry-date="([^"]+)"/.exec(restore)?.[1];
      return {
        key,
        storageClass,
        availability: 'restored',
        ...(until && { restoredUntil: new Date(until).toISOString() }),
      };
    }
    return { key, storageClass, availability: 'archived' };
  } catch (error) {
    if (httpStatus(error) === 404) return { key, storageClass: 'NONE', availability: 'missing' };
    throw error;
  }
}

const rank: Record<Availability, number> = {
  available: 0,
  restored: 1,
  restoring: 2,
  archived: 3,
  missing: 4,
};

/** The least available of several objects: a backup is only as readable as its coldest part. */
export function coldest(statuses: ObjectStatus[]): ObjectStatus | undefined {
  return [...statuses].sort((a, b) => rank[b.availability] - rank[a.availability])[0];
}

export async function readManifest(s3: S3Client, bucket: string, backupId: string): Promise<Manifest> {
  const key = manifestKeyOf(backupId);
  let text: string;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    text = await object.Body!.transformToString();
  } catch (error) {
    if (httpStatus(error) === 404 || (error as Error).name === 'NoSuchKey') {
      throw new BackupError('INCOMPLETE', 'The backup has no manifest: it never completed', { backupId });
    }
    if ((error as Error).name === 'InvalidObjectState') {
      throw new BackupError('ARCHIVED', 'The backup is archived; restore it from Glacier first', {
        backupId,
        archivedKeys: [key],
      });
    }
    throw error;
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== 'cadastro-backup' || manifest.formatVersion > FORMAT_VERSION) {
    throw new BackupError('UNSUPPORTED_FORMAT', `Unsupported backup format ${manifest.formatVersion}`, {
      backupId,
    });
  }
  return manifest;
}

/** Fails with `ARCHIVED` (naming the objects) unless every object of the backup can be read now. */
export async function assertReadable(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  const statuses = await Promise.all(keys.map((key) => objectStatus(s3, bucket, key)));
  const unreadable = statuses.filter((s) => s.availability === 'archived' || s.availability === 'restoring');
  if (unreadable.length > 0) {
    throw new BackupError('ARCHIVED', 'The backup is archived; restore it from Glacier first', {
      archivedKeys: unreadable.map((s) => s.key),
      restoring: unreadable.some((s) => s.availability === 'restoring'),
    });
  }
  const missing = statuses.filter((s) => s.availability === 'missing');
  if (missing.length > 0) {
    throw new BackupError('CORRUPT', 'Parts of the backup are missing', {
      missingKeys: missing.map((s) => s.key),
    });
  }
}

/** Asks S3 to restore every archived object of a backup for `days`; objects already readable are left alone. */
export async function requestArchiveRestore(
  s3: S3Client,
  bucket: string,
  keys: string[],
  options: { days: number; tier: 'Standard' | 'Bulk' | 'Expedited' },
): Promise<{ requested: string[]; alreadyAvailable: string[]; inProgress: string[] }> {
  const statuses = await Promise.all(keys.map((key) => objectStatus(s3, bucket, key)));
  const requested: string[] = [];
  for (const s of statuses.filter((s) => s.availability === 'archived')) {
    await s3.send(
      new RestoreObjectCommand({
        Bucket: bucket,
        Key: s.key,
        RestoreRequest: { Days: options.days, GlacierJobParameters: { Tier: options.tier } },
      }),
    );
    requested.push(s.key);
  }
  return {
    requested,
    alreadyAvailable: statuses
      .filter((s) => s.availability === 'available' || s.availability === 'restored')
      .map((s) => s.key),
    inProgress: statuses.filter((s) => s.availability === 'restoring').map((s) => s.key),
  };
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
