import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, startTestServer, type TestServer } from './harness.ts';
import { trpcMutation } from './trpc-http.ts';
import { pdf, postUpload } from './uploads.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function customerWithDocument() {
  const input = newRegistration();
  const res = await trpcMutation(server.url, 'customers.register', input);
  const customerId = (res.body.result!.data as { id: string }).id;
  const me = callerFor(server, { role: 'customer', customerId });
  const upload = await me.attachments.createUpload({
    kind: 'identity',
    fileName: 'rg.pdf',
    contentType: 'application/pdf',
    size: 512,
  });
  await postUpload(upload, pdf(512), 'application/pdf');
  const document = await me.attachments.confirm({ attachmentId: upload.attachmentId });
  return { customerId, input, me, document };
}

async function storedVersions(customerId: string) {
  const page = await server.clients.s3.send(
    new ListObjectVersionsCommand({ Bucket: server.bucket, Prefix: `attachments/${customerId}/` }),
  );
  return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
}

describe('documents and LGPD self-service', () => {
  it('lists the customer’s documents in their data export', async () => {
    const { me, document } = await customerWithDocument();
    const exported = await me.customers.exportMe();
    expect(exported.documents).toEqual([
      expect.objectContaining({ id: document.id, fileName: 'rg.pdf', sha256: document.sha256 }),
    ]);
  });

  it('deletes every stored version of the customer’s documents when the account is erased', async () => {
    const { customerId, input, me } = await customerWithDocument();
    expect((await storedVersions(customerId)).length).toBeGreaterThan(0);
    await me.customers.deleteMe({ password: input.password });
    expect(await storedVersions(customerId)).toEqual([]);
    // Another customer's documents are untouched.
    const other = await customerWithDocument();
    expect((await storedVersions(other.customerId)).length).toBeGreaterThan(0);
  });
});
