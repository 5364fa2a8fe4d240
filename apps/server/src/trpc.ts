import { ErrorReason } from '@cadastro/contracts';
import { initTRPC } from '@trpc/server';
import type { Context } from './context.ts';
import { AppError, fieldErrorsOf } from './errors.ts';

const t = initTRPC.context<Context>().create({
  /** Adds a stable `reason` to every error and, on BAD_REQUEST, the invalid fields with their reasons. */
  errorFormatter({ shape, error }) {
    const fieldErrors = error.code === 'BAD_REQUEST' ? fieldErrorsOf(error.cause) : null;
    const reason =
      error instanceof AppError ? error.reason : fieldErrors ? ErrorReason.VALIDATION : undefined;
    const { stack: _stack, ...data } = shape.data;
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

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure;

/** Other services of the company, with an API key in `Authorization: Bearer …`. */
export const serviceProcedure = t.procedure.use(({ ctx, next }) => {
  if (ctx.caller.role !== 'service') {
    throw new AppError('UNAUTHORIZED', ErrorReason.UNAUTHENTICATED, 'A valid API key is required');
  }
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});
