import type { RestoreTier } from '@cadastro/contracts';
import { restoreTiersOf } from '@cadastro/storage';
import type { Caller } from '../context.ts';

/**
 * Restore policy: operators and services may use every tier the archive offers, for up to RESTORE_DAYS_MAX days.
 * Customers may restore their own documents with Standard or Bulk (Expedited costs far more per GB and is
 * capacity-limited) for up to CUSTOMER_RESTORE_DAYS_MAX days. Which tiers an archive offers is the storage
 * package's knowledge.
 */
const CUSTOMER_TIERS: readonly RestoreTier[] = ['Standard', 'Bulk'];

/** The tiers this caller may request for an object of this archive class (empty: no restore possible). */
export function restoreTiersFor(archiveClass: string | null | undefined, caller: Caller): RestoreTier[] {
  const offered = restoreTiersOf(archiveClass);
  return caller.role === 'customer' ? offered.filter((t) => CUSTOMER_TIERS.includes(t)) : offered;
}
