import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router.ts';
import { registeredCustomer, signedInOperator } from './accounts.ts';
import { startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';

/**
 * Malformed and hostile requests over HTTP, over every procedure of the router (walked as the authorization
 * matrix does) and every kind of caller: broken JSON, wrong types, huge and deeply nested inputs, control
 * characters, prototype keys, oversized batches, every HTTP method. Nothing may answer 5xx, every refusal carries
 * a reason, and the server is alive, unpolluted and of bounded memory afterwards. Seeded, so a failure replays:
 * FUZZ_SEED=<seed printed on failure>. FUZZ_RUNS sets the number of requests (default 2000).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const procedures = Object.keys(appRouter._def.procedures);
/** Calls that would end the fuzzing callers' sessions or start real work: fuzzed as the anonymous caller only. */
const ANONYMOUS_ONLY = new Set(['auth.signOut', 'backups.create']);

let server: TestServer;
let headersOf: Record<string, Record<string, string>>;
beforeAll(async () => {
  server = await startTestServer({ rateLimitMax: 100_000 });
  const customer = await registeredCustomer(server);
  const operator = await signedInOperator(server);
  headersOf = {
    anonymous: {},
    customer: { cookie: customer.client.cookie!, origin: server.url },
    operator: { cookie: operator.cookie!, origin: server.url },
    service: { authorization: `Bearer ${TEST_API_KEY}` },
  };
});
afterAll(() => server?.close());

const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\u001b[2J',
    '\u202eabc',
    '\ud800',
    '\r\n',
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
    '%00',
    '{{7*7}}',
    "' OR 1=1 --",
    'x'.repeat(3000),
  ),
);
const protoKeyed = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"0":{"__proto__":{"polluted":true}}}',
  '{"0":{"json":{"__proto__":{"role":"operator"}}}}',
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  nastyString,
);
const deep = fc
  .integer({ min: 50, max: 20_000 })
  .chain((n) => fc.constantFrom(`${'['.repeat(n)}${']'.repeat(n)}`, `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));
const body = fc.oneof(
  { weight: 6, arbitrary: value.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: value.map((v) => JSON.stringify({ 0: v, 1: v })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) }, // mostly not JSON at all
  { weight: 1, arbitrary: fc.constantFrom('{', '[', '{"0":', 'null', '', '"', '\u0000', '{"0":{"json":') },
  { weight: 1, arbitrary: protoKeyed },
  { weight: 1, arbitrary: deep },
  {
    weight: 1,
    arbitrary: fc.constantFrom(JSON.stringify('x'.repeat(200_000)), JSON.stringify('x'.repeat(1_200_000))),
  },
);
const path = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...procedures) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'nope',
      'auth',
      '__proto__',
      'constructor',
      'customers.__proto__',
      'toString',
      '%E0%A4%A',
      'a%00',
    ),
  },
);
const request = fc.record({
  caller: fc.constantFrom('anonymous', 'customer', 'operator', 'service'),
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  paths: fc.oneof(
    { weight: 6, arbitrary: path.map((p) => [p]) },
    { weight: 2, arbitrary: fc.array(path, { minLength: 2, maxLength: 14 }) },
  ),
  body,
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    'multipart/form-data',
    'application/octet-stream',
  ),
});

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: Request) {
  const batch = r.paths.length > 1;
  const caller = r.paths.some((p) => ANONYMOUS_ONLY.has(p)) ? 'anonymous' : r.caller;
  const names = r.paths.join(',');
  const query = new URLSearchParams(batch ? { batch: '1' } : {});
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD';
  if (!hasBody && r.body.length < 4000) query.set('input', r.body);
  const res = await fetch(`${server.url}/trpc/${names}?${query}`, {
    method: r.method,
    headers: { ...headersOf[caller], ...(hasBody && { 'content-type': r.contentType }) },
    body: hasBody ? r.body : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Each error of a response (one, or one per call of a batch) with its reason. */
function reasonsOf(text: string): Array<string | undefined> {
  const parsed = JSON.parse(text) as unknown;
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items
    .filter((item): item is { error: { data?: { reason?: string } } } => Boolean(item?.error))
    .map((item) => item.error.data?.reason);
}

describe('fuzzing every procedure as every caller', () => {
  it(`answers ${RUNS} hostile requests without a 5xx, each refusal with its reason`, async () => {
    const rssBefore = process.memoryUsage().rss;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await send(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        if (res.status >= 400 && r.method !== 'HEAD') {
          expect(res.type).toContain('application/json');
          const reasons = reasonsOf(res.text);
          expect(reasons.length, res.text.slice(0, 300)).toBeGreaterThan(0);
          for (const reason of reasons) expect(typeof reason, res.text.slice(0, 300)).toBe('string');
        }
        expect(res.text).not.toMatch(/ECONN|DynamoDB|ElectroDB|at .*\.ts:\d+/);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Many kinds of answers were exercised, not one refusal over and over.
    expect([...statuses.keys()].length, JSON.stringify([...statuses])).toBeGreaterThanOrEqual(5);

    // Alive, unpolluted, memory bounded.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/trpc/health`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    const growthMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    expect(growthMb, `RSS grew ${growthMb.toFixed(0)} MB`).toBeLessThan(300);
  }, 600_000);
});
