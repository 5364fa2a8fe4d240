import type { LifecycleRule, TransitionDefaultMinimumObjectSize } from '@aws-sdk/client-s3';
import { ATTACHMENTS_PREFIX, BACKUPS_PREFIX, UPLOAD_TAG } from '@cadastro/storage';
import { MINIMUM_STORAGE_DAYS, type TransitionStorageClass } from '../lifecycle/storage-classes.ts';

/**
 * The prefixes and the upload tag come from @cadastro/storage, which owns the key layout: the rules match
 * exactly what the server and the backups write. Objects under `attachments/` still tagged as a pending upload
 * were never confirmed, and are expired.
 */
export const PENDING_UPLOAD_TAG = { Key: UPLOAD_TAG.key, Value: UPLOAD_TAG.pending } as const;

export interface LifecycleSettings {
  /** Days after creation before `attachments/` and `backups/` move to `archiveStorageClass`. */
  archiveAfterDays: number;
  archiveStorageClass: TransitionStorageClass;
  /**
   * Objects under 128 KB: `stay` in STANDARD (S3's default since September 2024, stated explicitly), or
   * `transition` them too (GLACIER and DEEP_ARCHIVE only; S3 never moves them to GLACIER_IR).
   */
  smallObjects: 'stay' | 'transition';
  /** Backups are deleted this many days after creation. */
  backupRetentionDays: number;
  /** Uploads never confirmed are deleted this many days after they were started. */
  pendingUploadExpiryDays: number;
  /** Overwritten or deleted versions move to the archive class after this many days… */
  noncurrentArchiveAfterDays: number;
  /** …and are deleted after this many: the window in which a deleted document can still be recovered. */
  noncurrentExpireAfterDays: number;
  abortIncompleteMultipartAfterDays: number;
}

export const DEFAULT_LIFECYCLE: LifecycleSettings = {
  archiveAfterDays: 90,
  archiveStorageClass: 'GLACIER',
  smallObjects: 'stay',
  backupRetentionDays: 365,
  pendingUploadExpiryDays: 1,
  noncurrentArchiveAfterDays: 30,
  noncurrentExpireAfterDays: 120,
  abortIncompleteMultipartAfterDays: 7,
};

/** The body of PutBucketLifecycleConfiguration, exactly as sent and as GetBucketLifecycleConfiguration returns it. */
export interface LifecycleConfiguration {
  Rules: LifecycleRule[];
  TransitionDefaultMinimumObjectSize: TransitionDefaultMinimumObjectSize;
}

export const RULE_IDS = {
  attachments: 'attachments-archive',
  backups: 'backups-archive-and-expire',
  pendingUploads: 'pending-uploads-expire',
  housekeeping: 'bucket-housekeeping',
} as const;

export function lifecycleConfiguration(s: LifecycleSettings): LifecycleConfiguration {
  const transitions = [{ Days: s.archiveAfterDays, StorageClass: s.archiveStorageClass }];
  const noncurrent = {
    NoncurrentVersionTransitions: [
      { NoncurrentDays: s.noncurrentArchiveAfterDays, StorageClass: s.archiveStorageClass },
    ],
    NoncurrentVersionExpiration: { NoncurrentDays: s.noncurrentExpireAfterDays },
  };
  return {
    TransitionDefaultMinimumObjectSize:
      s.smallObjects === 'stay' ? 'all_storage_classes_128K' : 'varies_by_storage_class',
    Rules: [
      {
        ID: RULE_IDS.attachments,
        Status: 'Enabled',
        Filter: { Prefix: ATTACHMENTS_PREFIX },
        Transitions: transitions,
        ...noncurrent,
      },
      {
        ID: RULE_IDS.backups,
        Status: 'Enabled',
        Filter: { Prefix: BACKUPS_PREFIX },
        Transitions: transitions,
        Expiration: { Days: s.backupRetentionDays },
        ...noncurrent,
      },
      {
        // Overlaps the attachments rule; S3 lets expiration win over transition, so pending uploads never archive.
        // A tag filter cannot carry AbortIncompleteMultipartUpload or ExpiredObjectDeleteMarker (housekeeping does).
        ID: RULE_IDS.pendingUploads,
        Status: 'Enabled',
        Filter: { And: { Prefix: ATTACHMENTS_PREFIX, Tags: [{ ...PENDING_UPLOAD_TAG }] } },
        Expiration: { Days: s.pendingUploadExpiryDays },
        NoncurrentVersionExpiration: { NoncurrentDays: s.pendingUploadExpiryDays },
      },
      {
        ID: RULE_IDS.housekeeping,
        Status: 'Enabled',
        Filter: { Prefix: '' },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: s.abortIncompleteMultipartAfterDays },
        // Delete markers left alone once their last noncurrent version has expired.
        Expiration: { ExpiredObjectDeleteMarker: true },
      },
    ],
  };
}

/** Settings S3 would reject (errors) or that cost more than they save (warnings). */
export function lifecycleProblems(s: LifecycleSettings): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const minimum = MINIMUM_STORAGE_DAYS[s.archiveStorageClass];
  for (const [name, days] of Object.entries(s)) {
    if (typeof days === 'number' && (!Number.isInteger(days) || days < 1)) {
      errors.push(`${name} must be a whole number of days, at least 1 (got ${days})`);
    }
  }
  if (s.backupRetentionDays <= s.archiveAfterDays) {
    errors.push(
      `backupRetentionDays (${s.backupRetentionDays}) must be greater than archiveAfterDays (${s.archiveAfterDays}): S3 refuses an expiration before the transition`,
    );
  } else if (s.backupRetentionDays - s.archiveAfterDays < minimum) {
    warnings.push(
      `backups spend ${s.backupRetentionDays - s.archiveAfterDays} days in ${s.archiveStorageClass} before they expire, less than its ${minimum}-day minimum: each is billed for ${minimum} days`,
    );
  }
  if (s.noncurrentExpireAfterDays <= s.noncurrentArchiveAfterDays) {
    errors.push(
      `noncurrentExpireAfterDays (${s.noncurrentExpireAfterDays}) must be greater than noncurrentArchiveAfterDays (${s.noncurrentArchiveAfterDays})`,
    );
  } else if (s.noncurrentExpireAfterDays - s.noncurrentArchiveAfterDays < minimum) {
    warnings.push(
      `noncurrent versions spend ${s.noncurrentExpireAfterDays - s.noncurrentArchiveAfterDays} days in ${s.archiveStorageClass} before they expire, less than its ${minimum}-day minimum`,
    );
  }
  if (s.smallObjects === 'transition' && s.archiveStorageClass === 'GLACIER_IR') {
    warnings.push(
      'smallObjects=transition has no effect with GLACIER_IR: S3 never moves objects under 128 KB there',
    );
  }
  return { errors, warnings };
}
