import { formatBytes } from '@cadastro/contracts';
import { type LifecycleReport, noteText, type Tally } from './report.ts';

const usd = (n: number) => `$${n < 1 ? n.toFixed(6) : n.toFixed(2)}`;
const tally = (t: Tally) => `${t.objects} objects, ${formatBytes(t.bytes)}`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function renderLifecycleReport(r: LifecycleReport): string {
  const out = [
    `Lifecycle report for s3://${r.bucket} (${r.region}) as of ${r.asOf.slice(0, 10)}`,
    `${tally(r.totals)} in ${r.pages} listing page(s).`,
    '',
    'Objects by prefix, age and storage class',
    ...table(
      ['prefix', 'age', 'class', 'objects', 'size'],
      r.groups.map((g) => [g.prefix, g.age, g.storageClass, String(g.objects), formatBytes(g.bytes)]),
    ),
    '',
    'What the rules will do',
    ...(r.schedule.length
      ? table(
          ['when', 'action', 'objects', 'size'],
          r.schedule.map((s) => [
            s.when === 'due' ? 'due now' : s.when,
            s.action === 'transition' ? `move to ${s.storageClass}` : 'expire',
            String(s.objects),
            formatBytes(s.bytes),
          ]),
        )
      : ['  nothing']),
    `Kept in STANDARD for being under 128 KB: ${tally(r.smallObjectsKept)}.`,
    '',
    'Monthly storage cost (USD)',
    `  as stored now:                 ${usd(r.monthlyCostUsd.asStored)}`,
    `  without rules (all STANDARD):  ${usd(r.monthlyCostUsd.withoutRules)}`,
    `  with the rules, once run:      ${usd(r.monthlyCostUsd.withRules)}`,
    `  prices: ${r.prices.source}`,
    ...r.unpriced.map((u) => `  not priced: ${u.storageClass}, ${tally(u)}`),
    '',
    ...r.notes.map((n) => `note: ${noteText(n)}`),
  ];
  return out.join('\n');
}
