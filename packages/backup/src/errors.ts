/** Why a backup operation was refused; the server maps each to a tRPC code and an `ErrorReason`. */
export type BackupErrorCode =
  | 'BACKUP_RUNNING'
  | 'NOT_FOUND'
  | 'INCOMPLETE'
  | 'ARCHIVED'
  | 'CORRUPT'
  | 'TARGET_NOT_EMPTY'
  | 'UNSUPPORTED_FORMAT';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
