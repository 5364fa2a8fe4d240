import type { ErrorReason } from '@cadastro/contracts';
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
