import { differences, sameValue } from './compare.ts';
import { describeError, errorName, isUnsupportedByEndpoint } from './endpoint-errors.ts';
import type { ApplyItem, Observed, PlanItem, Resource, Setting } from './types.ts';

export interface RunOptions {
  /**
   * Pauses before each read-back after a write. A write is reported as applied only once the endpoint reads it
   * back; the pauses give AWS's eventually consistent bucket settings time to show.
   */
  verifyDelaysMs?: readonly number[];
}

const DEFAULT_VERIFY_DELAYS_MS = [0, 500, 2000, 5000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function observe<T>(setting: Setting<T>): Promise<Observed<T>> {
  try {
    return await setting.read();
  } catch (error) {
    if (isUnsupportedByEndpoint(error)) return { state: 'unsupported', reason: describeError(error) };
    throw error;
  }
}

const presentValue = <T>(o: Observed<T>) => (o.state === 'present' ? o.value : undefined);

/** Compares one setting with what the endpoint has, without changing anything. */
async function planSetting(resource: string, setting: Setting): Promise<PlanItem> {
  const base = { resource, setting: setting.name, desired: setting.desired };
  let current: Observed<unknown>;
  try {
    current = await observe(setting);
  } catch (error) {
    return { ...base, action: 'failed', reason: describeError(error) };
  }
  if (current.state === 'unsupported') {
    return { ...base, action: 'unsupported', reason: current.reason };
  }
  const value = presentValue(current);
  if (current.state === 'present' && sameValue(value, setting.desired)) {
    return { ...base, action: 'unchanged', current: value };
  }
  const changes = differences(value, setting.desired);
  const notRepairable = setting.notRepairable?.(current);
  if (notRepairable)
    return { ...base, action: 'not-repairable', current: value, changes, reason: notRepairable };
  return { ...base, action: current.state === 'absent' ? 'create' : 'change', current: value, changes };
}

export async function planResource(resource: Resource): Promise<PlanItem[]> {
  let exists: boolean;
  try {
    exists = await resource.exists();
  } catch (error) {
    return [{ resource: resource.id, setting: 'resource', action: 'failed', reason: describeError(error) }];
  }
  if (!exists) {
    // Nothing to read yet: every setting is to be created with the resource.
    return [
      { resource: resource.id, setting: 'resource', action: 'create', desired: resource.creation },
      ...resource.settings.map(
        (s): PlanItem => ({ resource: resource.id, setting: s.name, action: 'create', desired: s.desired }),
      ),
    ];
  }
  const items: PlanItem[] = [{ resource: resource.id, setting: 'resource', action: 'unchanged' }];
  for (const setting of resource.settings) items.push(await planSetting(resource.id, setting));
  return items;
}

async function readBack<T>(setting: Setting<T>, delays: readonly number[]): Promise<Observed<T>> {
  let last: Observed<T> = { state: 'absent' };
  for (const delay of delays) {
    await sleep(delay);
    last = await observe(setting);
    if (last.state === 'present' && sameValue(last.value, setting.desired)) return last;
  }
  return last;
}

async function applySetting(
  resource: string,
  setting: Setting,
  createdWithResource: boolean,
  delays: readonly number[],
): Promise<ApplyItem> {
  const planned = await planSetting(resource, setting);
  // Settings the resource's creation already satisfied were created, not found unchanged.
  if (planned.action === 'unchanged') {
    return createdWithResource
      ? { ...planned, action: 'create', result: 'applied' }
      : { ...planned, result: 'unchanged' };
  }
  if (
    planned.action === 'unsupported' ||
    planned.action === 'not-repairable' ||
    planned.action === 'failed'
  ) {
    return { ...planned, result: planned.action };
  }
  const action = createdWithResource ? 'create' : planned.action;
  const current: Observed<unknown> =
    planned.current === undefined ? { state: 'absent' } : { state: 'present', value: planned.current };
  try {
    await setting.write(setting.desired, current);
  } catch (error) {
    const unsupported =
      isUnsupportedByEndpoint(error) || setting.unsupportedWriteErrors?.includes(errorName(error));
    return {
      ...planned,
      action,
      result: unsupported ? 'unsupported' : 'failed',
      reason: describeError(error),
    };
  }
  let after: Observed<unknown>;
  try {
    after = await readBack(setting, delays);
  } catch (error) {
    return {
      ...planned,
      action,
      result: 'failed',
      reason: `written, then reading it back failed: ${describeError(error)}`,
    };
  }
  if (after.state === 'present' && sameValue(after.value, setting.desired)) {
    return { ...planned, action, result: 'applied' };
  }
  // Accepted but not kept: never claimed as applied.
  const readsBack = after.state === 'present' ? JSON.stringify(after.value) : after.state;
  return {
    ...planned,
    action,
    result: 'unsupported',
    reason: `the endpoint accepted the change but reads back ${readsBack}`,
  };
}

export async function applyResource(resource: Resource, options: RunOptions = {}): Promise<ApplyItem[]> {
  const delays = options.verifyDelaysMs ?? DEFAULT_VERIFY_DELAYS_MS;
  const head = { resource: resource.id, setting: 'resource' };
  let created = false;
  try {
    if (!(await resource.exists())) {
      await resource.create();
      created = true;
    }
  } catch (error) {
    // Without the resource none of its settings can be read or written.
    return [
      {
        ...head,
        action: 'create',
        result: 'failed',
        desired: resource.creation,
        reason: describeError(error),
      },
      ...resource.settings.map(
        (s): ApplyItem => ({
          resource: resource.id,
          setting: s.name,
          action: 'create',
          desired: s.desired,
          result: 'failed',
          reason: 'the resource could not be created',
        }),
      ),
    ];
  }
  const items: ApplyItem[] = [
    created
      ? { ...head, action: 'create', result: 'applied', desired: resource.creation }
      : { ...head, action: 'unchanged', result: 'unchanged' },
  ];
  let gate: string | undefined;
  for (const setting of resource.settings) {
    if (gate) {
      const planned = await planSetting(resource.id, setting);
      const { action } = planned;
      // Only what apply would have written is held back; the rest is reported as it is.
      items.push(
        action === 'create' || action === 'change'
          ? { ...planned, result: 'not-repairable', reason: gate }
          : { ...planned, result: action },
      );
      continue;
    }
    const item = await applySetting(resource.id, setting, created, delays);
    if (setting.gatesOthers && item.result === 'not-repairable') {
      gate = `left alone: ${resource.id} differs in its ${setting.name}, so it is not the resource described here`;
    }
    items.push(item);
  }
  return items;
}

/** Resources are independent of each other: they are planned and applied side by side. */
export async function planResources(resources: Resource[]): Promise<PlanItem[]> {
  return (await Promise.all(resources.map(planResource))).flat();
}

export async function applyResources(resources: Resource[], options: RunOptions = {}): Promise<ApplyItem[]> {
  return (await Promise.all(resources.map((r) => applyResource(r, options)))).flat();
}
