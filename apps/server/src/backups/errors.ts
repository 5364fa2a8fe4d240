import { BackupError } from '@cadastro/backup/errors';
import { ErrorReason } from '@cadastro/contracts';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { AppError } from '../errors.ts';

const mapping: Record<BackupError['code'], [TRPC_ERROR_CODE_KEY, ErrorReason]> = {
  BACKUP_RUNNING: ['CONFLICT', ErrorReason.BACKUP_RUNNING],
  NOT_FOUND: ['NOT_FOUND', ErrorReason.NOT_FOUND],
  INCOMPLETE: ['PRECONDITION_FAILED', ErrorReason.BACKUP_INCOMPLETE],
  ARCHIVED: ['PRECONDITION_FAILED', ErrorReason.ARCHIVED],
  CORRUPT: ['PRECONDITION_FAILED', ErrorReason.BACKUP_CORRUPT],
  TARGET_NOT_EMPTY: ['CONFLICT', ErrorReason.TARGET_NOT_EMPTY],
  UNSUPPORTED_FORMAT: ['PRECONDITION_FAILED', ErrorReason.BACKUP_UNSUPPORTED_FORMAT],
};

/** Runs `fn`, turning the engine's refusals into API errors with a stable reason and their details. */
export async function asApiErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    const [code, reason] = mapping[error.code];
    throw new AppError(code, reason, error.message, error.details);
  }
}
