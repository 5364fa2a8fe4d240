import { ErrorReason, OPERATOR_ROLES } from '@cadastro/contracts';
import { initTRPC } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { Caller, Context } from './context.ts';
import { AppError, fieldErrorsOf, toApiError } from './errors.ts';
import type { Meta, Role } from './procedure-meta.ts';

export type { Meta, Role } from './procedure-meta.ts';

/** Reasons for the refusals tRPC itself makes (unknown path, wrong method, unreadable body, oversized batch). */
const REASON_OF_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorReason>> = {
  BAD_REQUEST: ErrorReason.VALIDATION,
  PARSE_ERROR: ErrorReason.VALIDATION,
  PAYLOAD_TOO_LARGE: ErrorReason.VALIDATION,
  UNSUPPORTED_MEDIA_TYPE: ErrorReason.VALIDATION,
  NOT_FOUND: ErrorReason.NOT_FOUND,
  METHOD_NOT_SUPPORTED: ErrorReason.METHOD_NOT_ALLOWED,
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    /**
     * Adds a stable `reason` to every error and, on BAD_REQUEST, the invalid fields with their reasons. An
     * unexpected error says nothing but the request id: its cause is in the log under that id.
     */
    errorFormatter({ shape, error, ctx }) {
      const { stack: _stack, ...data } = shape.data;
      if (!(error instanceof AppError) && error.code === 'INTERNAL_SERVER_ERROR') {
        const requestId = ctx?.requestId;
        return {
          ...shape,
          message: `Unexpected error${requestId ? ` (request ${requestId})` : ''}`,
          data: { ...data, reason: ErrorReason.INTERNAL, requestId, fieldErrors: null },
        };
      }
      const fieldErrors = error.code === 'BAD_REQUEST' ? fieldErrorsOf(error.cause) : null;
      const reason =
        error instanceof AppError
          ? error.reason
          : fieldErrors
            ? ErrorReason.VALIDATION
            : REASON_OF_CODE[error.code];
      return {
        ...shape,
        message: fieldErrors ? 'Invalid input' : shape.message,
        data: {
          ...data,
          reason,
          fieldErrors,
          ...(error instanceof AppError ? error.details : {}),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const allowed: Record<Role, ReadonlyArray<Caller['role']>> = {
  public: ['anonymous', 'customer', 'operator', 'service'],
  customer: ['customer'],
  operator: ['operator'],
  service: ['service'],
  staff: ['operator', 'service'],
  customerOrStaff: ['customer', 'operator', 'service'],
};

/** Deny by default: a procedure without a declared role, or a caller outside it, never reaches its resolver. */
const authorize = t.middleware(({ ctx, meta, next }) => {
  const role = meta?.role;
  if (!role) throw new AppError('FORBIDDEN', ErrorReason.FORBIDDEN, 'Procedure declares no role');
  if (!allowed[role].includes(ctx.caller.role)) {
    if (ctx.caller.role === 'anonymous') {
      throw new AppError('UNAUTHORIZED', ErrorReason.UNAUTHENTICATED, 'Sign in or send a valid API key');
    }
    throw new AppError('FORBIDDEN', ErrorReason.FORBIDDEN, 'Not allowed for this caller');
  }
  if (ctx.caller.role === 'operator' && role !== 'public') {
    if (!meta?.operatorRoles?.includes(ctx.caller.operatorRole)) {
      throw new AppError('FORBIDDEN', ErrorReason.FORBIDDEN, 'Not allowed for this operator role');
    }
    if (ctx.caller.pending && !meta.allowPending) {
      throw ctx.caller.pending === 'password'
        ? new AppError('FORBIDDEN', ErrorReason.PASSWORD_CHANGE_REQUIRED, 'Choose a new password first')
        : new AppError('FORBIDDEN', ErrorReason.TOTP_ENROLMENT_REQUIRED, 'Enrol an authenticator first');
    }
  }
  if (ctx.caller.role === 'service' && role !== 'public') {
    if (!meta?.scope) throw new AppError('FORBIDDEN', ErrorReason.FORBIDDEN, 'Not open to API keys');
    if (!ctx.caller.scopes.includes(meta.scope)) {
      throw new AppError('FORBIDDEN', ErrorReason.MISSING_SCOPE, `The API key lacks ${meta.scope}`, {
        scope: meta.scope,
      });
    }
  }
  return next();
});

/**
 * Domain errors (taken value, stale version, unknown customer, bad cursor) become API errors with a reason;
 * an unreachable DynamoDB or S3 and a full hashing queue become 503s.
 */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toApiError(result.error.cause);
    if (mapped instanceof AppError) throw mapped;
  }
  return result;
});

const withRole = (role: Role) => t.procedure.meta({ role }).use(authorize).use(mapDomainErrors);

/** Anyone, signed in or not. */
export const publicProcedure = withRole('public');

/** A signed-in customer; `ctx.caller.customerId` is who they are. */
export const customerProcedure = withRole('customer').use(({ ctx, next }) => {
  if (ctx.caller.role !== 'customer') throw new Error('unreachable: authorize admitted a non-customer');
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

/** Company staff signed in to /admin; each use names the operator roles it admits (or uses one below). */
export const operatorProcedure = withRole('operator').use(({ ctx, next }) => {
  if (ctx.caller.role !== 'operator') throw new Error('unreachable: authorize admitted a non-operator');
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

/** Operator roles of the procedures that manage the service itself, of customer work and of oversight. */
export const ADMIN: Pick<Meta, 'operatorRoles'> = { operatorRoles: ['admin'] };
export const SUPPORT: Pick<Meta, 'operatorRoles'> = { operatorRoles: ['admin', 'support'] };
export const AUDIT: Pick<Meta, 'operatorRoles'> = { operatorRoles: ['admin', 'auditor'] };

/** Operators managing operators, keys, backups and restores. */
export const adminProcedure = operatorProcedure.meta(ADMIN);
/** Operators reading and correcting customers and their documents. */
export const supportProcedure = operatorProcedure.meta(SUPPORT);
/** Operators reading the access record and the reports. */
export const auditProcedure = operatorProcedure.meta(AUDIT);
/** Any operator acting on their own account, also before their first password change or enrolment. */
export const ownAccountProcedure = operatorProcedure.meta({
  operatorRoles: OPERATOR_ROLES,
  allowPending: true,
});

/** Other services of the company, with an API key in `Authorization: Bearer …`. */
export const serviceProcedure = withRole('service').use(({ ctx, next }) => {
  if (ctx.caller.role !== 'service') throw new Error('unreachable: authorize admitted a non-service');
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

/** Operators or services: back-office work that automation may also do (backups, reports). */
export const staffProcedure = withRole('staff').use(({ ctx, next }) => {
  if (ctx.caller.role !== 'operator' && ctx.caller.role !== 'service') {
    throw new Error('unreachable: authorize admitted a non-staff caller');
  }
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

/**
 * A customer acting on their own data, or staff acting on a customer's data (which then names the customer):
 * resolvers must scope every read and write to that customer (see `attachments/owner.ts`).
 */
export const customerOrStaffProcedure = withRole('customerOrStaff').use(({ ctx, next }) => {
  if (ctx.caller.role === 'anonymous') throw new Error('unreachable: authorize admitted an anonymous caller');
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});
