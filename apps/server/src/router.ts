import { z } from 'zod';
import { addressesRouter } from './routers/addresses.ts';
import { attachmentsRouter } from './routers/attachments.ts';
import { authRouter } from './routers/auth.ts';
import { backupsRouter } from './routers/backups.ts';
import { customersRouter } from './routers/customers.ts';
import { operatorsRouter } from './routers/operators.ts';
import { opsRouter } from './routers/ops.ts';
import { publicProcedure, router } from './trpc.ts';

export const appRouter = router({
  health: publicProcedure
    .output(z.object({ status: z.literal('ok'), time: z.string() }))
    .query(() => ({ status: 'ok' as const, time: new Date().toISOString() })),
  auth: authRouter,
  customers: customersRouter,
  backups: backupsRouter,
  attachments: attachmentsRouter,
  ops: opsRouter,
  addresses: addressesRouter,
  operators: operatorsRouter,
});

/** The router's type: the only thing clients import from the server. */
export type AppRouter = typeof appRouter;
