import {
  CopyObjectCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { createBucket } from '@cadastro/storage';
import type { LifecycleConfiguration } from '../desired/lifecycle-rules.ts';
import { classAt, objectFate, usesTags } from './object-fate.ts';
import { isColder } from './storage-classes.ts';

export interface SimulationInput {
  s3: S3Client;
  bucket: string;
  lifecycle: LifecycleConfiguration;
  asOf: Date;
  /** The S3 endpoint the client talks to: required, and never AWS's own. */
  endpoint: string | undefined;
}

export interface SimulationResult {
  /**
   * On a versioned bucket the copy is a new version (`versionId`) and the one copied from
   * (`previousVersionId`) is deleted: whatever is pinned to a version id must be re-pointed.
   */
  moved: Array<{ key: string; from: string; to: string; previousVersionId?: string; versionId?: string }>;
  /** Due to expire by `asOf`; not deleted, so the data stays for a look. */
  dueToExpire: string[];
  examined: number;
}

/** Refuses anything but an explicit endpoint that is not AWS: the simulation rewrites objects. */
export function assertLocalEndpoint(endpoint: string | undefined): string {
  if (!endpoint) {
    throw new Error(
      'lifecycle-simulate rewrites objects and runs only against a local endpoint: set AWS_ENDPOINT_URL_S3 (moto)',
    );
  }
  const host = new URL(endpoint).hostname;
  if (/(^|\.)amazonaws\.com(\.cn)?$/.test(host)) {
    throw new Error(`lifecycle-simulate refuses to run against AWS (${host})`);
  }
  return endpoint;
}

/**
 * Moves every object the rules would have moved by `asOf`, by copying it onto itself with the new storage
 * class, as S3's daily lifecycle run would. moto keeps the class (and then answers GetObject with
 * InvalidObjectState); an emulator that does not is detected and reported. Rules that filter on tags are
 * evaluated with each object's tags (GetObjectTagging), so tagged pending uploads show as due to expire. moto
 * refuses GetObjectTagging of an archived object (InvalidObjectState): such an object is taken as untagged,
 * which is right for the only tag the rules filter on (a pending upload expires before it could be archived),
 * so the simulation runs again on a bucket it already moved (+91 days, then +366 days).
 *
 * Versioned buckets: S3's transition changes the storage class of the existing version in place (same
 * VersionId), but no API call can do that, so the copy creates a new version. The version copied from is then
 * deleted, leaving the key with one version in the new class as after S3's run, and both ids are reported:
 * a reader pinned to the old VersionId (the server's attachments keep the verified one) must be re-pointed.
 */
export async function simulateLifecycle(input: SimulationInput): Promise<SimulationResult> {
  assertLocalEndpoint(input.endpoint);
  const { s3, bucket: Bucket } = input;
  const result: SimulationResult = { moved: [], dueToExpire: [], examined: 0 };
  const needsTags = input.lifecycle.Rules.some(usesTags);
  const bucket = createBucket(s3, Bucket);
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket })) {
    for (const o of page.Contents ?? []) {
      result.examined += 1;
      const object = {
        key: o.Key ?? '',
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? new Date(),
        storageClass: o.StorageClass ?? 'STANDARD',
        ...(needsTags && { tags: (await bucket.tagsOf(o.Key ?? '')) ?? {} }),
      };
      const fate = objectFate(object, input.lifecycle);
      const target = classAt(object, fate, input.asOf);
      if (target === null) {
        result.dueToExpire.push(object.key);
        continue;
      }
      if (!isColder(target, object.storageClass)) continue;
      const copy = await s3.send(
        new CopyObjectCommand({
          Bucket,
          Key: object.key,
          CopySource: `${Bucket}/${encodeURIComponent(object.key).replace(/%2F/g, '/')}`,
          StorageClass: target as StorageClass,
          MetadataDirective: 'COPY',
        }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key: object.key }));
      if ((head.StorageClass ?? 'STANDARD') !== target) {
        throw new Error(
          `The endpoint does not keep storage classes (${object.key} is still ${head.StorageClass ?? 'STANDARD'})`,
        );
      }
      const previousVersionId = copy.CopySourceVersionId;
      if (copy.VersionId && previousVersionId && previousVersionId !== 'null') {
        await s3.send(new DeleteObjectCommand({ Bucket, Key: object.key, VersionId: previousVersionId }));
        result.moved.push({
          key: object.key,
          from: object.storageClass,
          to: target,
          previousVersionId,
          versionId: copy.VersionId,
        });
      } else {
        result.moved.push({ key: object.key, from: object.storageClass, to: target });
      }
    }
  }
  return result;
}
