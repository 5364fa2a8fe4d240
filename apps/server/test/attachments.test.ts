import { createHash, randomBytes } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { newRegistration } from '@cadastro/contracts/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAbandonedUploads } from '../src/attachments/sweep.ts';
import { asOperator, callerFor, startTestServer, type TestServer } from './harness.ts';
import { trpcMutation, trpcQuery } from './trpc-http.ts';
import { pdf, postUpload } from './uploads.ts';

let server: TestServer;
let customerA: string;
let customerB: string;
const asCustomer = (customerId: string) => callerFor(server, { role: 'customer', customerId });
const operatorCaller = () => callerFor(server, asOperator('op-1'));

beforeAll(async () => {
  server = await startTestServer();
  const register = async () => {
    const res = await trpcMutation(server.url, 'customers.register', newRegistration());
    return (res.body.result!.data as { id: string }).id;
  };
  [customerA, customerB] = [await register(), await register()];
});
afterAll(() => server?.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
async function objectExists(key: string): Promise<boolean> {
  try {
    await server.clients.s3.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

/** Every version and delete marker of exactly this key (the bucket is versioned, as every real one is). */
async function versionsOf(key: string) {
  const page = await server.clients.s3.send(
    new ListObjectVersionsCommand({ Bucket: server.bucket, Prefix: key }),
  );
  return [
    ...(page.Versions ?? []),
    ...(page.DeleteMarkers ?? []).map((m) => ({ ...m, StorageClass: undefined })),
  ].filter((v) => v.Key === key);
}

/**
 * Stands in for the lifecycle transition after 90 days. On S3 the transition changes the storage class of the
 * existing version in place (same VersionId), and the attachment stays pinned to the version verified at
 * confirm. Neither S3's API nor moto can change a version's class in place: a copy onto the key with the new
 * class is a new version (same bytes, same ETag). So the version copied from is deleted and the attachment is
 * re-pointed, deliberately, to the copy: the verified content, now in `storageClass`, as after the real run.
 */
async function transitionInPlace(
  key: string,
  ref: { customerId: string; attachmentId: string },
  storageClass: StorageClass,
) {
  const { s3 } = server.clients;
  const copy = await s3.send(
    new CopyObjectCommand({
      Bucket: server.bucket,
      Key: key,
      CopySource: `${server.bucket}/${key}`,
      StorageClass: storageClass,
      MetadataDirective: 'COPY',
    }),
  );
  const before = await server.services.attachments.get(ref.customerId, ref.attachmentId);
  expect(copy.CopySourceVersionId).toBe(before?.versionId);
  expect(copy.CopyObjectResult?.ETag).toBe(before?.etag); // the content is unchanged
  await s3.send(
    new DeleteObjectCommand({ Bucket: server.bucket, Key: key, VersionId: copy.CopySourceVersionId }),
  );
  await server.services.db.entities.attachment.patch(ref).set({ versionId: copy.VersionId }).go();
  expect((await versionsOf(key)).map((v) => [v.VersionId, v.StorageClass])).toEqual([
    [copy.VersionId, storageClass],
  ]);
}

/** The reason carried by a tRPC error thrown from a direct caller. */
async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return (error as { reason?: string }).reason;
  }
  throw new Error('expected the call to fail');
}

/** Customer A starts an upload (a pending attachment and its presigned POST); `key` is its object. */
async function startUpload(
  fileName: string,
  size: number,
  contentType: 'application/pdf' | 'image/png' = 'application/pdf',
  kind: 'identity' | 'proof_of_address' | 'other' = 'identity',
) {
  const upload = await asCustomer(customerA).attachments.createUpload({ kind, fileName, contentType, size });
  return { upload, key: `attachments/${customerA}/${upload.attachmentId}` };
}

/** Uploads and confirms a PDF as customer A. */
async function storedPdf(size = 2048, fileName = 'Certidão (cópia) 2026.pdf') {
  const bytes = pdf(size);
  const a = asCustomer(customerA);
  const { upload } = await startUpload(fileName, size);
  await postUpload(upload, bytes, 'application/pdf');
  const view = await a.attachments.confirm({ attachmentId: upload.attachmentId });
  return { bytes, view, key: `attachments/${customerA}/${upload.attachmentId}` };
}

describe('upload, confirm and download', () => {
  it('stores a PDF posted with the presigned POST and downloads the same bytes under the original name', async () => {
    const { bytes, view, key } = await storedPdf(300_000);
    expect(view).toMatchObject({ state: 'stored', size: 300_000, sha256: sha256(bytes), kind: 'identity' });

    const tags = await server.clients.s3.send(
      new GetObjectTaggingCommand({ Bucket: server.bucket, Key: key }),
    );
    expect(tags.TagSet).toEqual([{ Key: 'cadastro-upload', Value: 'stored' }]);

    const { url } = await asCustomer(customerA).attachments.downloadUrl({ attachmentId: view.id });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const downloaded = new Uint8Array(await res.arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(bytes));
    // S3 answers with these (signed) overrides as headers; moto ignores them, so the URL is what is checked.
    const signed = new URL(url).searchParams;
    expect(signed.get('response-content-disposition')).toBe(
      `attachment; filename="Certidao (copia) 2026.pdf"; filename*=UTF-8''Certid%C3%A3o%20%28c%C3%B3pia%29%202026.pdf`,
    );
    expect(signed.get('response-content-type')).toBe('application/pdf');
    expect(Number(signed.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);

    const page = await asCustomer(customerA).attachments.list({});
    expect(page.items.map((i) => i.id)).toContain(view.id);
    const history = await server.services.events.list(customerA, { limit: 50 });
    expect(history.items.map((e) => e.type)).toContain('attachment_confirmed');
  });

  it('binds the presigned POST to the key, type, size and pending tag', async () => {
    const { upload } = await startUpload('x.pdf', 100, 'application/pdf', 'other');
    expect(upload.fields.tagging).toContain('<Key>cadastro-upload</Key><Value>pending</Value>');
    // The signed policy requires exactly this tagging field (moto accepts the field but does not apply it).
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString()) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$tagging', upload.fields.tagging],
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', 100, 100],
        { key: `attachments/${customerA}/${upload.attachmentId}` },
      ]),
    );
    await postUpload(upload, pdf(100), 'application/pdf');
    expect(
      await reasonOf(asCustomer(customerA).attachments.downloadUrl({ attachmentId: upload.attachmentId })),
    ).toBe('NOT_CONFIRMED');
  });

  it('refuses at confirm a file larger than declared and the limit, and deletes it', async () => {
    const a = asCustomer(customerA);
    const { upload } = await startUpload('grande.pdf', 1000);
    // The emulator does not enforce content-length-range: this is what a client ignoring the policy can do.
    const oversize = pdf(server.services.attachmentSettings.maxBytes + 1);
    await postUpload(upload, oversize, 'application/pdf');
    const key = `attachments/${customerA}/${upload.attachmentId}`;
    expect(await objectExists(key)).toBe(true);

    expect(await reasonOf(a.attachments.confirm({ attachmentId: upload.attachmentId }))).toBe(
      'FILE_TOO_LARGE',
    );
    expect(await objectExists(key)).toBe(false);
    expect(await server.services.attachments.get(customerA, upload.attachmentId)).toBeNull();
  });

  it('refuses a file whose size differs from the declared size', async () => {
    const a = asCustomer(customerA);
    const { upload } = await startUpload('a.pdf', 1000);
    await postUpload(upload, pdf(999), 'application/pdf');
    expect(await reasonOf(a.attachments.confirm({ attachmentId: upload.attachmentId }))).toBe(
      'FILE_SIZE_MISMATCH',
    );
    expect(await objectExists(`attachments/${customerA}/${upload.attachmentId}`)).toBe(false);
  });

  it('refuses a "PDF" whose first bytes are not a PDF, and deletes it', async () => {
    const a = asCustomer(customerA);
    const png = new Uint8Array(randomBytes(500));
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { upload } = await startUpload('conta.pdf', png.length, 'application/pdf', 'proof_of_address');
    await postUpload(upload, png, 'application/pdf');
    expect(await reasonOf(a.attachments.confirm({ attachmentId: upload.attachmentId }))).toBe(
      'FILE_TYPE_MISMATCH',
    );
    expect(await objectExists(`attachments/${customerA}/${upload.attachmentId}`)).toBe(false);
    const history = await server.services.events.list(customerA, { limit: 50 });
    expect(history.items.find((e) => e.type === 'attachment_refused')?.details).toMatchObject({
      reason: 'FILE_TYPE_MISMATCH',
    });
  });

  it('answers UPLOAD_MISSING when nothing was uploaded, keeping the attachment pending for a retry', async () => {
    const a = asCustomer(customerA);
    const { upload } = await startUpload('later.png', 10, 'image/png', 'other');
    expect(await reasonOf(a.attachments.confirm({ attachmentId: upload.attachmentId }))).toBe(
      'UPLOAD_MISSING',
    );
    expect((await server.services.attachments.get(customerA, upload.attachmentId))?.state).toBe('pending');
  });

  it('refuses to presign a type or size outside the shared rules', async () => {
    const res = await trpcMutation(server.url, 'attachments.createUpload', {
      kind: 'identity',
      fileName: 'a.gif',
      contentType: 'image/gif',
      size: 10,
    });
    expect(res.status).toBe(401); // anonymous: no attachments at all
    const a = asCustomer(customerA);
    expect(
      await reasonOf(
        a.attachments.createUpload({
          kind: 'identity',
          fileName: 'a.gif',
          contentType: 'image/gif' as 'image/png',
          size: 10,
        }),
      ),
    ).toBeUndefined(); // zod's BAD_REQUEST (reason VALIDATION is added by the error formatter over HTTP)
    expect(
      await reasonOf(
        a.attachments.createUpload({
          kind: 'identity',
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          size: server.services.attachmentSettings.maxBytes + 1,
        }),
      ),
    ).toBe('FILE_TOO_LARGE');
  });

  it('never serves a file swapped in after it was verified (the presigned POST used again)', async () => {
    const a = asCustomer(customerA);
    const bytes = pdf(200);
    const { upload, key } = await startUpload('a.pdf', 200);
    await postUpload(upload, bytes, 'application/pdf');
    const view = await a.attachments.confirm({ attachmentId: upload.attachmentId });
    const verified = await server.services.attachments.get(customerA, upload.attachmentId);
    expect(verified?.versionId).toBeTruthy();

    // Still within its expiry, the same POST puts other bytes on the key: a new version, the current one.
    const swapped = new Uint8Array(200).fill(0x41);
    await postUpload(upload, swapped, 'application/pdf');
    const current = await server.clients.s3.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }));
    expect(current.VersionId).not.toBe(verified?.versionId);

    // The download is pinned to the verified version: the customer gets the bytes that were checked.
    const { url } = await a.attachments.downloadUrl({ attachmentId: view.id });
    expect(new URL(url).searchParams.get('versionId')).toBe(verified?.versionId);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(view.sha256);
    expect(view.sha256).toBe(sha256(bytes));
    expect((await a.attachments.get({ attachmentId: view.id })).state).toBe('stored');

    // Removing the attachment deletes every version of its key, the swapped-in one too.
    expect(await versionsOf(key)).toHaveLength(2);
    await a.attachments.remove({ attachmentId: view.id });
    expect(await versionsOf(key)).toEqual([]);
  });
});

describe('archived documents', () => {
  it('answers ARCHIVED for a GLACIER object, restores it, then downloads it', async () => {
    const { bytes, view, key } = await storedPdf(4096, 'rg.pdf');
    await transitionInPlace(key, { customerId: customerA, attachmentId: view.id }, 'GLACIER');
    const a = asCustomer(customerA);
    expect(await reasonOf(a.attachments.downloadUrl({ attachmentId: view.id }))).toBe('ARCHIVED');
    const archived = await a.attachments.get({ attachmentId: view.id });
    expect(archived.state).toBe('archived');
    expect(archived.restoreTiers).toEqual(['Standard', 'Bulk']); // customers: no Expedited (policy)
    expect(
      await reasonOf(a.attachments.requestRestore({ attachmentId: view.id, tier: 'Expedited', days: 1 })),
    ).toBe('RESTORE_TIER_UNAVAILABLE');

    const restoring = await a.attachments.requestRestore({
      attachmentId: view.id,
      tier: 'Standard',
      days: 2,
    });
    expect(['restoring', 'restored']).toContain(restoring.state);

    // moto completes restores at once; AWS takes hours. Poll the attachment as the SPA does.
    let current = restoring;
    for (let i = 0; i < 20 && current.state !== 'restored'; i++) {
      current = await a.attachments.get({ attachmentId: view.id });
    }
    expect(current.state).toBe('restored');
    expect(Date.parse(current.restoreExpiresAt!)).toBeGreaterThan(Date.now());

    const { url } = await a.attachments.downloadUrl({ attachmentId: view.id });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(bytes));

    const history = await server.services.events.list(customerA, { limit: 50 });
    expect(history.items.find((e) => e.type === 'restore_requested')?.details).toMatchObject({
      attachmentId: view.id,
      tier: 'Standard',
      days: 2,
    });
  });

  it('offers no Expedited restore for DEEP_ARCHIVE, even to operators, and keeps GLACIER_IR readable', async () => {
    const deep = await storedPdf(1024, 'deep.pdf');
    await transitionInPlace(deep.key, { customerId: customerA, attachmentId: deep.view.id }, 'DEEP_ARCHIVE');
    const op = operatorCaller();
    const ref = { customerId: customerA, attachmentId: deep.view.id };
    expect(await reasonOf(op.attachments.downloadUrl(ref))).toBe('ARCHIVED');
    expect((await op.attachments.get(ref)).restoreTiers).toEqual(['Standard', 'Bulk']);
    expect(await reasonOf(op.attachments.requestRestore({ ...ref, tier: 'Expedited', days: 1 }))).toBe(
      'RESTORE_TIER_UNAVAILABLE',
    );

    const instant = await storedPdf(1024, 'ir.pdf');
    await transitionInPlace(
      instant.key,
      { customerId: customerA, attachmentId: instant.view.id },
      'GLACIER_IR',
    );
    const irRef = { customerId: customerA, attachmentId: instant.view.id };
    expect((await op.attachments.get(irRef)).state).toBe('stored');
    expect(await reasonOf(op.attachments.requestRestore({ ...irRef, tier: 'Standard', days: 1 }))).toBe(
      'NOT_ARCHIVED',
    );
  });
});

describe('who sees what', () => {
  it("keeps customer A's documents from customer B, and lets operators see them", async () => {
    const { view } = await storedPdf(512, 'privado.pdf');
    const b = asCustomer(customerB);
    expect((await b.attachments.list({})).items).toEqual([]);
    expect(await reasonOf(b.attachments.list({ customerId: customerA }))).toBe('FORBIDDEN');
    expect(await reasonOf(b.attachments.downloadUrl({ attachmentId: view.id }))).toBe('NOT_FOUND');
    expect(await reasonOf(b.attachments.downloadUrl({ customerId: customerA, attachmentId: view.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await reasonOf(b.attachments.remove({ attachmentId: view.id }))).toBe('NOT_FOUND');
    expect(
      await reasonOf(b.attachments.requestRestore({ attachmentId: view.id, tier: 'Bulk', days: 1 })),
    ).toBe('NOT_FOUND');

    const op = operatorCaller();
    expect(await reasonOf(op.attachments.list({}))).toBe('VALIDATION'); // staff must name the customer
    const seen = await op.attachments.list({ customerId: customerA });
    expect(seen.items.map((i) => i.id)).toContain(view.id);
    const anonymous = await trpcQuery(server.url, 'attachments.list', { customerId: customerA });
    expect(anonymous.status).toBe(401);

    // Still there for A; then A removes it, which the history records.
    expect((await asCustomer(customerA).attachments.get({ attachmentId: view.id })).id).toBe(view.id);
    await asCustomer(customerA).attachments.remove({ attachmentId: view.id });
    expect(await objectExists(`attachments/${customerA}/${view.id}`)).toBe(false);
    expect(await reasonOf(asCustomer(customerA).attachments.get({ attachmentId: view.id }))).toBe(
      'NOT_FOUND',
    );
    const history = await server.services.events.list(customerA, { limit: 50 });
    expect(history.items.find((e) => e.type === 'attachment_removed')?.details).toMatchObject({
      attachmentId: view.id,
    });
  });
});

describe('abandoned uploads', () => {
  it('are removed by the sweep once older than the pending lifetime, item and object', async () => {
    const a = asCustomer(customerA);
    const { upload } = await startUpload('abandonado.pdf', 64, 'application/pdf', 'other');
    await postUpload(upload, pdf(64), 'application/pdf');
    const key = `attachments/${customerA}/${upload.attachmentId}`;
    const confirmed = await storedPdf(64, 'mantido.pdf');
    const deps = { attachments: server.services.attachments, s3: server.clients.s3, bucket: server.bucket };
    const lifetime = server.services.attachmentSettings.pendingLifetimeSeconds;

    // Not yet too old: nothing happens.
    await sweepAbandonedUploads(deps, { olderThanSeconds: lifetime });
    expect(await objectExists(key)).toBe(true);

    // An hour later (injected clock, no waiting): the abandoned upload is gone, the confirmed one stays.
    const later = new Date(Date.now() + 3_600_000);
    const { removed } = await sweepAbandonedUploads(deps, { now: later, olderThanSeconds: lifetime });
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await objectExists(key)).toBe(false);
    expect(await server.services.attachments.get(customerA, upload.attachmentId)).toBeNull();
    expect(await objectExists(confirmed.key)).toBe(true);
    expect((await a.attachments.get({ attachmentId: confirmed.view.id })).state).toBe('stored');
  });
});
