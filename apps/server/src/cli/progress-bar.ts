import type { BackupProgress } from '@cadastro/backup';
import { formatBytes } from '@cadastro/contracts';
import { Presets, SingleBar } from 'cli-progress';

/** A terminal progress bar fed by the engine's progress events; the total grows if the estimate was low. */
export function backupProgressBar() {
  const bar = new SingleBar(
    {
      format: ' {bar} {percentage}% | {value}/{total} items | {size} | {rate} items/s | ETA {remaining}',
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(event: BackupProgress) {
      const total = Math.max(event.estimatedItems ?? 0, event.items, 1);
      const payload = {
        size: formatBytes(event.bytes),
        rate: Math.round(event.itemsPerSecond),
        remaining: event.etaSeconds === null ? '?' : `${event.etaSeconds}s`,
      };
      if (!started) {
        bar.start(total, event.items, payload);
        started = true;
      }
      if (event.phase === 'completed') bar.setTotal(event.items);
      else bar.setTotal(total);
      bar.update(event.items, payload);
    },
    stop: () => bar.stop(),
  };
}

/** The same kind of bar for a restore, which knows its total from the manifest. */
export function restoreProgressBar(label: string) {
  const bar = new SingleBar(
    {
      format: ` ${label} {bar} {percentage}% | {value}/{total} items | ETA {eta_formatted}`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(items: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(items);
    },
    stop: () => bar.stop(),
  };
}
