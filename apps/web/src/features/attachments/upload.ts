import type { PresignedUpload } from '@cadastro/contracts';

/** The upload failed on its way to S3 (network, refused policy, expired URL). */
export class UploadFailedError extends Error {
  constructor(readonly status: number) {
    super(`Upload failed (${status})`);
    this.name = 'UploadFailedError';
  }
}

/**
 * Posts a file straight to S3 with a presigned POST: the signed fields first, the file last (S3 ignores fields
 * after it). XMLHttpRequest rather than fetch because only it reports upload progress.
 */
export function postToS3(
  upload: PresignedUpload,
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new UploadFailedError(xhr.status));
    };
    xhr.onerror = () => reject(new UploadFailedError(0));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
