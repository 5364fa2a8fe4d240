import { createLease } from '@cadastro/backup';
import { createDbService } from '@cadastro/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSlotRunner, type JobLog } from '../src/jobs/once-per-slot.ts';
import { createDeployment } from './server-processes.ts';

/**
 * The slot lease on its own, in this process, with a lease of 4 s: the cases the two-process tests reach only by
 * timing (a tick arriving after the slot is done, a holder that never renews, a job that fails).
 */
let db: ReturnType<typeof createDbService>;
const settings = { leaseMs: 4000, heartbeatMs: 1000 };

beforeAll(async () => {
  const { table, clients } = await createDeployment();
  db = createDbService({ table, client: clients.dynamodb });
});

function instance(holder: string) {
  const lines: string[] = [];
  const record = (_: object, message: string) => void lines.push(message);
  const log: JobLog = { info: record, warn: record, error: record };
  return { run: createSlotRunner({ db, log, settings, holder }), lines };
}

describe('a job slot', () => {
  it('runs once for instances ticking together, and once for one whose tick comes after it is done', async () => {
    const slot = new Date('2026-01-01T03:00:00Z');
    const [a, b, late] = ['a', 'b', 'late'].map(instance);
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 1500)); // outlasts a heartbeat
      return { runs };
    };
    const outcomes = await Promise.all([a!.run('demo', slot, work), b!.run('demo', slot, work)]);
    expect(outcomes.sort()).toEqual(['done-elsewhere', 'ran']);
    expect(await late!.run('demo', slot, work)).toBe('done-elsewhere');
    expect(runs).toBe(1);
    // Another slot of the same job runs again.
    expect(await late!.run('demo', new Date('2026-01-02T03:00:00Z'), work)).toBe('ran');
  });

  it('is taken over once its holder stops renewing (a crashed instance)', async () => {
    const slot = new Date('2026-01-01T04:00:00Z');
    const crashed = createLease({
      db,
      name: `job:demo:${slot.toISOString()}`,
      leaseMs: settings.leaseMs,
      clock: { now: () => new Date() },
    });
    expect((await crashed.acquire('crashed')).acquired).toBe(true); // and never renews
    const survivor = instance('survivor');
    expect(await survivor.run('demo', slot, async () => ({}))).toBe('ran');
    expect(survivor.lines).toEqual(['job slot taken over', 'job done']);
  });

  it('is not run again in its slot after a failure', async () => {
    const slot = new Date('2026-01-01T05:00:00Z');
    const first = instance('first');
    const failing = async () => {
      throw new Error('S3 unavailable');
    };
    expect(await first.run('demo', slot, failing)).toBe('failed');
    expect(first.lines).toEqual(['job slot taken', 'job failed']);
    expect(await instance('second').run('demo', slot, async () => ({}))).toBe('done-elsewhere');
  });
});
