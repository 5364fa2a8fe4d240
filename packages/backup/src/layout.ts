import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { backupPartsPrefix } from '@cadastro/storage';

/**
 * Bumped when the layout or the manifest changes incompatibly; restore refuses formats it does not know.
 * 2: the parts moved into their own folder (`data/`), named by the manifest's `partsFolder`.
 */
export const FORMAT_VERSION = 2;

/**
 * Entities never exported. Erasure tombstones must outlive every backup (they are how a restore knows whom not
 * to bring back); backup runs, locks and rate counters describe the live system, not customer data; a restored session would
 * bring back a sign-in that was ended.
 */
export const EXCLUDED_ENTITIES: ReadonlySet<string> = new Set([
  'erasure',
  'backup',
  'lock',
  'session',
  'rateCounter',
]);

/** Items written by something other than ElectroDB have no entity tag; they are kept under this name. */
export const UNTAGGED_ENTITY = 'untagged';

export type Item = Record<string, AttributeValue>;

export interface ManifestPart {
  /** File name relative to the backup's folder. */
  name: string;
  entity: string;
  items: number;
  /** Size of the stored (compressed) object. */
  bytes: number;
  /** SHA-256 (hex) of the stored (compressed) object, so `sha256sum` on a downloaded part checks it too. */
  sha256: string;
}

export interface Manifest {
  format: 'cadastro-backup';
  formatVersion: number;
  backupId: string;
  table: string;
  /** The Scan ran between these instants: items changed meanwhile may hold either version (no point in time). */
  startedAt: string;
  finishedAt: string;
  /** Each line is one item in DynamoDB JSON (`{"Item":{…}}`), as DynamoDB's own export to S3 writes it. */
  itemFormat: 'DYNAMODB_JSON';
  compression: 'GZIP';
  /** The parts' folder below the backup's prefix (`data/`); absent in format 1, whose parts sat beside it. */
  partsFolder?: string;
  excludedEntities: string[];
  counts: Record<string, number>;
  totalItems: number;
  totalBytes: number;
  parts: ManifestPart[];
}

/** The entity an ElectroDB item belongs to (its `__edb_e__` tag). */
export function entityOf(item: Item): string {
  return item.__edb_e__?.S ?? UNTAGGED_ENTITY;
}

/** Where one part of a backup is stored, by what its manifest says. */
export function partKeyOf(backupId: string, manifest: Pick<Manifest, 'partsFolder'>, name: string): string {
  return `${backupPartsPrefix(backupId, manifest.partsFolder ?? '')}${name}`;
}
