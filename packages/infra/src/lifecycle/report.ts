import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { formatBytes } from '@cadastro/contracts';
import type { LifecycleConfiguration } from '../desired/lifecycle-rules.ts';
import { monthlyCost } from './cost.ts';
import { classAt, type ListedObject, objectFate, usesTags } from './object-fate.ts';
import { pricesFor, type RegionPrices } from './prices.ts';
import { MINIMUM_STORAGE_DAYS, SMALL_OBJECT_BYTES } from './storage-classes.ts';

export interface Tally {
  objects: number;
  bytes: number;
}

/**
 * A remark on the report's figures: a stable code and its values. `noteText` words it in English (the command
 * line); the SPA words it in the reader's language.
 */
export interface ReportNote {
  code:
    | 'current_versions_only'
    | 'storage_only'
    | 'archive_overhead'
    | 'minimum_storage_days'
    | 'price_estimate'
    | 'tag_rules_not_evaluated'
    | 'small_objects_stay'
    | 'truncated'
    | 'rules_from_infra';
  values: Record<string, string | number>;
}

/** A note in English. */
export function noteText({ code, values: v }: ReportNote): string {
  switch (code) {
    case 'current_versions_only':
      return 'Current versions only: noncurrent versions (kept by versioning) are not listed and not counted.';
    case 'storage_only':
      return 'Storage only: requests, lifecycle transitions and retrievals are billed on top.';
    case 'archive_overhead':
      return 'GLACIER and DEEP_ARCHIVE count 40 KiB more per object (32 KiB at their rate, 8 KiB at STANDARD); GLACIER_IR bills objects under 128 KiB as 128 KiB.';
    case 'minimum_storage_days':
      return `Objects deleted or moved earlier than ${Object.entries(v)
        .map(([c, d]) => `${d} days in ${c}`)
        .join(', ')} are billed for the rest of that minimum.`;
    case 'price_estimate':
      return `Price of ${v.storageClass} in ${v.region} is an estimate: ${v.estimate}.`;
    case 'tag_rules_not_evaluated':
      return 'Rules that filter on tags are not evaluated (a listing carries no tags).';
    case 'small_objects_stay':
      return `Objects under ${formatBytes(Number(v.limitBytes))} stay in STANDARD (the rule set says so explicitly).`;
    case 'truncated':
      return `Stopped after ${v.objects} objects (the cap asked for): the figures cover the first keys in key order, not the whole bucket.`;
    case 'rules_from_infra':
      return `${v.why}: the report applies the desired rules of @cadastro/infra (defaults), not the bucket's.`;
  }
}

export interface LifecycleReportInput {
  s3: S3Client;
  bucket: string;
  lifecycle: LifecycleConfiguration;
  region: string;
  /** The date the report is for; today when absent. */
  asOf?: Date;
  prices?: RegionPrices;
  /** Objects per ListObjectsV2 page (1000 at most). */
  pageSize?: number;
  /** Stop after this many objects (in key order); `truncated` then says the listing went on. */
  maxObjects?: number;
}

export interface LifecycleReport {
  bucket: string;
  region: string;
  asOf: string;
  prices: RegionPrices;
  /** ListObjectsV2 pages read; the listing is consumed page by page, never held whole. */
  pages: number;
  /** True when `maxObjects` stopped the listing before its end: the figures cover the first keys only. */
  truncated: boolean;
  totals: Tally;
  /** Current objects by prefix (the rules' prefixes), age band and storage class. */
  groups: Array<{ prefix: string; age: string; storageClass: string } & Tally>;
  /** What the rules will do: `due` is already due by `asOf` (S3 acts at its next daily run), else the month. */
  schedule: Array<{ when: string; action: 'transition' | 'expire'; storageClass?: string } & Tally>;
  /** Objects a transition rule covers but that stay in STANDARD for being under 128 KB. */
  smallObjectsKept: Tally;
  monthlyCostUsd: {
    /** As stored now. */
    asStored: number;
    /** Every listed object in STANDARD: the bucket without lifecycle rules. */
    withoutRules: number;
    /** Once every rule due by `asOf` has run. */
    withRules: number;
  };
  /** Objects in a class the price table has no figure for: left out of the costs above. */
  unpriced: Array<{ storageClass: string } & Tally>;
  notes: ReportNote[];
}

const DAY_MS = 86_400_000;
export const AGE_BANDS = [
  { label: '< 30 d', below: 30 },
  { label: '30–90 d', below: 90 },
  { label: '90–180 d', below: 180 },
  { label: '180–365 d', below: 365 },
  { label: '≥ 365 d', below: Number.POSITIVE_INFINITY },
] as const;

export function ageBand(lastModified: Date, asOf: Date): string {
  const days = (asOf.getTime() - lastModified.getTime()) / DAY_MS;
  return AGE_BANDS.find((b) => days < b.below)!.label;
}

/** A running total per key: memory grows with the number of groups, never with the number of objects. */
class Tallies<K extends string> {
  readonly map = new Map<K, Tally>();
  add(key: K, bytes: number) {
    const t = this.map.get(key) ?? { objects: 0, bytes: 0 };
    t.objects += 1;
    t.bytes += bytes;
    this.map.set(key, t);
  }
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

function rulePrefixes(config: LifecycleConfiguration): string[] {
  const prefixes = config.Rules.map((r) => r.Filter?.And?.Prefix ?? r.Filter?.Prefix ?? r.Prefix ?? '');
  return [...new Set(prefixes.filter(Boolean))].sort((a, b) => b.length - a.length);
}

function notesFor(config: LifecycleConfiguration, prices: RegionPrices): ReportNote[] {
  const notes: ReportNote[] = [
    { code: 'current_versions_only', values: {} },
    { code: 'storage_only', values: {} },
    { code: 'archive_overhead', values: {} },
    { code: 'minimum_storage_days', values: { ...MINIMUM_STORAGE_DAYS } },
  ];
  const estimated = Object.entries(prices.perGbMonth).filter(([, p]) => p?.estimate);
  for (const [cls, p] of estimated)
    notes.push({
      code: 'price_estimate',
      values: { storageClass: cls, region: prices.region, estimate: p!.estimate! },
    });
  if (config.Rules.some(usesTags)) notes.push({ code: 'tag_rules_not_evaluated', values: {} });
  return notes;
}

export async function lifecycleReport(input: LifecycleReportInput): Promise<LifecycleReport> {
  const asOf = input.asOf ?? new Date();
  const prices = input.prices ?? pricesFor(input.region);
  const prefixes = rulePrefixes(input.lifecycle);
  const groups = new Tallies<string>();
  const schedule = new Tallies<string>();
  const unpriced = new Tallies<string>();
  const totals: Tally = { objects: 0, bytes: 0 };
  const smallObjectsKept: Tally = { objects: 0, bytes: 0 };
  const cost = { asStored: 0, withoutRules: 0, withRules: 0 };
  let pages = 0;
  let truncated = false;
  const maxObjects = input.maxObjects ?? Number.POSITIVE_INFINITY;

  const addCost = (which: keyof typeof cost, size: number, storageClass: string) => {
    const usd = monthlyCost(size, storageClass, prices);
    if (usd === undefined) unpriced.add(storageClass, size);
    else cost[which] += usd;
  };

  const visit = (object: ListedObject) => {
    totals.objects += 1;
    totals.bytes += object.size;
    const prefix = prefixes.find((p) => object.key.startsWith(p)) ?? '(other)';
    groups.add(`${prefix}\t${ageBand(object.lastModified, asOf)}\t${object.storageClass}`, object.size);

    const fate = objectFate(object, input.lifecycle);
    if (fate.keptSmall) {
      smallObjectsKept.objects += 1;
      smallObjectsKept.bytes += object.size;
    }
    const when = (d: Date) => (d <= asOf ? 'due' : monthOf(d));
    for (const t of fate.transitions)
      schedule.add(`${when(t.at)}\ttransition\t${t.storageClass}`, object.size);
    if (fate.expiration) schedule.add(`${when(fate.expiration.at)}\texpire\t`, object.size);

    addCost('asStored', object.size, object.storageClass);
    addCost('withoutRules', object.size, 'STANDARD');
    const later = classAt(object, fate, asOf);
    if (later) addCost('withRules', object.size, later);
  };

  const pager = paginateListObjectsV2(
    { client: input.s3, pageSize: Math.min(input.pageSize ?? 1000, maxObjects) },
    { Bucket: input.bucket },
  );
  listing: for await (const page of pager) {
    pages += 1;
    const contents = page.Contents ?? [];
    for (const [i, o] of contents.entries()) {
      if (totals.objects >= maxObjects) {
        truncated = true;
        break listing;
      }
      visit({
        key: o.Key ?? '',
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? asOf,
        storageClass: o.StorageClass ?? 'STANDARD',
      });
      if (totals.objects >= maxObjects && (i < contents.length - 1 || page.IsTruncated)) {
        truncated = true;
        break listing;
      }
    }
  }

  return {
    bucket: input.bucket,
    region: input.region,
    asOf: asOf.toISOString(),
    prices,
    pages,
    truncated,
    totals,
    groups: [...groups.map].map(([key, t]) => {
      const [prefix = '', age = '', storageClass = ''] = key.split('\t');
      return { prefix, age, storageClass, ...t };
    }),
    schedule: [...schedule.map]
      .map(([key, t]) => {
        const [when = '', action = '', storageClass = ''] = key.split('\t');
        return {
          when,
          action: action as 'transition' | 'expire',
          ...(storageClass && { storageClass }),
          ...t,
        };
      })
      .sort((a, b) =>
        a.when === b.when ? 0 : a.when === 'due' ? -1 : b.when === 'due' ? 1 : a.when.localeCompare(b.when),
      ),
    smallObjectsKept,
    monthlyCostUsd: cost,
    unpriced: [...unpriced.map].map(([storageClass, t]) => ({ storageClass, ...t })),
    notes: [
      ...(input.lifecycle.TransitionDefaultMinimumObjectSize === 'all_storage_classes_128K'
        ? [{ code: 'small_objects_stay' as const, values: { limitBytes: SMALL_OBJECT_BYTES } }]
        : []),
      ...notesFor(input.lifecycle, prices),
      ...(truncated ? [{ code: 'truncated' as const, values: { objects: totals.objects } }] : []),
    ],
  };
}
