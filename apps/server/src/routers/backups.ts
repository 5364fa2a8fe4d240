import type { ApplyReport, VerifyReport } from '@cadastro/backup';
import {
  archiveRestoreInputSchema,
  backupRefSchema,
  ErrorReason,
  pageInputSchema,
  restoreInputSchema,
} from '@cadastro/contracts';
import { asApiErrors } from '../backups/errors.ts';
import type { Caller } from '../context.ts';
import { AppError } from '../errors.ts';
import { ADMIN, AUDIT, adminProcedure, staffProcedure } from '../trpc.ts';

const who = (caller: Caller) =>
  caller.role === 'operator'
    ? `operator:${caller.operatorId}`
    : caller.role === 'service'
      ? `service:${caller.keyId}`
      : caller.role;

const verifyView = (report: VerifyReport) => ({
  backupId: report.backupId,
  ok: report.ok,
  totalItems: report.totalItems,
  problems: report.problems,
  parts: report.parts.map((p) => ({
    name: p.name,
    entity: p.entity,
    ok: p.ok,
    problems: p.problems,
    items: p.actual?.items ?? null,
    expectedItems: p.expected.items,
  })),
});

const applyView = (report: ApplyReport) => ({
  targetTable: report.targetTable,
  createdTable: report.createdTable,
  written: report.written,
  skippedErased: report.skippedErased,
  keptExisting: report.keptExisting,
  erasedCustomers: report.erasedCustomers,
  found: report.found,
  countsMatch: report.countsMatch,
});

/**
 * Backups of the table to S3 and their restore. Services with the right scope may list and start backups;
 * restores (even a verify, which reads every customer's data) are for operators only, never for API keys.
 */
export const backupsProcedures = {
  /** Starts a backup and answers at once; follow it with `progress`. CONFLICT/BACKUP_RUNNING if one is running. */
  create: staffProcedure.meta({ scope: 'backups:run', ...ADMIN }).mutation(async ({ ctx }) => {
    const run = await asApiErrors(() => ctx.backups.start('api', who(ctx.caller)));
    ctx.log.info({ backupId: run.backupId, by: who(ctx.caller) }, 'backup started');
    return { backupId: run.backupId };
  }),

  /** Newest first, with state, counts, size and where the objects are (archived backups show as such). */
  list: staffProcedure
    .meta({ scope: 'backups:read', ...AUDIT })
    .input(pageInputSchema)
    .query(({ ctx, input }) => ctx.backups.list(input.limit, input.cursor)),

  get: staffProcedure
    .meta({ scope: 'backups:read', ...AUDIT })
    .input(backupRefSchema)
    .query(({ ctx, input }) => asApiErrors(() => ctx.backups.get(input.backupId))),

  /**
   * Server-sent events: items and bytes done, rate and ETA, ending with `completed` (and the counts) or
   * `failed`. A client that reconnects receives the latest snapshot first.
   */
  progress: staffProcedure
    .meta({ scope: 'backups:read', ...AUDIT })
    .input(backupRefSchema)
    .subscription(async function* ({ ctx, input, signal }) {
      await asApiErrors(() => ctx.backups.get(input.backupId)); // NOT_FOUND before the stream opens
      yield* ctx.backups.progress(input.backupId, signal);
    }),

  /**
   * `verify`: reads every part and checks SHA-256 and counts against the manifest, naming failing parts.
   * `apply`: verifies, then writes into `targetTable` (default a new table), skipping erased customers; into a
   * table that holds items it only adds the missing ones. The live table needs `confirmLiveTable` set to its name
   * (break glass). PRECONDITION_FAILED/ARCHIVED while the backup is in Glacier (see `restoreFromArchive`).
   */
  restore: adminProcedure.input(restoreInputSchema).mutation(async ({ ctx, input, signal }) => {
    if (input.mode === 'verify') {
      return {
        mode: 'verify' as const,
        verify: verifyView(await asApiErrors(() => ctx.backups.verify(input.backupId, signal))),
      };
    }
    if (input.targetTable === ctx.table && input.confirmLiveTable !== ctx.table) {
      throw new AppError(
        'PRECONDITION_FAILED',
        ErrorReason.CONFIRMATION_REQUIRED,
        'Restoring into the live table needs its name in confirmLiveTable',
        { table: ctx.table },
      );
    }
    ctx.log.warn(
      { backupId: input.backupId, targetTable: input.targetTable ?? null, by: who(ctx.caller) },
      'restore requested',
    );
    const report = await asApiErrors(() =>
      ctx.backups.apply({
        backupId: input.backupId,
        targetTable: input.targetTable,
        allowNonEmpty: input.allowNonEmpty,
        signal,
      }),
    );
    ctx.log.warn({ backupId: input.backupId, ...applyView(report) }, 'restore applied');
    return { mode: 'apply' as const, verify: verifyView(report.verified), apply: applyView(report) };
  }),

  /** Asks S3 to bring an archived backup's objects back from Glacier for `days`; `get` shows when they are. */
  restoreFromArchive: adminProcedure
    .input(archiveRestoreInputSchema)
    .mutation(({ ctx, input }) =>
      asApiErrors(() => ctx.backups.restoreFromArchive(input.backupId, input.days, input.tier)),
    ),
};
