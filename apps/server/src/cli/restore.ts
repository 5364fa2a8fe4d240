/**
 * `pnpm restore --list`
 * `pnpm restore --backup <id>`                       verify only (the default): reads and checks every part
 * `pnpm restore --backup <id> --apply [--target T] [--allow-non-empty]`
 * `pnpm restore --backup <id> --from-archive [--days 7] [--tier Standard|Bulk|Expedited]`
 * Same configuration as the server (see env.ts); see backup.ts about local mode.
 */
import { parseArgs } from 'node:util';
import type { BackupManager } from '../backups/manager.ts';
import { restoreProgressBar } from './progress-bar.ts';
import { runCli } from './run.ts';

const { values } = parseArgs({
  options: {
    list: { type: 'boolean', default: false },
    backup: { type: 'string' },
    apply: { type: 'boolean', default: false },
    target: { type: 'string' },
    'allow-non-empty': { type: 'boolean', default: false },
    'from-archive': { type: 'boolean', default: false },
    days: { type: 'string', default: '7' },
    tier: { type: 'string', default: 'Standard' },
  },
});

async function list(backups: BackupManager): Promise<number> {
  const { items } = await backups.list(50);
  for (const b of items) {
    const where = b.storage ? `${b.storage.storageClass} ${b.storage.availability}` : '';
    console.log(
      `${b.id}  ${b.startedAt}  ${b.state.padEnd(11)} ${String(b.items).padStart(9)} items  ${where}`,
    );
  }
  return 0;
}

async function fromArchive(backups: BackupManager, backupId: string): Promise<number> {
  const tier = values.tier as 'Standard' | 'Bulk' | 'Expedited';
  const result = await backups.restoreFromArchive(backupId, Number(values.days), tier);
  console.log(
    `Requested ${result.requested.length} objects from Glacier; ${result.inProgress.length} already on their way, ${result.alreadyAvailable.length} readable.`,
  );
  return 0;
}

async function verify(backups: BackupManager, backupId: string): Promise<number> {
  const report = await backups.verify(backupId);
  for (const part of report.parts) {
    console.log(`${part.ok ? 'ok  ' : 'FAIL'} ${part.name}  ${part.problems.join('; ')}`);
  }
  for (const problem of report.problems) console.log(`FAIL ${problem}`);
  console.log(
    report.ok ? `Backup ${backupId} verified: ${report.totalItems} items.` : `Backup ${backupId} is damaged.`,
  );
  return report.ok ? 0 : 1;
}

async function apply(backups: BackupManager, backupId: string): Promise<number> {
  const bar = restoreProgressBar('Restore');
  const report = await backups.apply({
    backupId,
    targetTable: values.target,
    allowNonEmpty: values['allow-non-empty'],
    onProgress: (p) => bar.update(p.items, p.totalItems),
  });
  bar.stop();
  console.log(`Restored into ${report.targetTable}${report.createdTable ? ' (new table)' : ''}.`);
  console.log(`Written: ${JSON.stringify(report.written)}`);
  console.log(`Skipped (customers erased since): ${JSON.stringify(report.skippedErased)}`);
  console.log(`Kept as they were (already in the target): ${JSON.stringify(report.keptExisting)}`);
  console.log(`Found in the table: ${JSON.stringify(report.found)}`);
  console.log(report.countsMatch ? 'Counts match.' : 'COUNTS DIFFER.');
  return report.countsMatch ? 0 : 1;
}

const backupId = values.backup;
if (!values.list && !backupId) {
  console.error(
    'Usage: pnpm restore --list | --backup <id> [--apply [--target T] [--allow-non-empty] | --from-archive]',
  );
  process.exit(2);
}

runCli(async ({ backups }) => {
  if (values.list || !backupId) return list(backups);
  if (values['from-archive']) return fromArchive(backups, backupId);
  return values.apply ? apply(backups, backupId) : verify(backups, backupId);
});
