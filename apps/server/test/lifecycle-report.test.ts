import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, type StorageClass } from '@aws-sdk/client-s3';
import type { LifecycleReportView } from '@cadastro/contracts';
import { PRICE_TABLE } from '@cadastro/infra';
import { S3RVER_CREDENTIALS, startS3rver } from '@cadastro/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../src/aws.ts';
import { createInnerContext } from '../src/context.ts';
import { appRouter } from '../src/router.ts';
import { createCallerFactory } from '../src/trpc.ts';
import { data, registeredCustomer } from './accounts.ts';
import { asOperator, callerFor, startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import { trpcQuery } from './trpc-http.ts';

const DAY = 86_400_000;
const GB = 2 ** 30;
const KiB = 1024;
const MiB = 1024 * KiB;
const prices = PRICE_TABLE['us-east-1']!.perGbMonth;
const STANDARD = prices.STANDARD!.usd;
const GLACIER = prices.GLACIER!.usd;

const objects = [
  { key: 'attachments/c1/contrato', size: 1 * MiB },
  { key: 'attachments/c1/rg-pequeno', size: 10 * KiB }, // under 128 KB: stays in STANDARD
  { key: 'attachments/c2/antigo', size: 300 * KiB, storageClass: 'GLACIER' },
  { key: 'backups/2026-11.json.gz', size: 3 * MiB },
  { key: 'backups/2026-08.json.gz', size: 2 * MiB, storageClass: 'GLACIER' },
] as const;

let server: TestServer;
let operatorId: string;
const operatorCaller = () => callerFor(server, asOperator(operatorId));
/** YYYY-MM-DD, `days` from now. */
const dayIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  operatorId = (await server.services.operators.getByEmail('operadora@example.com'))!.operatorId;
  for (const o of objects) {
    await server.clients.s3.send(
      new PutObjectCommand({
        Bucket: server.bucket,
        Key: o.key,
        Body: Buffer.alloc(o.size, 7),
        StorageClass: ('storageClass' in o ? o.storageClass : undefined) as StorageClass | undefined,
      }),
    );
  }
});
afterAll(() => server?.close());

describe('ops.lifecycleReport', () => {
  it('counts objects and bytes by prefix, age band and class, with the bucket’s own rules', async () => {
    const report = await operatorCaller().ops.lifecycleReport();
    expect(report.rulesSource).toBe('bucket');
    expect(report.ruleIds).toEqual(
      expect.arrayContaining(['attachments-archive', 'backups-archive-and-expire']),
    );
    expect(report.priceRegion).toBe('us-east-1');
    expect(report.truncated).toBe(false);
    expect(report.maxObjects).toBe(100_000);
    expect(report.totals).toEqual({
      objects: 5,
      bytes: objects.reduce((n, o) => n + o.size, 0),
    });
    const rows = report.groups
      .map((g) => `${g.prefix} ${g.ageBand} ${g.storageClass} ${g.objects} ${g.bytes}`)
      .sort();
    expect(rows).toEqual([
      `attachments/ 0-30 GLACIER 1 ${300 * KiB}`,
      `attachments/ 0-30 STANDARD 2 ${1 * MiB + 10 * KiB}`,
      `backups/ 0-30 GLACIER 1 ${2 * MiB}`,
      `backups/ 0-30 STANDARD 1 ${3 * MiB}`,
    ]);
    expect(report.smallObjectsKept).toEqual({ objects: 1, bytes: 10 * KiB });
    // Nothing is due yet: the rules later move the contract and the backup, and expire both backups.
    expect(report.schedule.some((s) => s.when === 'due')).toBe(false);
    const moves = report.schedule.filter((s) => s.action === 'transition');
    expect(moves.reduce((n, s) => n + s.objects, 0)).toBe(2);
    expect(moves.every((s) => s.storageClass === 'GLACIER')).toBe(true);
    const expiries = report.schedule.filter((s) => s.action === 'expire');
    expect(expiries.reduce((n, s) => n + s.bytes, 0)).toBe(5 * MiB);

    const standardNow = 1 * MiB + 10 * KiB + 3 * MiB;
    const glacierNow = 300 * KiB + 2 * MiB;
    // GLACIER objects bill 32 KB more at the GLACIER rate and 8 KB at STANDARD's.
    const asStored = ((standardNow + 2 * 8 * KiB) * STANDARD + (glacierNow + 2 * 32 * KiB) * GLACIER) / GB;
    const withoutRules = ((standardNow + glacierNow) * STANDARD) / GB;
    expect(report.monthlyCostUsd.asStored).toBeCloseTo(asStored, 12);
    expect(report.monthlyCostUsd.withoutRules).toBeCloseTo(withoutRules, 12);
    expect(report.monthlyCostUsd.withRules).toBeCloseTo(asStored, 12);
    expect(report.prices).toContainEqual({ storageClass: 'GLACIER', usdPerGbMonth: GLACIER });
  });

  it('100 days on: the transitions are due and the cost with rules counts them in GLACIER', async () => {
    const report = await operatorCaller().ops.lifecycleReport({ asOf: dayIn(100) });
    expect(report.groups.every((g) => g.ageBand === '90-180')).toBe(true);
    expect(report.schedule[0]).toEqual({
      when: 'due',
      action: 'transition',
      storageClass: 'GLACIER',
      objects: 2,
      bytes: 1 * MiB + 3 * MiB,
    });
    const withRules =
      ((10 * KiB + 4 * 8 * KiB) * STANDARD +
        (1 * MiB + 300 * KiB + 3 * MiB + 2 * MiB + 4 * 32 * KiB) * GLACIER) /
      GB;
    expect(report.monthlyCostUsd.withRules).toBeCloseTo(withRules, 12);
    expect(report.monthlyCostUsd.withRules).toBeLessThan(report.monthlyCostUsd.withoutRules);
  });

  it('stops at maxObjects and says so', async () => {
    const report = await operatorCaller().ops.lifecycleReport({ maxObjects: 2 });
    expect(report.truncated).toBe(true);
    expect(report.totals.objects).toBe(2);
    expect(report.notes.some((n) => n.code === 'truncated' && n.values.objects === 2)).toBe(true);
  });

  it('on s3rver (`pnpm start`), which answers 501 to lifecycle calls, applies the desired rules and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadastro-report-s3rver-'));
    const s3rver = await startS3rver(dir);
    try {
      const { s3 } = createAwsClients({
        region: 'us-east-1',
        s3Endpoint: s3rver.endpoint,
        credentials: { ...S3RVER_CREDENTIALS },
      });
      const bucket = 'cadastro-local';
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'backups/local.json.gz', Body: Buffer.alloc(200 * KiB) }),
      );
      const services = { ...server.services, aws: { ...server.services.aws, s3 }, bucket };
      const caller = createCallerFactory(appRouter)(
        createInnerContext(services, asOperator(operatorId), server.app.log),
      );
      const report = await caller.ops.lifecycleReport({ asOf: dayIn(100) });
      expect(report.rulesSource).toBe('desired');
      expect(report.ruleIds).toContain('backups-archive-and-expire');
      expect(report.notes[0]).toMatchObject({ code: 'rules_from_infra' });
      expect(report.notes[0]?.values.why).toMatch(/does not implement lifecycle configuration.*501/);
      expect(report.totals).toEqual({ objects: 1, bytes: 200 * KiB });
      expect(report.schedule[0]).toMatchObject({ when: 'due', action: 'transition', objects: 1 });
    } finally {
      await s3rver.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a service over HTTP and refuses customers and anonymous callers', async () => {
    const service = await trpcQuery(server.url, 'ops.lifecycleReport', undefined, {
      authorization: `Bearer ${TEST_API_KEY}`,
    });
    expect(service.status).toBe(200);
    expect(data<LifecycleReportView>(service).totals.objects).toBe(5);

    const customer = await registeredCustomer(server);
    const asCustomer = await customer.client.query('ops.lifecycleReport');
    expect(asCustomer.status).toBe(403);
    expect(asCustomer.body.error?.data.reason).toBe('FORBIDDEN');
    await expect(
      callerFor(server, { role: 'customer', customerId: customer.id }).ops.lifecycleReport(),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const anonymous = await trpcQuery(server.url, 'ops.lifecycleReport', undefined);
    expect(anonymous.status).toBe(401);
  });
});
