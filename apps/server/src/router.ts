import { z } from 'zod';
import { attachmentsRouter } from './routers/attachments.ts';
import { backupsRouter } from './routers/backups.ts';
import { customersRouter } from './routers/customers.ts';
import { publicProcedure, router } from './trpc.ts';

export const appRouter = router({
  health: publicProcedure
    .output(z.object({ status: z.literal('ok'), time: z.string() }))
    .query(() => ({ status: 'ok' as const, time: new Date().toISOString() })),
  customers: customersRouter,
  backups: backupsRouter,
  attachments: attachmentsRouter,
});

/** The router's type: the only thing clients import from the server. */
export type AppRouter = typeof appRouter;
