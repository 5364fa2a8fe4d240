import { CONFLICT_FIELD, ErrorReason } from '@cadastro/contracts';
import {
  CustomerNotFoundError,
  InvalidCursorError,
  JournalWriteError,
  UniqueValueTakenError,
  VersionConflictError,
} from '@cadastro/db';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { PasswordHashingBusyError } from './passwords.ts';

/** A TRPCError that carries a stable machine-readable reason (see `ErrorReason`) to `error.data.reason`. */
export class AppError extends TRPCError {
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    readonly reason: ErrorReason,
    message: string,
    readonly details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super({ code, message, cause });
  }
}

interface IssueLike {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

/** Zod's issues (or any Standard Schema issues) as `{ 'address.cep': ['cep_invalid'] }`. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  const issues = (cause as { issues?: IssueLike[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return null;
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || '_';
    fields[path] = [...(fields[path] ?? []), issue.message];
  }
  return fields;
}

const reasonOfTaken = { cpf: ErrorReason.CPF_TAKEN, email: ErrorReason.EMAIL_TAKEN } as const;

/** The API error for a domain error of `@cadastro/db`; other errors are returned unchanged. */
export function toApiError(error: unknown): unknown {
  if (error instanceof UniqueValueTakenError) {
    const reasons = error.kinds.map((k) => reasonOfTaken[k]);
    return new AppError('CONFLICT', reasons[0]!, 'Already registered', {
      conflicts: reasons.map((reason) => ({ reason, field: CONFLICT_FIELD[reason] })),
    });
  }
  if (error instanceof VersionConflictError) {
    return new AppError('CONFLICT', ErrorReason.VERSION_CONFLICT, 'Changed meanwhile; reload and try again');
  }
  if (error instanceof CustomerNotFoundError) {
    return new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Customer not found');
  }
  if (error instanceof InvalidCursorError) {
    return new AppError('BAD_REQUEST', ErrorReason.INVALID_CURSOR, 'Invalid cursor');
  }
  return unavailableError(error) ?? error;
}

/** Names and codes of failures that mean DynamoDB or S3 is unreachable, too slow or overloaded (not a bug here). */
const DEPENDENCY_ERROR_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'SlowDown',
]);
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when the error, or one it wraps (ElectroDB and tRPC wrap the SDK's), says a dependency is unavailable. */
export function isDependencyFailure(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 6; depth++) {
    if (typeof e.name === 'string' && DEPENDENCY_ERROR_NAMES.has(e.name)) return true;
    if (typeof e.code === 'string' && NETWORK_ERROR_CODES.has(e.code)) return true;
    const status = (e.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
    if (status !== undefined && status >= 500) return true;
    e = e.cause as Record<string, unknown> | undefined;
  }
  return false;
}

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Failures that are no bug here, with a stable reason: a full hashing queue as 429 (the caller is asked to slow
 * down, nothing is queued behind the flood), an unreachable dependency as 503; null for anything else.
 */
export function unavailableError(error: unknown): AppError | null {
  if (error instanceof PasswordHashingBusyError) {
    return new AppError(
      'TOO_MANY_REQUESTS',
      ErrorReason.BUSY,
      'Busy; retry shortly',
      {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      },
      error,
    );
  }
  // The access record could not be journaled: the read is refused rather than answered unrecorded.
  if (error instanceof JournalWriteError || isDependencyFailure(error)) {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      ErrorReason.DEPENDENCY_UNAVAILABLE,
      'Temporarily unavailable; retry shortly',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      error,
    );
  }
  return null;
}

/**
 * An error as logged: its type, network code and stack frames, and the same for what it wraps. Not the message,
 * which may quote the values involved (a CPF in a condition, an e-mail in a key).
 */
export function errorForLog(error: unknown, depth = 0): Record<string, unknown> {
  const e = (error ?? {}) as { name?: string; code?: unknown; stack?: string; cause?: unknown };
  const frames = (e.stack ?? '').split('\n').slice(1, 12).join('\n');
  return {
    type: e.name,
    ...(typeof e.code === 'string' && { code: e.code }),
    frames,
    ...(e.cause !== undefined && depth < 4 && { cause: errorForLog(e.cause, depth + 1) }),
  };
}
