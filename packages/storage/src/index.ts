export {
  type Bucket,
  type BucketOptions,
  createBucket,
  type ListedObject,
  RestoreUnsupportedError,
  type StoredVersion,
} from './bucket.ts';
export type { Capabilities } from './capabilities.ts';
export { isInvalidObjectState, isNotFound, isNotImplemented } from './errors.ts';
export {
  ATTACHMENTS_PREFIX,
  attachmentKey,
  BACKUP_PARTS_FOLDER,
  BACKUPS_PREFIX,
  backupManifestKey,
  backupPartsPrefix,
  backupPrefix,
  customerAttachmentsPrefix,
  isBackupId,
  MANIFEST_NAME,
  partName,
  timeOfBackupId,
} from './layout.ts';
export {
  archiveClassOf,
  type HeadFields,
  isReadable,
  type ObjectState,
  type ObjectStateName,
  objectStateOf,
  parseRestoreHeader,
  restoreReadyBy,
  restoreTakesDays,
  restoreTiersOf,
} from './object-state.ts';
export { taggingXml, UPLOAD_TAG, type UploadTagValue } from './tags.ts';
