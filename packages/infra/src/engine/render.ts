import type { ApplyItem, ApplyResult, PlanAction, PlanItem } from './types.ts';

const PLAN_WORDS: Record<PlanAction, [symbol: string, word: string]> = {
  create: ['+', 'create'],
  change: ['~', 'change'],
  unchanged: ['=', 'unchanged'],
  unsupported: ['?', 'not supported by this endpoint'],
  'not-repairable': ['!', 'drift that apply will not repair'],
  failed: ['x', 'failed'],
};

const APPLY_WORDS: Record<ApplyResult, string> = {
  applied: 'applied',
  unchanged: 'unchanged',
  unsupported: 'not supported by this endpoint, not applied',
  'not-repairable': 'drift left alone',
  failed: 'failed',
};

function short(value: unknown, max = 100): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function detailLines(item: PlanItem, showValues: boolean): string[] {
  const lines: string[] = [];
  if (showValues && (item.action === 'change' || item.action === 'not-repairable')) {
    for (const c of item.changes ?? []) lines.push(`${c.path}: ${short(c.from, 60)} → ${short(c.to, 60)}`);
  }
  if (showValues && item.action === 'create' && item.desired !== undefined) lines.push(short(item.desired));
  if (item.reason) lines.push(item.reason);
  return lines.map((l) => `      ${l}`);
}

const APPLY_SYMBOLS: Record<Exclude<ApplyResult, 'applied'>, string> = {
  unchanged: '=',
  unsupported: '?',
  'not-repairable': '!',
  failed: 'x',
};

function symbolOf(item: PlanItem): string {
  const result = (item as Partial<ApplyItem>).result;
  return result && result !== 'applied' ? APPLY_SYMBOLS[result] : PLAN_WORDS[item.action][0];
}

function render(items: PlanItem[], word: (item: PlanItem) => string): string {
  const out: string[] = [];
  const width = Math.max(...items.map((i) => i.setting.length), 10);
  let resource = '';
  for (const item of items) {
    if (item.resource !== resource) {
      resource = item.resource;
      out.push(resource);
    }
    // Values only where something was (or is to be) written; a refusal needs only its reason.
    const result = (item as Partial<ApplyItem>).result;
    const showValues = result === undefined || result === 'applied' || result === 'not-repairable';
    out.push(
      `  ${symbolOf(item)} ${item.setting.padEnd(width)}  ${word(item)}`,
      ...detailLines(item, showValues),
    );
  }
  return out.join('\n');
}

function counts<T extends string>(values: T[]): string {
  const tally = new Map<T, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return [...tally].map(([k, n]) => `${n} ${k}`).join(', ');
}

export function renderPlan(items: PlanItem[], warnings: string[] = []): string {
  const body = render(items, (i) => PLAN_WORDS[i.action][1]);
  const summary = `Plan: ${counts(items.map((i) => PLAN_WORDS[i.action][1]))}.`;
  return [body, '', ...warnings.map((w) => `warning: ${w}`), summary].join('\n');
}

export function renderApply(items: ApplyItem[], warnings: string[] = []): string {
  const body = render(items, (i) => {
    const it = i as ApplyItem;
    return it.result === 'applied' ? `${PLAN_WORDS[it.action][1]}: applied` : APPLY_WORDS[it.result];
  });
  const summary = `Apply: ${counts(items.map((i) => APPLY_WORDS[i.result]))}.`;
  return [body, '', ...warnings.map((w) => `warning: ${w}`), summary].join('\n');
}

/** One line per resource naming the settings its endpoint could not take, for `pnpm start`. */
export function unsupportedSummary(items: ApplyItem[]): string[] {
  const byResource = new Map<string, string[]>();
  for (const i of items.filter((i) => i.result === 'unsupported')) {
    byResource.set(i.resource, [...(byResource.get(i.resource) ?? []), i.setting]);
  }
  return [...byResource].map(([resource, settings]) => `${resource}: ${settings.join(', ')}`);
}
