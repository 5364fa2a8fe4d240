import {
  accessRecordPageSchema,
  accessRecordQuerySchema,
  apiKeyIdSchema,
  apiKeyViewSchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  ErrorReason,
  lifecycleReportInputSchema,
  lifecycleReportViewSchema,
} from '@cadastro/contracts';
import { z } from 'zod';
import { newApiKey } from '../api-keys.ts';
import { toAccessRecordView, toApiKeyView } from '../customers/present.ts';
import { AppError } from '../errors.ts';
import { AUDIT, adminProcedure, auditProcedure, staffProcedure } from '../trpc.ts';

const apiKeysProcedures = {
  /** Creates a key for a service; the answer holds the secret, shown this once. */
  create: adminProcedure
    .input(createApiKeyInputSchema)
    .output(createdApiKeySchema)
    .mutation(async ({ ctx, input }) => {
      const { key, item } = newApiKey(input, ctx.caller.operatorId);
      const stored = await ctx.apiKeyStore.create(item);
      ctx.log.info({ keyId: item.keyId, operatorId: ctx.caller.operatorId }, 'API key created');
      return { apiKey: toApiKeyView(stored), key };
    }),

  list: adminProcedure.output(z.array(apiKeyViewSchema)).query(async ({ ctx }) => {
    return (await ctx.apiKeyStore.list()).map(toApiKeyView);
  }),

  revoke: adminProcedure
    .input(apiKeyIdSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.apiKeyStore.revoke(input.id))) {
        throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'No such API key');
      }
      ctx.apiKeys.forget(input.id);
      ctx.log.info({ keyId: input.id, operatorId: ctx.caller.operatorId }, 'API key revoked');
      return { ok: true as const };
    }),
};

export const opsProcedures = {
  apiKeys: apiKeysProcedures,

  /** The access record of one month (every read of personal data by staff or services), newest first. */
  accessRecord: auditProcedure
    .input(accessRecordQuerySchema)
    .output(accessRecordPageSchema)
    .query(async ({ ctx, input }) => {
      const page = await ctx.accessRecords.forMonth(input.month, input);
      return { items: page.items.map(toAccessRecordView), nextCursor: page.nextCursor };
    }),

  /**
   * The bucket's objects by prefix, age band and storage class, what the lifecycle rules will move and when,
   * and the monthly storage cost with and without them. Lists the bucket on each call, up to `maxObjects`.
   */
  lifecycleReport: staffProcedure
    .meta({ scope: 'reports:read', ...AUDIT })
    .input(lifecycleReportInputSchema)
    .output(lifecycleReportViewSchema)
    // The infra package's report code, loaded on the first report (a chunk of its own in the release).
    .query(async ({ ctx, input }) =>
      (await import('../lifecycle-report.ts')).lifecycleReportView(ctx, input),
    ),
};
