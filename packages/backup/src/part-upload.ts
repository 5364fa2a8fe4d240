import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export interface UploadedPart {
  key: string;
  items: number;
  bytes: number;
  sha256: string;
}

export interface PartUploadOptions {
  s3: S3Client;
  bucket: string;
  key: string;
  /** Multipart part size; lib-storage holds `queueSize + 1` of these in memory per upload. */
  partSize: number;
  queueSize: number;
  /** zlib level: 1 is fastest; the Scan, not compression, should set the pace. */
  compressionLevel: number;
  /** Called with every compressed chunk's length, for progress. */
  onBytes: (count: number) => void;
}

/**
 * Lines in, one gzip object in S3 out, streamed: NDJSON → gzip → SHA-256 and size → multipart Upload. When S3 is
 * slower than the Scan, the gzip buffer fills and `write` waits for it to drain, which in turn holds back the
 * Scan: memory stays bounded by the buffers, whatever the table size.
 */
export class PartUpload {
  private readonly gzip: Gzip;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private items = 0;
  private readonly upload: Upload;
  private readonly done: Promise<unknown>;
  private failure: Error | undefined;

  constructor(private readonly options: PartUploadOptions) {
    this.gzip = createGzip({ level: options.compressionLevel });
    const digest = new Transform({
      transform: (chunk: Buffer, _enc, callback) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        options.onBytes(chunk.length);
        callback(null, chunk);
      },
    });
    this.gzip.on('error', (error) => digest.destroy(error));
    this.gzip.pipe(digest);
    this.upload = new Upload({
      client: options.s3,
      params: {
        Bucket: options.bucket,
        Key: options.key,
        Body: digest,
        ContentType: 'application/gzip',
      },
      partSize: options.partSize,
      queueSize: options.queueSize,
      leavePartsOnError: false, // a failed upload aborts its multipart upload: no orphan parts are billed
    });
    this.done = this.upload.done().catch((error: Error) => {
      // Unblock writers waiting for `drain`: their `write` rejects with the upload's error.
      this.failure = error;
      this.gzip.destroy(error);
      throw error;
    });
    this.done.catch(() => {}); // observed in `finish`; avoid an unhandled rejection meanwhile
  }

  /** `lines` holds `count` NDJSON lines. Resolves once buffered; waits while the pipeline is full. */
  async write(lines: string, count: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.items += count;
    if (!this.gzip.write(lines)) await once(this.gzip, 'drain');
  }

  async finish(): Promise<UploadedPart> {
    this.gzip.end();
    await this.done;
    return {
      key: this.options.key,
      items: this.items,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
    };
  }

  /** Stops the upload and aborts the multipart upload in S3. */
  async abort(): Promise<void> {
    await this.upload.abort().catch(() => {});
    // With an error, so that writers waiting for `drain` are released (they reject) rather than left hanging.
    this.gzip.destroy(new Error('Part upload aborted'));
    await this.done.catch(() => {});
  }
}
