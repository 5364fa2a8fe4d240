import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface ReadPartResult {
  bytes: number;
  sha256: string;
  lines: number;
}

/**
 * Streams one stored part: hashes and counts the compressed bytes, gunzips, and hands the lines over in small
 * batches, awaiting `onLines` before reading on (backpressure all the way to S3). Throws if the object cannot be
 * decompressed; the caller compares the hash and counts with the manifest.
 */
export async function readPart(
  s3: S3Client,
  bucket: string,
  key: string,
  onLines: (lines: string[]) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<ReadPartResult> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  const digest = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(
    object.Body as Readable,
    digest,
    createGunzip(),
    async (source: AsyncIterable<Buffer>) => {
      const decoder = new StringDecoder('utf8');
      let rest = '';
      for await (const chunk of source) {
        const text = rest + decoder.write(chunk);
        const parts = text.split('\n');
        rest = parts.pop() ?? '';
        const complete = parts.filter((l) => l.length > 0);
        lines += complete.length;
        if (complete.length) await onLines(complete);
      }
      rest += decoder.end();
      if (rest.length > 0) {
        lines += 1;
        await onLines([rest]);
      }
    },
    { signal },
  );
  return { bytes, sha256: hash.digest('hex'), lines };
}
