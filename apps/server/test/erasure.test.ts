import { randomUUID } from 'node:crypto';
import { customerAttachmentsPrefix } from '@cadastro/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, registeredCustomer, signedInOperator } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import type { CookieClient } from './trpc-http.ts';
import { pdf, postUpload } from './uploads.ts';

/**
 * LGPD erasure over HTTP on both S3 stand-ins: s3rver (what `pnpm start` runs; no ListObjectVersions) and moto
 * (AWS semantics, a versioned bucket).
 */
describe.each(['s3rver', 'moto'] as const)('erasure on %s', (s3) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ s3 });
  });
  afterAll(() => server?.close());

  async function upload(client: CookieClient) {
    const created = await client.mutation('attachments.createUpload', {
      kind: 'identity',
      fileName: 'rg.pdf',
      contentType: 'application/pdf',
      size: 600,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const presigned = data<{
      attachmentId: string;
      url: string;
      fields: Record<string, string>;
      expiresAt: string;
    }>(created);
    await postUpload(presigned, pdf(600), 'application/pdf');
    const confirmed = await client.mutation('attachments.confirm', { attachmentId: presigned.attachmentId });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }

  const objectsOf = async (customerId: string) =>
    server.services.storage.listVersions(customerAttachmentsPrefix(customerId));

  async function findByCpf(cpf: string) {
    const operator = await signedInOperator(server);
    const found = await operator.query('customers.search', { by: 'cpf', query: cpf, limit: 10 });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    return data<{ items: Array<{ id: string }> }>(found).items;
  }

  it.each([
    ['with documents', 2],
    ['without documents', 0],
  ])('a customer %s erases their account and registers again with the same CPF', async (_, documents) => {
    const { client, input, id } = await registeredCustomer(server);
    for (let i = 0; i < documents; i++) await upload(client);
    expect(await objectsOf(id)).toHaveLength(documents); // one version per upload

    const erased = await client.mutation('customers.deleteMe', { password: input.password });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(client.cookie).toBeNull();
    expect(await objectsOf(id)).toEqual([]);
    expect(await findByCpf(input.cpf)).toEqual([]);

    const again = await registeredCustomer(server, { cpf: input.cpf, email: input.email });
    expect(again.id).not.toBe(id);
    expect((await findByCpf(input.cpf)).map((c) => c.id)).toEqual([again.id]);
  });

  it('an operator erases a customer with documents', async () => {
    const { client, input, id } = await registeredCustomer(server);
    await upload(client);
    const operator = await signedInOperator(server);
    const res = await operator.mutation('customers.delete', { id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await objectsOf(id)).toEqual([]);
    expect(await findByCpf(input.cpf)).toEqual([]);
    expect((await client.query('customers.me')).status).toBe(401);
    expect((await operator.mutation('customers.delete', { id })).status).toBe(404);
  });

  it('a failed erasure keeps the customer signed in with ERASURE_FAILED; asking again finishes it', async () => {
    const { client, input, id } = await registeredCustomer(server);
    await upload(client);
    // The real stack with one injected fault: the partition's BatchWriteItem fails once, after the documents and
    // the record (with its CPF guard) are already gone. DynamoDB Local cannot be made to fail on demand.
    let failures = 1;
    const dynamodb = server.services.aws.dynamodb;
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && failures > 0) {
          failures -= 1;
          throw Object.assign(new Error('Injected: the table is unavailable'), {
            name: 'InternalServerError',
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectErasureFault' },
    );
    try {
      const failed = await client.mutation('customers.deleteMe', { password: input.password });
      expect(failed.status).toBe(500);
      expect(failed.body.error?.data.reason).toBe('ERASURE_FAILED');
      expect(JSON.stringify(failed.body)).not.toContain('Injected');
      expect(client.cookie).toBeTruthy(); // still signed in: they can ask again
      expect(await server.services.erasures.status(id)).toBe('erasing');

      const retried = await client.mutation('customers.deleteMe', { password: input.password });
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      expect(client.cookie).toBeNull();
      expect(await server.services.erasures.status(id)).toBe('erased');
      expect(await objectsOf(id)).toEqual([]);
      await registeredCustomer(server, { cpf: input.cpf });
    } finally {
      dynamodb.middlewareStack.remove('injectErasureFault');
    }
  });

  it('refuses to erase a customer that never existed', async () => {
    const operator = await signedInOperator(server);
    const res = await operator.mutation('customers.delete', { id: randomUUID() });
    expect(res.status).toBe(404);
  });
});
