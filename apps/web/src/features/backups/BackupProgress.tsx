import { formatBytes } from '@cadastro/contracts';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc.ts';

/** The fields of a `backups.progress` event this view shows. */
interface ProgressEvent {
  phase: 'started' | 'running' | 'completed' | 'failed';
  items: number;
  bytes: number;
  itemsPerSecond: number;
  estimatedItems: number | null;
  etaSeconds: number | null;
  error?: string;
}

/** Live progress of one backup over SSE (`backups.progress`): a progress bar with items, size, rate and ETA. */
export function BackupProgress({ backupId, onEnd }: { backupId: string; onEnd: (backupId: string) => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  // Kept here: the hook forgets its data once the stream closes, which it does right after the final event.
  const [event, setEvent] = useState<ProgressEvent>();
  useSubscription(trpc.backups.progress.subscriptionOptions({ backupId }, { onData: setEvent }));
  const ended = event?.phase === 'completed' || event?.phase === 'failed';
  useEffect(() => {
    if (ended) onEnd(backupId);
  }, [ended, onEnd, backupId]);
  if (!event) return null;

  const size = formatBytes(event.bytes, i18n.language);
  const total = event.estimatedItems && event.estimatedItems >= event.items ? event.estimatedItems : null;
  const percent = total ? Math.floor((event.items / total) * 100) : undefined;
  const message =
    event.phase === 'completed'
      ? t('backups.completed', { items: event.items, size })
      : event.phase === 'failed'
        ? t('backups.failed')
        : t('backups.running');
  return (
    <div className="backup-progress" role="status" aria-live="polite" data-testid="backup-progress">
      <p>{message}</p>
      {!ended && (
        <>
          <progress
            className="upload-progress"
            max={100}
            value={percent}
            aria-label={t('backups.progressLabel')}
          />
          <p>
            {total
              ? t('backups.progress', {
                  items: event.items,
                  total,
                  size,
                  rate: Math.round(event.itemsPerSecond),
                  eta: event.etaSeconds === null ? '?' : `${event.etaSeconds} s`,
                })
              : t('backups.progressNoTotal', {
                  items: event.items,
                  size,
                  rate: Math.round(event.itemsPerSecond),
                })}
          </p>
        </>
      )}
    </div>
  );
}
