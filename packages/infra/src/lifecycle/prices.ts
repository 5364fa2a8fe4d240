/**
 * S3 storage prices, USD per GB-month (GB = 2^30 bytes), first 50 TB/month tier. Kept as data so that a new
 * region or a price change is one edit; every figure says where it comes from and whether it is an estimate.
 */
export interface Price {
  usd: number;
  /** Set when the figure is not taken from AWS's price list: says how it was made. */
  estimate?: string;
}

export interface RegionPrices {
  region: string;
  source: string;
  perGbMonth: Partial<Record<string, Price>>;
}

const SA_EAST_1_STANDARD = 0.0405;
/** São Paulo's STANDARD price over us-east-1's, used to estimate the archive classes there. */
const SA_EAST_1_RATIO = SA_EAST_1_STANDARD / 0.023;
const scaled = (usEast1: number): Price => ({
  usd: Number((usEast1 * SA_EAST_1_RATIO).toFixed(5)),
  estimate:
    'us-east-1 price × 1.76 (the ratio of the STANDARD prices); replace it with the price list figure',
});

export const PRICE_TABLE: Record<string, RegionPrices> = {
  'us-east-1': {
    region: 'us-east-1',
    source: 'AWS S3 price list, US East (N. Virginia), first 50 TB/month (figures of November 2026)',
    perGbMonth: {
      STANDARD: { usd: 0.023 },
      GLACIER_IR: { usd: 0.004 },
      GLACIER: { usd: 0.0036 },
      DEEP_ARCHIVE: { usd: 0.00099 },
    },
  },
  'sa-east-1': {
    region: 'sa-east-1',
    source: 'estimates: check the AWS S3 price list for South America (São Paulo) before relying on them',
    perGbMonth: {
      STANDARD: {
        usd: SA_EAST_1_STANDARD,
        estimate: 'the S3 price list figure as last known, not re-checked',
      },
      GLACIER_IR: scaled(0.004),
      GLACIER: scaled(0.0036),
      DEEP_ARCHIVE: scaled(0.00099),
    },
  },
};

/** The region's table, or us-east-1's marked as an estimate for a region without one. */
export function pricesFor(region: string): RegionPrices {
  const known = PRICE_TABLE[region];
  if (known) return known;
  const fallback = PRICE_TABLE['us-east-1']!;
  const estimate = `no price table for ${region}: us-east-1 figure`;
  return {
    region,
    source: `${fallback.source}; used for ${region} as an estimate`,
    perGbMonth: Object.fromEntries(
      Object.entries(fallback.perGbMonth).map(([k, p]) => [k, { usd: p!.usd, estimate }]),
    ),
  };
}
