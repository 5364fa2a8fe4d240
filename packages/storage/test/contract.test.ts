import { randomUUID } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type {} from '@cadastro/local-aws/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import {
  attachmentKey,
  type Bucket,
  type Capabilities,
  createBucket,
  customerAttachmentsPrefix,
  RestoreUnsupportedError,
  UPLOAD_TAG,
} from '../src/index.ts';

/**
 * The storage contract, one suite run against both S3 stand-ins: s3rver (what `pnpm start` runs) and moto (AWS
 * semantics: versioning, storage classes, InvalidObjectState, RestoreObject). Each behaviour either works on both
 * or is declared unsupported by the endpoint's capabilities, and then its fallback is what is checked.
 */
const endpoints = {
  s3rver: {
    endpoint: () => inject('localAws').s3rverEndpoint,
    versions: false,
    archives: false,
    responseOverrides: true,
  },
  moto: {
    endpoint: () => inject('localAws').s3Endpoint,
    versions: true,
    archives: true,
    responseOverrides: false,
  },
} as const;

describe.each(Object.keys(endpoints) as Array<keyof typeof endpoints>)('storage contract on %s', (name) => {
  const expected = endpoints[name];

  async function freshBucket(options: { versioned?: boolean } = {}) {
    const aws = inject('localAws');
    const s3 = new S3Client({
      region: aws.region,
      credentials: aws.credentials,
      endpoint: expected.endpoint(),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const bucketName = `contract-${randomUUID()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
    if (options.versioned && expected.versions) {
      await s3.send(
        new PutBucketVersioningCommand({
          Bucket: bucketName,
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      );
    }
    const reported: Capabilities[] = [];
    const bucket = createBucket(s3, bucketName, { onCapabilities: (c) => reported.push(c) });
    const put = (Key: string, Body: string, extra: Record<string, string> = {}) =>
      s3.send(new PutObjectCommand({ Bucket: bucketName, Key, Body, ...extra }));
    return { s3, bucket, bucketName, put, reported };
  }

  const keysOf = async (bucket: Bucket, prefix: string) =>
    (await bucket.listVersions(prefix)).map((v) => v.key).sort();

  it('detects what the endpoint implements once, and reports it once', async () => {
    const { bucket, reported } = await freshBucket();
    const [first, second] = await Promise.all([bucket.capabilities(), bucket.capabilities()]);
    await bucket.listVersions('attachments/');
    expect(first).toEqual({ versions: expected.versions, restore: null });
    expect(second).toBe(first);
    expect(reported).toEqual([first]);
  });

  it('lists and deletes every version under a customer prefix, and nothing outside it', async () => {
    const { bucket, put } = await freshBucket({ versioned: true });
    const mine = customerAttachmentsPrefix('c-1');
    await put(attachmentKey('c-1', 'a'), 'first');
    await put(attachmentKey('c-1', 'a'), 'second'); // a second version on a versioned bucket
    await put(attachmentKey('c-1', 'b'), 'other');
    await put(attachmentKey('c-10', 'a'), 'someone else'); // shares the text `attachments/c-1`, not the folder

    const listed = await bucket.listVersions(mine);
    // Without ListObjectVersions the endpoint keeps one copy per key: that is all there is to list.
    expect(listed).toHaveLength(expected.versions ? 3 : 2);
    expect(listed.every((v) => (expected.versions ? Boolean(v.versionId) : v.versionId === undefined))).toBe(
      true,
    );

    expect(await bucket.deleteAllUnder(mine)).toBe(listed.length);
    expect(await bucket.listVersions(mine)).toEqual([]);
    expect(await keysOf(bucket, customerAttachmentsPrefix('c-10'))).toEqual([attachmentKey('c-10', 'a')]);
    expect(await bucket.deleteAllUnder(mine)).toBe(0); // safe to repeat
    await expect(bucket.deleteAllUnder('attachments/c-1')).rejects.toThrow(/not a folder/);
  });

  it('deletes every version of exactly one key, and a key that is gone without error', async () => {
    const { bucket, put } = await freshBucket({ versioned: true });
    const key = attachmentKey('c-2', 'doc');
    await put(key, 'v1');
    await put(key, 'v2');
    await put(`${key}-2`, 'a neighbour whose key starts with this one');
    await bucket.deleteAllVersionsOf(key);
    expect(await keysOf(bucket, customerAttachmentsPrefix('c-2'))).toEqual([`${key}-2`]);
    expect(await bucket.head(key)).toBeNull();
    await bucket.deleteAllVersionsOf(key);
  });

  it('uploads with a presigned POST tagged pending, retags it stored, and serves it with a presigned GET', async () => {
    const { bucket } = await freshBucket();
    const key = attachmentKey('c-3', 'upload');
    const body = '%PDF-1.7 contract';
    const post = await bucket.presignUpload({
      key,
      contentType: 'application/pdf',
      size: body.length,
      expiresInSeconds: 60,
    });
    const form = new FormData();
    for (const [field, value] of Object.entries(post.fields)) form.append(field, value);
    form.append('file', new Blob([body], { type: 'application/pdf' }), 'file');
    const posted = await fetch(post.url, { method: 'POST', body: form });
    expect(posted.status, await posted.clone().text()).toBeLessThan(300);

    // S3 applies the POST's `tagging` field; neither stand-in does. Should one start to, this fails and the
    // README's table is due for an update. The fallback that works everywhere is the server's sweep of pending
    // attachments (apps/server); the lifecycle rule on the tag is the backstop on AWS.
    expect(await bucket.tagsOf(key)).toEqual({});
    const head = await bucket.head(key);
    await bucket.tagUpload(key, UPLOAD_TAG.stored, head?.VersionId);
    expect(await bucket.tagsOf(key)).toEqual({ [UPLOAD_TAG.key]: UPLOAD_TAG.stored });

    const url = await bucket.presignDownload({
      key,
      contentType: 'application/pdf',
      contentDisposition: 'attachment; filename="rg.pdf"',
      expiresInSeconds: 60,
    });
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe(body);
    // The name travels signed in the URL; S3 and s3rver answer with it, moto ignores response overrides.
    expect(new URL(url).searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="rg.pdf"',
    );
    expect(got.headers.get('content-disposition')).toBe(
      expected.responseOverrides ? 'attachment; filename="rg.pdf"' : null,
    );
  });

  it('reads a STANDARD object as stored and a missing one as absent', async () => {
    const { bucket, put } = await freshBucket();
    await put('backups/x/manifest.json', '{}');
    expect(await bucket.state('backups/x/manifest.json')).toEqual({
      state: 'stored',
      storageClass: 'STANDARD',
      archiveClass: null,
    });
    expect(await bucket.state('backups/x/missing')).toBeNull();
    expect((await bucket.listObjects('backups/')).map((o) => o.key)).toEqual(['backups/x/manifest.json']);
  });

  it('archives and restores on endpoints that keep archive classes; refuses the restore where it is not implemented', async () => {
    const { s3, bucket, bucketName, put } = await freshBucket();
    const key = attachmentKey('c-4', 'old');
    await put(key, 'archived bytes', { StorageClass: 'GLACIER' });
    const read = () => s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
    if (expected.archives) {
      expect(await bucket.state(key)).toMatchObject({ state: 'archived', archiveClass: 'GLACIER' });
      await expect(read()).rejects.toMatchObject({ name: 'InvalidObjectState' });
      expect(await bucket.tagsOf(key)).toBeNull(); // moto will not read an archived object's tags
      await bucket.requestRestore(key, 'GLACIER', { tier: 'Standard', days: 1 });
      await bucket.requestRestore(key, 'GLACIER', { tier: 'Standard', days: 1 }); // asking again is harmless
      const restoring = await bucket.state(key);
      expect(['restoring', 'restored']).toContain(restoring?.state);
    } else {
      // s3rver: nothing ever becomes unreadable (no lifecycle, GetObject always answers), and RestoreObject is
      // not implemented: a restore is refused with RestoreUnsupportedError and the capability is recorded.
      expect(await (await read()).Body?.transformToString()).toBe('archived bytes');
      await expect(
        bucket.requestRestore(key, 'GLACIER', { tier: 'Standard', days: 1 }),
      ).rejects.toBeInstanceOf(RestoreUnsupportedError);
      expect(await bucket.capabilities()).toEqual({ versions: false, restore: false });
    }
  });
});
