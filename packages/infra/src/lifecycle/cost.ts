import type { RegionPrices } from './prices.ts';
import { ARCHIVE_OVERHEAD, GIB, SMALL_OBJECT_BYTES } from './storage-classes.ts';

/** The bytes an object is billed for, per storage class it is billed in. */
export function billedBytes(
  size: number,
  storageClass: string,
): Array<[storageClass: string, bytes: number]> {
  switch (storageClass) {
    case 'GLACIER':
    case 'DEEP_ARCHIVE':
      return [
        [storageClass, size + ARCHIVE_OVERHEAD.archiveBytes],
        ['STANDARD', ARCHIVE_OVERHEAD.standardBytes],
      ];
    case 'GLACIER_IR':
      // Billed as at least 128 KB.
      return [[storageClass, Math.max(size, SMALL_OBJECT_BYTES)]];
    default:
      return [[storageClass, size]];
  }
}

/** USD per month to keep one object, or undefined when a class it is billed in has no price. */
export function monthlyCost(size: number, storageClass: string, prices: RegionPrices): number | undefined {
  let total = 0;
  for (const [cls, bytes] of billedBytes(size, storageClass)) {
    const price = prices.perGbMonth[cls];
    if (!price) return undefined;
    total += (bytes / GIB) * price.usd;
  }
  return total;
}
