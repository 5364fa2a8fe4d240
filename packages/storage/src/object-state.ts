import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { RestoreTier } from '@cadastro/contracts';

/**
 * Classes whose objects answer GetObject with `InvalidObjectState` until a restored copy exists, with the tiers
 * each offers (DEEP_ARCHIVE has no Expedited). GLACIER_IR is not here: it is read instantly, like STANDARD.
 */
const ARCHIVE_CLASSES: Record<string, readonly RestoreTier[]> = {
  GLACIER: ['Expedited', 'Standard', 'Bulk'],
  DEEP_ARCHIVE: ['Standard', 'Bulk'],
};
/** Intelligent-Tiering's opt-in archive tiers (HeadObject's `ArchiveStatus`): restored without a number of days. */
const INTELLIGENT_TIERING_ARCHIVES: Record<string, readonly RestoreTier[]> = {
  ARCHIVE_ACCESS: ['Expedited', 'Standard', 'Bulk'],
  DEEP_ARCHIVE_ACCESS: ['Standard', 'Bulk'],
};

/** The longest retrieval time S3 documents per archive and tier, in hours: what "ready by" promises. */
const RETRIEVAL_HOURS: Record<string, Partial<Record<RestoreTier, number>>> = {
  GLACIER: { Expedited: 5 / 60, Standard: 5, Bulk: 12 },
  DEEP_ARCHIVE: { Standard: 12, Bulk: 48 },
  ARCHIVE_ACCESS: { Expedited: 5 / 60, Standard: 5, Bulk: 12 },
  DEEP_ARCHIVE_ACCESS: { Standard: 12, Bulk: 48 },
};

/**
 * Where an object stands:
 * - `stored`: readable now (STANDARD, GLACIER_IR, STANDARD_IA, an Intelligent-Tiering access tier…);
 * - `archived`: in an archive class without a readable copy (GetObject answers `InvalidObjectState`);
 * - `restoring`: S3 is making a temporary copy;
 * - `restored`: a temporary copy is readable until `restoredUntil`, then the object is `archived` again.
 */
export type ObjectStateName = 'stored' | 'archived' | 'restoring' | 'restored';
export interface ObjectState {
  state: ObjectStateName;
  /** The storage class, or for Intelligent-Tiering's archive tiers the tier (ARCHIVE_ACCESS…). */
  storageClass: string;
  /** The archive the object is in, or null when it is directly readable. */
  archiveClass: string | null;
  restoredUntil?: string;
}

export type HeadFields = Pick<HeadObjectCommandOutput, 'StorageClass' | 'ArchiveStatus' | 'Restore'>;

/** The archive an object is in (GLACIER, DEEP_ARCHIVE, ARCHIVE_ACCESS…), or null when it is directly readable. */
export function archiveClassOf(head: Pick<HeadFields, 'StorageClass' | 'ArchiveStatus'>): string | null {
  if (head.StorageClass && head.StorageClass in ARCHIVE_CLASSES) return head.StorageClass;
  if (head.StorageClass === 'INTELLIGENT_TIERING' && head.ArchiveStatus) return head.ArchiveStatus;
  return null;
}

/** `ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"` → its parts. */
export function parseRestoreHeader(
  header: string | undefined,
): { ongoing: boolean; expiresAt?: string } | null {
  if (!header) return null;
  const ongoing = /ongoing-request="(true|false)"/i.exec(header)?.[1]?.toLowerCase() === 'true';
  const expiry = /expiry-date="([^"]+)"/i.exec(header)?.[1];
  const expiresAt = expiry && !Number.isNaN(Date.parse(expiry)) ? new Date(expiry).toISOString() : undefined;
  return { ongoing, expiresAt };
}

/** What HeadObject's `StorageClass`, `ArchiveStatus` and `x-amz-restore` say about an object now. */
export function objectStateOf(head: HeadFields, now = new Date()): ObjectState {
  const archiveClass = archiveClassOf(head);
  const storageClass = archiveClass ?? head.StorageClass ?? 'STANDARD';
  if (!archiveClass) return { state: 'stored', storageClass, archiveClass };
  const restore = parseRestoreHeader(head.Restore);
  if (!restore) return { state: 'archived', storageClass, archiveClass };
  if (restore.ongoing) return { state: 'restoring', storageClass, archiveClass };
  if (restore.expiresAt && Date.parse(restore.expiresAt) <= now.getTime())
    return { state: 'archived', storageClass, archiveClass };
  return {
    state: 'restored',
    storageClass,
    archiveClass,
    ...(restore.expiresAt && { restoredUntil: restore.expiresAt }),
  };
}

/** Whether GetObject can read the object now. */
export function isReadable(state: ObjectState): boolean {
  return state.state === 'stored' || state.state === 'restored';
}

/** The retrieval tiers an archive offers (empty when the object is not archived). */
export function restoreTiersOf(archiveClass: string | null | undefined): RestoreTier[] {
  if (!archiveClass) return [];
  return [...(ARCHIVE_CLASSES[archiveClass] ?? INTELLIGENT_TIERING_ARCHIVES[archiveClass] ?? [])];
}

/** When a restored copy requested now should be ready at the latest. */
export function restoreReadyBy(archiveClass: string, tier: RestoreTier, now = new Date()): string {
  const hours = RETRIEVAL_HOURS[archiveClass]?.[tier] ?? 48;
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/** GLACIER and DEEP_ARCHIVE restores need a number of days; Intelligent-Tiering archive restores take none. */
export function restoreTakesDays(archiveClass: string): boolean {
  return archiveClass in ARCHIVE_CLASSES;
}
