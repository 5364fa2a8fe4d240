import { randomBytes } from 'node:crypto';
import type { PresignedUpload } from '@cadastro/contracts';
import { expect } from 'vitest';

/** Random bytes that start like a PDF (magic number `%PDF-`). */
export function pdf(size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.set(Buffer.from('%PDF-1.7\n'));
  return new Uint8Array(bytes);
}

/** What a browser does with a presigned POST: the fields, then the file, as multipart form data. */
export async function postUpload(upload: PresignedUpload, bytes: Uint8Array, contentType: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'file');
  const res = await fetch(upload.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}
