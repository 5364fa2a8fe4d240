import type { AccessActor } from '@cadastro/db';
import type { Context } from '../context.ts';

/**
 * Records that staff read these customers' personal data (LGPD Art. 37): one item per customer, naming the
 * operator or the API key and the procedure. A customer reading their own data records nothing.
 */
export async function recordStaffRead(ctx: Context, customerIds: readonly string[], procedure: string) {
  if (customerIds.length === 0) return;
  const actor = await staffActor(ctx);
  if (actor) await ctx.accessRecords.record(customerIds, actor, procedure);
}

async function staffActor(ctx: Context): Promise<AccessActor | null> {
  const { caller } = ctx;
  if (caller.role === 'service') return { kind: 'service', id: caller.keyId, name: caller.name };
  if (caller.role !== 'operator') return null;
  const operator = await ctx.operators.getById(caller.operatorId);
  return { kind: 'operator', id: caller.operatorId, name: operator?.name ?? caller.operatorId };
}
