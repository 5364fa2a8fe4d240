import { backupIdSchema } from '@cadastro/contracts';

/**
 * The key layout of the bucket. Everything that names a key (the server, backups, the lifecycle rules, the IAM
 * policy) builds it here, so a prefix the lifecycle rules match is the prefix the objects are written under.
 *
 * ```
 * attachments/<customerId>/<attachmentId>                    a customer's document (presigned POST target)
 * backups/<yyyy>/<mm>/<dd>/<backupId>/manifest.json          what the backup holds, written last
 * backups/<yyyy>/<mm>/<dd>/<backupId>/data/<part>.ndjson.gz  the parts: DynamoDB JSON, gzip (ImportTable's format)
 * ```
 */
export const ATTACHMENTS_PREFIX = 'attachments/';
export const BACKUPS_PREFIX = 'backups/';
export const MANIFEST_NAME = 'manifest.json';
/** The folder of a backup's parts: nothing else lives there, so it can be handed to DynamoDB ImportTable as is. */
export const BACKUP_PARTS_FOLDER = 'data/';

/** Where an attachment's object lives. */
export function attachmentKey(customerId: string, attachmentId: string): string {
  return `${customerAttachmentsPrefix(customerId)}${attachmentId}`;
}

/** Every document of one customer: what erasure deletes. */
export function customerAttachmentsPrefix(customerId: string): string {
  return `${ATTACHMENTS_PREFIX}${customerId}/`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `backups/<yyyy>/<mm>/<dd>/<backupId>/`, dated from the time inside the UUIDv7 id. The id alone therefore
 * finds a backup in S3, even when the table that listed it is the thing being restored.
 */
export function backupPrefix(backupId: string): string {
  const day = new Date(timeOfBackupId(backupId));
  return `${BACKUPS_PREFIX}${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}/${backupId}/`;
}

export function backupManifestKey(backupId: string): string {
  return `${backupPrefix(backupId)}${MANIFEST_NAME}`;
}

/**
 * The folder of a backup's parts. Backups of format 1 kept their parts beside the manifest; `partsFolder`
 * is what their manifest says (empty for format 1).
 */
export function backupPartsPrefix(backupId: string, partsFolder = BACKUP_PARTS_FOLDER): string {
  return `${backupPrefix(backupId)}${partsFolder}`;
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
