import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  backupManifestKey,
  backupPrefix,
  createBucket,
  isInvalidObjectState,
  isNotFound,
  type ObjectStateName,
} from '@cadastro/storage';
import { BackupError } from './errors.ts';
import { FORMAT_VERSION, type Manifest, partKeyOf } from './layout.ts';

/** A backup object's state as operators see it: the storage package's states, `stored` called `available`. */
export type Availability = 'available' | Exclude<ObjectStateName, 'stored'> | 'missing';

export interface ObjectStatus {
  key: string;
  storageClass: string;
  availability: Availability;
  /** The archive the object is in (GLACIER, DEEP_ARCHIVE, ARCHIVE_ACCESS…), when it is in one. */
  archiveClass?: string;
  /** Until when a restored copy stays readable. */
  restoredUntil?: string;
}

/** Where an object stands, from HeadObject (see `objectStateOf` in @cadastro/storage). */
export async function objectStatus(s3: S3Client, bucket: string, key: string): Promise<ObjectStatus> {
  const state = await createBucket(s3, bucket).state(key);
  if (!state) return { key, storageClass: 'NONE', availability: 'missing' };
  return {
    key,
    storageClass: state.storageClass,
    availability: state.state === 'stored' ? 'available' : state.state,
    ...(state.archiveClass && { archiveClass: state.archiveClass }),
    ...(state.restoredUntil && { restoredUntil: state.restoredUntil }),
  };
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

const unknownBackup = (backupId: string) =>
  new BackupError('NOT_FOUND', 'No backup with this id', { backupId });

/** Without a manifest: a backup that never completed left parts behind; an unknown id left nothing. */
async function missingManifest(s3: S3Client, bucket: string, backupId: string): Promise<BackupError> {
  const objects = await createBucket(s3, bucket).listObjects(backupPrefix(backupId));
  if (objects.length === 0) return unknownBackup(backupId);
  return new BackupError('INCOMPLETE', 'The backup has no manifest: it never completed', { backupId });
}

export async function readManifest(s3: S3Client, bucket: string, backupId: string): Promise<Manifest> {
  const key = backupManifestKey(backupId);
  let text: string;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    text = await object.Body!.transformToString();
  } catch (error) {
    if (isNotFound(error)) throw await missingManifest(s3, bucket, backupId);
    if (isInvalidObjectState(error)) {
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

/**
 * Asks S3 to restore every archived object of a backup for `days`; objects already readable are left alone.
 * The objects are found by listing the backup's prefix, not by reading its manifest: the manifest may be
 * archived itself, and it is restored with the parts.
 */
export async function requestArchiveRestore(
  s3: S3Client,
  bucket: string,
  backupId: string,
  options: { days: number; tier: 'Standard' | 'Bulk' | 'Expedited' },
): Promise<{ requested: string[]; alreadyAvailable: string[]; inProgress: string[] }> {
  const store = createBucket(s3, bucket);
  const keys = (await store.listObjects(backupPrefix(backupId))).map((o) => o.key);
  if (keys.length === 0) throw unknownBackup(backupId);
  if (!keys.includes(backupManifestKey(backupId))) {
    throw new BackupError('INCOMPLETE', 'The backup has no manifest: it never completed', { backupId });
  }
  const statuses = await Promise.all(keys.map((key) => objectStatus(s3, bucket, key)));
  const requested: string[] = [];
  for (const s of statuses) {
    if (s.availability !== 'archived' || !s.archiveClass) continue;
    await store.requestRestore(s.key, s.archiveClass, options);
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

/**
 * What is wrong with a completed backup's objects, from one listing of its prefix compared with its manifest:
 * parts that are missing or whose size differs from the manifest's (`damaged`), or no manifest (`incomplete`).
 * An archived manifest cannot be read: then only its presence is checked. Checksums are `verify`'s job.
 */
export async function inspectBackupObjects(
  s3: S3Client,
  bucket: string,
  backupId: string,
): Promise<{ state: 'ok' | 'damaged' | 'incomplete'; problems: string[] }> {
  const listed = new Map(
    (await createBucket(s3, bucket).listObjects(backupPrefix(backupId))).map((o) => [o.key, o]),
  );
  if (!listed.has(backupManifestKey(backupId))) return { state: 'incomplete', problems: ['no manifest'] };
  let manifest: Manifest;
  try {
    manifest = await readManifest(s3, bucket, backupId);
  } catch (error) {
    if (error instanceof BackupError && error.code === 'ARCHIVED') return { state: 'ok', problems: [] };
    throw error;
  }
  const problems: string[] = [];
  for (const part of manifest.parts) {
    const found = listed.get(partKeyOf(backupId, manifest, part.name));
    if (!found) problems.push(`${part.name} is missing`);
    else if (found.size !== part.bytes)
      problems.push(`${part.name} has ${found.size} bytes, manifest says ${part.bytes}`);
  }
  return { state: problems.length ? 'damaged' : 'ok', problems };
}
