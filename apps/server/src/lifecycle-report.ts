import {
  AGE_BAND_IDS,
  LIFECYCLE_REPORT_DEFAULT_MAX_OBJECTS,
  type LifecycleReportInput,
  type LifecycleReportView,
} from '@cadastro/contracts';
import {
  AGE_BANDS,
  DEFAULT_LIFECYCLE,
  describeError,
  isUnsupportedByEndpoint,
  type LifecycleConfiguration,
  lifecycleConfiguration,
  lifecycleReport,
  liveLifecycleConfiguration,
  pricesFor,
  type ReportNote,
} from '@cadastro/infra';
import type { Context } from './context.ts';

/** The region whose S3 prices apply: the S3 client's own (AWS_REGION), us-east-1 when it has none. */
async function priceRegion(ctx: Context): Promise<string> {
  try {
    return (await ctx.aws.s3.config.region()) || 'us-east-1';
  } catch {
    return 'us-east-1';
  }
}

/**
 * The bucket's lifecycle rules or, when the endpoint cannot report them (s3rver answers 501 NotImplemented),
 * the desired rules of `@cadastro/infra` with a note saying so: the report never fails for want of rules.
 */
async function rulesFor(
  ctx: Context,
): Promise<{ lifecycle: LifecycleConfiguration; source: 'bucket' | 'desired'; note?: ReportNote }> {
  try {
    return { lifecycle: await liveLifecycleConfiguration(ctx.aws.s3, ctx.bucket), source: 'bucket' };
  } catch (error) {
    const why = isUnsupportedByEndpoint(error)
      ? `The S3 endpoint does not implement lifecycle configuration (${describeError(error)})`
      : `The bucket's lifecycle rules could not be read (${describeError(error)})`;
    if (!isUnsupportedByEndpoint(error)) ctx.log.warn({ err: error }, 'lifecycle rules unreadable');
    return {
      lifecycle: lifecycleConfiguration(DEFAULT_LIFECYCLE),
      source: 'desired',
      note: { code: 'rules_from_infra', values: { why } },
    };
  }
}

/** `ops.lifecycleReport`: the infra report over the server's bucket, shaped for the API. */
export async function lifecycleReportView(
  ctx: Context,
  input: LifecycleReportInput,
): Promise<LifecycleReportView> {
  const maxObjects = input?.maxObjects ?? LIFECYCLE_REPORT_DEFAULT_MAX_OBJECTS;
  const region = await priceRegion(ctx);
  const rules = await rulesFor(ctx);
  const report = await lifecycleReport({
    s3: ctx.aws.s3,
    bucket: ctx.bucket,
    lifecycle: rules.lifecycle,
    region,
    prices: pricesFor(region),
    maxObjects,
    ...(input?.asOf && { asOf: new Date(`${input.asOf}T00:00:00Z`) }),
  });
  const bandLabels: readonly string[] = AGE_BANDS.map((b) => b.label);
  return {
    bucket: report.bucket,
    asOf: report.asOf,
    rulesSource: rules.source,
    ruleIds: rules.lifecycle.Rules.map((r) => r.ID ?? '(unnamed)'),
    priceRegion: report.prices.region,
    priceSource: report.prices.source,
    prices: Object.entries(report.prices.perGbMonth).flatMap(([storageClass, price]) =>
      price
        ? [{ storageClass, usdPerGbMonth: price.usd, ...(price.estimate && { estimate: price.estimate }) }]
        : [],
    ),
    pages: report.pages,
    maxObjects,
    truncated: report.truncated,
    totals: report.totals,
    groups: report.groups.map(({ age, ...group }) => ({
      ...group,
      ageBand: AGE_BAND_IDS[bandLabels.indexOf(age)] ?? '365+',
    })),
    schedule: report.schedule,
    smallObjectsKept: report.smallObjectsKept,
    monthlyCostUsd: report.monthlyCostUsd,
    unpriced: report.unpriced,
    notes: [...(rules.note ? [rules.note] : []), ...report.notes],
  };
}
