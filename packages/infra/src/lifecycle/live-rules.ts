import { GetBucketLifecycleConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LifecycleConfiguration } from '../desired/lifecycle-rules.ts';
import { errorName } from '../engine/endpoint-errors.ts';

/**
 * The lifecycle configuration a bucket has now (no rules when it has none), for a report of what S3 will
 * really do. IAM: s3:GetLifecycleConfiguration on the bucket.
 */
export async function liveLifecycleConfiguration(
  s3: S3Client,
  bucket: string,
): Promise<LifecycleConfiguration> {
  try {
    const current = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return {
      Rules: current.Rules ?? [],
      TransitionDefaultMinimumObjectSize:
        current.TransitionDefaultMinimumObjectSize ?? 'all_storage_classes_128K',
    };
  } catch (error) {
    if (errorName(error) === 'NoSuchLifecycleConfiguration') {
      return { Rules: [], TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K' };
    }
    throw error;
  }
}
