export { BatchWriter } from './batch-writer.ts';
export { type Clock, systemClock } from './clock.ts';
export { BackupError, type BackupErrorCode } from './errors.ts';
export {
  BACKUP_DEFAULTS,
  BACKUP_LOCK,
  type BackupDeps,
  type BackupOptions,
  type BackupResult,
  type BackupRun,
  runBackup,
  startBackup,
} from './export.ts';
export { decodeItemLine, encodeItemLine } from './item-codec.ts';
export {
  EXCLUDED_ENTITIES,
  FORMAT_VERSION,
  type Item,
  type Manifest,
  type ManifestPart,
  partKeyOf,
} from './layout.ts';
export { COMPLETED_HOLDER_PREFIX, createLease, type Lease } from './lock.ts';
export { type BackupPhase, type BackupProgress, ProgressChannel } from './progress.ts';
export { type BackupRecord, type BackupRecords, createBackupRecords } from './records.ts';
export {
  type ApplyOptions,
  type ApplyReport,
  applyBackup,
  countByEntity,
  type RestoreDeps,
} from './restore.ts';
export { parallelScan } from './scan.ts';
export {
  type Availability,
  coldest,
  inspectBackupObjects,
  type ObjectStatus,
  objectStatus,
  readManifest,
  requestArchiveRestore,
} from './storage.ts';
export { type PartCheck, type VerifyReport, verifyBackup } from './verify.ts';
