import { z } from 'zod';

/** Objects listed per call when `maxObjects` is not given, and the most a caller may ask for. */
export const LIFECYCLE_REPORT_DEFAULT_MAX_OBJECTS = 100_000;
export const LIFECYCLE_REPORT_MAX_OBJECTS_CEILING = 1_000_000;

export const lifecycleReportInputSchema = z
  .object({
    /** Stop the listing after this many objects; the answer says so in `truncated`. */
    maxObjects: z.number().int().min(1).max(LIFECYCLE_REPORT_MAX_OBJECTS_CEILING).optional(),
    /** The day the report is for (`YYYY-MM-DD`, UTC); today when absent. */
    asOf: z.iso.date().optional(),
  })
  .optional();
export type LifecycleReportInput = z.infer<typeof lifecycleReportInputSchema>;

/** Age of an object since it was written, in days: `0-30` is under 30, `365+` at least 365. */
export const AGE_BAND_IDS = ['0-30', '30-90', '90-180', '180-365', '365+'] as const;
export type AgeBandId = (typeof AGE_BAND_IDS)[number];

const tally = { objects: z.number().int().min(0), bytes: z.number().min(0) };
export const tallySchema = z.object(tally);

export const lifecycleReportViewSchema = z.object({
  bucket: z.string(),
  /** When the report is for (ISO 8601). */
  asOf: z.string(),
  /** `bucket`: the rules the bucket has; `desired`: the endpoint could not report them, so infra's own. */
  rulesSource: z.enum(['bucket', 'desired']),
  /** The lifecycle rules the report applied, by ID. */
  ruleIds: z.array(z.string()),
  /** The region whose price table the costs use. */
  priceRegion: z.string(),
  priceSource: z.string(),
  /** USD per GB-month (GB = 2^30 bytes); `estimate` says how a figure not from AWS's price list was made. */
  prices: z.array(
    z.object({ storageClass: z.string(), usdPerGbMonth: z.number(), estimate: z.string().optional() }),
  ),
  /** ListObjectsV2 pages read. */
  pages: z.number().int().min(0),
  maxObjects: z.number().int().min(1),
  /** The listing stopped at `maxObjects`: the figures cover the first keys only. */
  truncated: z.boolean(),
  totals: tallySchema,
  /** Current objects by prefix (the rules' prefixes, else `(other)`), age band and storage class. */
  groups: z.array(
    z.object({ prefix: z.string(), ageBand: z.enum(AGE_BAND_IDS), storageClass: z.string(), ...tally }),
  ),
  /** What the rules will do: `due` is already due (S3 acts at its next daily run), else the month `YYYY-MM`. */
  schedule: z.array(
    z.object({
      when: z.string(),
      action: z.enum(['transition', 'expire']),
      storageClass: z.string().optional(),
      ...tally,
    }),
  ),
  /** Objects a transition rule covers that stay in STANDARD for being under 128 KB. */
  smallObjectsKept: tallySchema,
  /** Projected storage cost, USD per month. */
  monthlyCostUsd: z.object({
    /** As stored now. */
    asStored: z.number(),
    /** Everything in STANDARD: the bucket without lifecycle rules. */
    withoutRules: z.number(),
    /** Once every rule due by `asOf` has run. */
    withRules: z.number(),
  }),
  /** Objects in a class without a price: left out of the costs. */
  unpriced: z.array(z.object({ storageClass: z.string(), ...tally })),
  /** Remarks on the figures, as codes with values: each reader words them in their language. */
  notes: z.array(
    z.object({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) }),
  ),
});
export type LifecycleReportView = z.infer<typeof lifecycleReportViewSchema>;
