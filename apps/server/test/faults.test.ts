import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PresignedUpload } from '@cadastro/contracts';
import { type RunningEmulator, startDynamoDbLocal, startS3rver, until } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AWS_TIMEOUTS } from '../src/aws.ts';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import type { CookieClient, TrpcBody } from './trpc-http.ts';
import { pdf, postUpload } from './uploads.ts';

/**
 * DynamoDB frozen (SIGSTOP) and the S3 stand-in killed (SIGKILL) under traffic, with production's timeouts: every
 * call answers 503 DEPENDENCY_UNAVAILABLE instead of hanging, /readyz says so while /healthz stays up, and the same
 * server recovers fully once they are back. These emulators are this file's own, so freezing them stops no other
 * test. (s3rver here: what `pnpm start` runs, and its files survive the kill.)
 */
let dynamo: RunningEmulator;
let s3: RunningEmulator;
let s3Dir: string;
let s3Port: number;
let server: TestServer;
let customer: CookieClient;

/** A deadline far above the bounded wait (about 2 × 3 s): a call that outlives it hung. */
const HUNG = 60_000;

beforeAll(async () => {
  s3Dir = mkdtempSync(join(tmpdir(), 'cadastro-faults-s3-'));
  [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startS3rver(s3Dir)]);
  s3Port = Number(new URL(s3.endpoint).port);
  server = await startTestServer({
    endpoints: { dynamodb: dynamo.endpoint, s3: s3.endpoint },
    awsTimeouts: DEFAULT_AWS_TIMEOUTS,
  });
  customer = (await registeredCustomer(server)).client;
}, 120_000);

afterAll(async () => {
  dynamo?.signal('SIGCONT');
  await server?.close();
  await Promise.all([dynamo?.stop(), s3?.stop()]);
  rmSync(s3Dir, { recursive: true, force: true });
});

async function call(path: string, init: RequestInit & { input?: unknown } = {}) {
  const { input, ...rest } = init;
  const res = await fetch(`${server.url}/trpc/${path}`, {
    ...rest,
    ...(rest.method === 'POST' && { body: JSON.stringify(input ?? null) }),
    headers: { 'content-type': 'application/json', origin: server.url, ...(rest.headers ?? {}) },
    signal: AbortSignal.timeout(HUNG),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function readiness() {
  const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(HUNG) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

function expectUnavailable(res: { status: number; text: string; headers: Headers }, what: string) {
  expect(res.status, `${what}: ${res.text}`).toBe(503);
  const body = JSON.parse(res.text) as TrpcBody;
  expect(body.error?.data.reason).toBe('DEPENDENCY_UNAVAILABLE');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  // Nothing of the SDK, ElectroDB or the network in the answer.
  expect(res.text).not.toMatch(/ECONN|ETIMEDOUT|socket|127\.0\.0\.1|electro|dynamo|timed? ?out|aws/i);
}

describe('DynamoDB frozen', () => {
  it('answers 503 DEPENDENCY_UNAVAILABLE within the bounded wait, readiness false, then recovers', async () => {
    expect((await readiness()).status).toBe(200);
    dynamo.signal('SIGSTOP');
    try {
      const cookie = customer.cookie!;
      const results = await Promise.all([
        call('customers.me', { headers: { cookie } }),
        call('auth.signIn', {
          method: 'POST',
          input: { login: 'x@example.com', password: 'palpite-qualquer-1' },
        }),
        // The API key lookup happens while the context is built: its failure is answered the same way.
        call('auth.me', {
          headers: { authorization: `Bearer cad.0190a0b0-0000-7000-8000-000000000000.abc` },
        }),
      ]);
      for (const [i, res] of results.entries()) expectUnavailable(res, `call ${i}`);
      await until(async () => (await readiness()).status === 503, 'readiness turns false', {
        timeoutMs: HUNG,
        everyMs: 250,
      });
      expect((await readiness()).body).toMatchObject({
        reason: 'DEPENDENCY_UNAVAILABLE',
        dynamodb: 'unavailable',
        s3: 'ok',
      });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // liveness: the process is fine
    } finally {
      dynamo.signal('SIGCONT');
    }
    await until(async () => (await readiness()).status === 200, 'readiness recovers', {
      timeoutMs: HUNG,
      everyMs: 250,
    });
    const me = await customer.query('customers.me');
    expect(me.status).toBe(200);
    expect((await call('auth.me', { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(
      200,
    );
  });
});

describe('S3 stand-in killed', () => {
  it('answers 503 to calls that need S3, readiness false, and recovers when it is back on its port', async () => {
    const created = await customer.mutation('attachments.createUpload', {
      kind: 'identity',
      fileName: 'rg.pdf',
      contentType: 'application/pdf',
      size: 2048,
    });
    expect(created.status).toBe(200);
    const upload = data<PresignedUpload>(created);
    await postUpload(upload, pdf(2048), 'application/pdf');

    s3.signal('SIGKILL');
    await s3.stop();
    const confirm = await call('attachments.confirm', {
      method: 'POST',
      headers: { cookie: customer.cookie! },
      input: { attachmentId: upload.attachmentId },
    });
    expectUnavailable(confirm, 'confirm');
    // Readiness reuses a result for a second: the next probe sees S3 gone.
    await until(async () => (await readiness()).status === 503, 'readiness turns false', {
      timeoutMs: HUNG,
      everyMs: 250,
    });
    expect((await readiness()).body).toMatchObject({ dynamodb: 'ok', s3: 'unavailable' });
    // Calls that do not need S3 go on.
    expect((await customer.query('customers.me')).status).toBe(200);

    s3 = await startS3rver(s3Dir, { port: s3Port });
    await until(async () => (await readiness()).status === 200, 'readiness recovers', {
      timeoutMs: HUNG,
      everyMs: 250,
    });
    const again = await customer.mutation('attachments.confirm', { attachmentId: upload.attachmentId });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });
});
