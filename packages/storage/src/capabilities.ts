import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotImplemented } from './errors.ts';

/**
 * What an S3 endpoint implements, where the stand-ins differ from S3:
 * - `versions`: ListObjectVersions. s3rver answers it with 405 MethodNotAllowed and keeps one copy per key, so
 *   listing and deleting "every version" falls back to ListObjectsV2 and plain deletes.
 * - `restore`: RestoreObject. s3rver answers 501; it also never makes an object unreadable, so nothing there
 *   ever needs a restore. Unknown (`null`) until a restore is first asked for.
 */
export interface Capabilities {
  versions: boolean;
  restore: boolean | null;
}

/**
 * Detects the capabilities once per bucket handle, with one read-only call, and reports them once; later calls
 * reuse the answer instead of rediscovering it per request.
 */
export function createCapabilityProbe(
  s3: S3Client,
  bucket: string,
  onCapabilities?: (capabilities: Capabilities) => void,
) {
  let known: Promise<Capabilities> | null = null;
  const detect = async (): Promise<Capabilities> => {
    try {
      await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }));
      return { versions: true, restore: null };
    } catch (error) {
      if (isNotImplemented(error)) return { versions: false, restore: null };
      throw error;
    }
  };
  return {
    get(): Promise<Capabilities> {
      known ??= detect().then(
        (found) => {
          onCapabilities?.(found);
          return found;
        },
        (error) => {
          known = null; // a network failure is not an answer: ask again next time
          throw error;
        },
      );
      return known;
    },
    /** A capability learnt from a call's answer (a restore refused as not implemented). */
    record(learnt: Partial<Capabilities>): void {
      known = this.get().then((c) => {
        const next = { ...c, ...learnt };
        if (next.restore !== c.restore || next.versions !== c.versions) onCapabilities?.(next);
        return next;
      });
    },
  };
}
