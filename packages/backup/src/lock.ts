import { appliedIfCondition, type DbService, isConditionFailure, type LockItem } from '@cadastro/db';
import type { Clock } from './clock.ts';

export interface LeaseOptions {
  db: DbService;
  name: string;
  /** How long a holder keeps the lease without renewing it; a crashed holder blocks others at most this long. */
  leaseMs: number;
  clock: Clock;
}

export type AcquireResult =
  | {
      acquired: true /** The holder whose lease had expired (a crashed run), if any. */;
      expiredHolder?: string;
    }
  | { acquired: false; holder: string; expiresAt: Date };

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A completed lease's holder starts with this: the work it guarded is done, and nobody may take it again. */
export const COMPLETED_HOLDER_PREFIX = 'completed:';

/**
 * A lease in DynamoDB: at most one holder at a time across every server and CLI, taken and renewed with
 * conditional writes, so two backups never run at once and a crashed one does not block the next for ever.
 */
export function createLease({ db, name, leaseMs, clock }: LeaseOptions) {
  const { lock } = db.entities;

  async function current(): Promise<LockItem | null> {
    const { data } = await lock.get({ name }).go({ consistent: true });
    return data;
  }

  async function acquire(holder: string): Promise<AcquireResult> {
    const now = clock.now();
    const existing = await current();
    if (existing && existing.expiresAt > seconds(now) && existing.holder !== holder) {
      return { acquired: false, holder: existing.holder, expiresAt: new Date(existing.expiresAt * 1000) };
    }
    const item = { name, holder, acquiredAt: now.toISOString(), expiresAt: seconds(now) + leaseMs / 1000 };
    try {
      // Compare-and-swap against what was just read: of two contenders that both saw it free, one wins.
      await lock
        .put(item)
        .where((attr, op) =>
          existing
            ? `${op.eq(attr.holder, existing.holder)} AND ${op.eq(attr.expiresAt, existing.expiresAt)}`
            : op.notExists(attr.holder),
        )
        .go();
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const winner = await current();
      return {
        acquired: false,
        holder: winner?.holder ?? 'unknown',
        expiresAt: new Date((winner?.expiresAt ?? seconds(now)) * 1000),
      };
    }
    return existing && existing.holder !== holder
      ? { acquired: true, expiredHolder: existing.holder }
      : { acquired: true };
  }

  /** Changes the item while `holder` still holds it; false when the lease was lost (taken by another holder). */
  async function updateHeld(holder: string, changes: { holder?: string; expiresAt: number }) {
    return appliedIfCondition(
      lock
        .patch({ name })
        .set(changes)
        .where((attr, op) => op.eq(attr.holder, holder))
        .go(),
    );
  }

  /** Extends the lease; false when it was lost (expired and taken by another holder). */
  const renew = (holder: string) => updateHeld(holder, { expiresAt: seconds(clock.now()) + leaseMs / 1000 });

  /**
   * Keeps the item as the record that the holder's work is done: for `keepMs` nobody can acquire it (a job run
   * once per schedule slot stays run once). False when the lease had already been lost.
   */
  const complete = (holder: string, keepMs: number) =>
    updateHeld(holder, {
      holder: `${COMPLETED_HOLDER_PREFIX}${holder}`,
      expiresAt: seconds(clock.now()) + Math.ceil(keepMs / 1000),
    });

  async function release(holder: string): Promise<void> {
    try {
      await lock
        .delete({ name })
        .where((attr, op) => op.eq(attr.holder, holder))
        .go();
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // someone else holds it now: leave theirs alone
    }
  }

  return { acquire, renew, complete, release, current };
}
export type Lease = ReturnType<typeof createLease>;
