import type { TRPCBuiltRouter, TRPCDecorateCreateRouterOptions } from '@trpc/server';
import { z } from 'zod';
import type { Meta } from './procedure-meta.ts';
import { addressesProcedures } from './routers/addresses.ts';
import { attachmentsProcedures } from './routers/attachments.ts';
import { authProcedures } from './routers/auth.ts';
import { backupsProcedures } from './routers/backups.ts';
import { customersProcedures } from './routers/customers.ts';
import { operatorsProcedures } from './routers/operators.ts';
import { opsProcedures } from './routers/ops.ts';
import { publicProcedure, router } from './trpc.ts';

/**
 * Every procedure by area. The areas are plain records (tRPC's inline sub-routers) rather than routers, so their
 * declared types name procedures only, never the server's context: see `PublicRouter`.
 */
const procedures = {
  health: publicProcedure
    .output(z.object({ status: z.literal('ok'), time: z.string() }))
    .query(() => ({ status: 'ok' as const, time: new Date().toISOString() })),
  auth: authProcedures,
  customers: customersProcedures,
  backups: backupsProcedures,
  attachments: attachmentsProcedures,
  ops: opsProcedures,
  addresses: addressesProcedures,
  operators: operatorsProcedures,
};

export const appRouter = router(procedures);

/** The router's type, for code inside this repository (the SPA, tests). */
export type AppRouter = typeof appRouter;

/**
 * The router's type as published in `@cadastro/client`: the same procedures, inputs, outputs and error shape,
 * with the server's context (Fastify, DynamoDB, S3 clients…) erased, so that its declarations can be bundled
 * into a package that depends on `@trpc/client` alone.
 */
export type PublicRouter = TRPCBuiltRouter<
  {
    ctx: object;
    meta: Meta;
    errorShape: (typeof procedures)['health']['_def']['$types']['errorShape'];
    transformer: false;
  },
  TRPCDecorateCreateRouterOptions<typeof procedures>
>;
