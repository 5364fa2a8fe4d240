import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { backupIdSchema } from '@cadastro/contracts';

/** Bumped when the layout or the manifest changes incompatibly; restore refuses formats it does not know. */
export const FORMAT_VERSION = 1;
export const BACKUPS_ROOT = 'backups';
export const MANIFEST_NAME = 'manifest.json';

/**
 * Entities never exported. Erasure tombstones must outlive every backup (they are how a restore knows whom not
 * to bring back); backup runs and locks describe the live system, not customer data; a restored session would
 * bring back a sign-in that was ended.
 */
export const EXCLUDED_ENTITIES: ReadonlySet<string> = new Set(['erasure', 'backup', 'lock', 'session']);

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

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `backups/<yyyy>/<mm>/<dd>/<backupId>/`, dated from the time inside the UUIDv7 id. The id alone therefore
 * finds a backup in S3, even when the table that listed it is the thing being restored.
 */
export function backupPrefix(backupId: string): string {
  const day = new Date(timeOfBackupId(backupId));
  return `${BACKUPS_ROOT}/${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}/${backupId}/`;
}

export function manifestKeyOf(backupId: string): string {
  return `${backupPrefix(backupId)}${MANIFEST_NAME}`;
}

export function isBackupId(value: string): boolean {
  return backupIdSchema.safeParse(value).success;
}

/** Milliseconds since the epoch held in the first 48 bits of a UUIDv7. */
export function timeOfBackupId(backupId: string): number {
  if (!isBackupId(backupId)) throw new Error(`Not a backup id: ${backupId}`);
  return Number.parseInt(backupId.replace(/-/g, '').slice(0, 12), 16);
}

/** `customer.00001.ndjson.gz`. */
export function partName(entity: string, sequence: number): string {
  return `${entity.replace(/[^A-Za-z0-9_-]/g, '_')}.${String(sequence).padStart(5, '0')}.ndjson.gz`;
}
