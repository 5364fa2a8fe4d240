import { CONFLICT_FIELD, ErrorReason } from '@cadastro/contracts';
import {
  CustomerNotFoundError,
  InvalidCursorError,
  UniqueValueTakenError,
  VersionConflictError,
} from '@cadastro/db';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** A TRPCError that carries a stable machine-readable reason (see `ErrorReason`) to `error.data.reason`. */
export class AppError extends TRPCError {
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    readonly reason: ErrorReason,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super({ code, message });
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
  return error;
}
