import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { RestoreTier } from '@cadastro/contracts';
import type { StorageObservation } from '@cadastro/db';
import type { Caller } from '../context.ts';

/** Storage classes whose objects answer GetObject with `InvalidObjectState` until a restored copy exists. */
const ARCHIVE_TIERS: Record<string, readonly RestoreTier[]> = {
  GLACIER: ['Expedited', 'Standard', 'Bulk'],
  DEEP_ARCHIVE: ['Standard', 'Bulk'], // DEEP_ARCHIVE offers no Expedited retrieval
};
/** Intelligent-Tiering's opt-in archive tiers behave the same way (restore without a number of days). */
const INTELLIGENT_TIERING_TIERS: Record<string, readonly RestoreTier[]> = {
  ARCHIVE_ACCESS: ['Expedited', 'Standard', 'Bulk'],
  DEEP_ARCHIVE_ACCESS: ['Standard', 'Bulk'],
};

/** The longest retrieval time S3 documents per class and tier, in hours: what "ready by" promises. */
const RETRIEVAL_HOURS: Record<string, Partial<Record<RestoreTier, number>>> = {
  GLACIER: { Expedited: 5 / 60, Standard: 5, Bulk: 12 },
  DEEP_ARCHIVE: { Standard: 12, Bulk: 48 },
  ARCHIVE_ACCESS: { Expedited: 5 / 60, Standard: 5, Bulk: 12 },
  DEEP_ARCHIVE_ACCESS: { Standard: 12, Bulk: 48 },
};

/**
 * Restore policy: operators and services may use every tier the class offers, for up to RESTORE_DAYS_MAX days.
 * Customers may restore their own documents with Standard or Bulk (Expedited costs far more per GB and is
 * capacity-limited) for up to CUSTOMER_RESTORE_DAYS_MAX days.
 */
const CUSTOMER_TIERS: readonly RestoreTier[] = ['Standard', 'Bulk'];

/** The archive class an object is in (GLACIER, DEEP_ARCHIVE, ARCHIVE_ACCESS…), or null when it is directly readable. */
export function archiveClassOf(
  head: Pick<HeadObjectCommandOutput, 'StorageClass' | 'ArchiveStatus'>,
): string | null {
  if (head.StorageClass && head.StorageClass in ARCHIVE_TIERS) return head.StorageClass;
  if (head.StorageClass === 'INTELLIGENT_TIERING' && head.ArchiveStatus) return head.ArchiveStatus;
  return null; // STANDARD, GLACIER_IR (instant retrieval), STANDARD_IA…: GetObject works
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

/** What HeadObject says about an object's availability, as an attachment state. */
export function observeStorage(
  head: Pick<HeadObjectCommandOutput, 'StorageClass' | 'ArchiveStatus' | 'Restore'>,
  now = new Date(),
): StorageObservation {
  const archiveClass = archiveClassOf(head);
  const storageClass = archiveClass ?? head.StorageClass ?? 'STANDARD';
  if (!archiveClass) return { state: 'stored', storageClass };
  const restore = parseRestoreHeader(head.Restore);
  if (!restore) return { state: 'archived', storageClass };
  if (restore.ongoing) return { state: 'restoring', storageClass };
  if (restore.expiresAt && Date.parse(restore.expiresAt) <= now.getTime())
    return { state: 'archived', storageClass };
  return { state: 'restored', storageClass, restoreExpiresAt: restore.expiresAt };
}

/** The tiers this caller may request for an object of this archive class (empty: no restore possible). */
export function restoreTiersFor(archiveClass: string | null | undefined, caller: Caller): RestoreTier[] {
  if (!archiveClass) return [];
  const offered = ARCHIVE_TIERS[archiveClass] ?? INTELLIGENT_TIERING_TIERS[archiveClass] ?? [];
  return caller.role === 'customer' ? offered.filter((t) => CUSTOMER_TIERS.includes(t)) : [...offered];
}

/** When the restored copy should be ready at the latest. */
export function restoreReadyBy(archiveClass: string, tier: RestoreTier, now = new Date()): string {
  const hours = RETRIEVAL_HOURS[archiveClass]?.[tier] ?? 48;
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/** Intelligent-Tiering archive restores take no number of days; GLACIER and DEEP_ARCHIVE restores need one. */
export function restoreTakesDays(archiveClass: string): boolean {
  return archiveClass in ARCHIVE_TIERS;
}
