import type { LifecycleConfiguration } from '@cadastro/infra';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';

/**
 * The lifecycle configuration `pnpm infra apply` sends with PutBucketLifecycleConfiguration, in CloudFormation's
 * shape: one definition of the rules (packages/infra), two appliers (the API and the stack).
 */
export function cfnLifecycleConfiguration(
  config: LifecycleConfiguration,
): CfnBucket.LifecycleConfigurationProperty {
  return {
    transitionDefaultMinimumObjectSize: config.TransitionDefaultMinimumObjectSize,
    rules: config.Rules.map((rule): CfnBucket.RuleProperty => {
      const filter = rule.Filter ?? {};
      const prefix = filter.And?.Prefix ?? filter.Prefix;
      const tags = filter.And?.Tags ?? (filter.Tag ? [filter.Tag] : undefined);
      return {
        id: rule.ID,
        status: rule.Status ?? 'Enabled',
        prefix: prefix || undefined,
        tagFilters: tags?.map((t) => ({ key: t.Key!, value: t.Value! })),
        transitions: rule.Transitions?.map((t) => ({
          storageClass: t.StorageClass!,
          transitionInDays: t.Days,
        })),
        expirationInDays: rule.Expiration?.Days,
        expiredObjectDeleteMarker: rule.Expiration?.ExpiredObjectDeleteMarker,
        noncurrentVersionTransitions: rule.NoncurrentVersionTransitions?.map((t) => ({
          storageClass: t.StorageClass!,
          transitionInDays: t.NoncurrentDays!,
        })),
        noncurrentVersionExpiration: rule.NoncurrentVersionExpiration
          ? { noncurrentDays: rule.NoncurrentVersionExpiration.NoncurrentDays! }
          : undefined,
        abortIncompleteMultipartUpload: rule.AbortIncompleteMultipartUpload
          ? { daysAfterInitiation: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation! }
          : undefined,
      };
    }),
  };
}
