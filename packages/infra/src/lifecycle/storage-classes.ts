/** Facts about S3 storage classes that the lifecycle rules and the cost report both depend on. */

/**
 * The classes the lifecycle rules may move objects to. Not all of them make an object unreadable: GLACIER_IR
 * is read instantly; whether an object must be restored first is @cadastro/storage's `objectStateOf`.
 */
export const TRANSITION_STORAGE_CLASSES = ['GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] as const;
export type TransitionStorageClass = (typeof TRANSITION_STORAGE_CLASSES)[number];
export type PricedStorageClass = 'STANDARD' | TransitionStorageClass;

export const KIB = 1024;
/** AWS bills storage per GB of 2^30 bytes. */
export const GIB = 1024 ** 3;

/**
 * The "128 KB" of S3's documentation: objects smaller than this are not transitioned by default since
 * September 2024, and GLACIER_IR bills every object as at least this large.
 */
export const SMALL_OBJECT_BYTES = 128 * KIB;

/** GLACIER and DEEP_ARCHIVE keep 40 KB of index per object: 32 KB billed at the archive rate, 8 KB at STANDARD. */
export const ARCHIVE_OVERHEAD = { archiveBytes: 32 * KIB, standardBytes: 8 * KIB } as const;

/** Deleting or moving an object earlier is billed as if it had stayed this many days. */
export const MINIMUM_STORAGE_DAYS: Record<TransitionStorageClass, number> = {
  GLACIER_IR: 90,
  GLACIER: 90,
  DEEP_ARCHIVE: 180,
};

/**
 * Warmer to colder. A lifecycle transition only ever moves an object to a colder class; classes not listed
 * (ONEZONE_IA, INTELLIGENT_TIERING, …) are placed where S3's transition waterfall puts them.
 */
const COLDNESS: Record<string, number> = {
  STANDARD: 0,
  REDUCED_REDUNDANCY: 0,
  INTELLIGENT_TIERING: 1,
  STANDARD_IA: 1,
  ONEZONE_IA: 2,
  GLACIER_IR: 3,
  GLACIER: 4,
  DEEP_ARCHIVE: 5,
};

export function isColder(target: string, than: string): boolean {
  return (COLDNESS[target] ?? -1) > (COLDNESS[than] ?? 0);
}

export function isTransitionClass(storageClass: string): storageClass is TransitionStorageClass {
  return (TRANSITION_STORAGE_CLASSES as readonly string[]).includes(storageClass);
}
