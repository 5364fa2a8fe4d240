import { formatBytes } from '@cadastro/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { BackupProgress } from './BackupProgress.tsx';
import { VerifyResult } from './VerifyResult.tsx';

/** /admin/backups: the list, "back up now" with live progress, verify, and retrieval of archived backups. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const backups = useQuery(trpc.backups.list.queryOptions({ limit: 20 }));
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() }),
    [queryClient, trpc],
  );
  const create = useMutation(trpc.backups.create.mutationOptions({ onSuccess: refresh }));
  const verify = useMutation(trpc.backups.restore.mutationOptions());
  const fromArchive = useMutation(trpc.backups.restoreFromArchive.mutationOptions({ onSuccess: refresh }));
  const [failure, setFailure] = useState<string | null>(null);
  const fail = (error: unknown) => setFailure(reasonOf(error));

  // The progress of the last backup stays on screen after it ends; the button is free again once it has.
  const [endedId, setEndedId] = useState<string | null>(null);
  const shownId = create.data?.backupId ?? backups.data?.items.find((b) => b.state === 'running')?.id;
  const running = create.isPending || (shownId !== undefined && shownId !== endedId);
  const ended = useCallback(
    (backupId: string) => {
      setEndedId(backupId);
      void refresh();
    },
    [refresh],
  );

  return (
    <section className="card">
      <PageHeading lead={t('backups.intro')}>{t('backups.title')}</PageHeading>
      <FormAlert message={errorText(failure)} />
      <button
        className="button button--primary"
        type="button"
        disabled={running}
        onClick={() => {
          setFailure(null);
          create.mutate(undefined, { onError: fail });
        }}
      >
        {t('backups.create')}
      </button>
      {shownId && <BackupProgress key={shownId} backupId={shownId} onEnd={ended} />}
      {verify.data && <VerifyResult report={verify.data.verify} />}
      {fromArchive.isSuccess && (
        <p className="form-alert form-alert--success" role="status">
          {t('backups.fromArchiveRequested')}
        </p>
      )}
      {backups.isPending && <p>{t('backups.loading')}</p>}
      {backups.data?.items.length === 0 && <p>{t('backups.empty')}</p>}
      {backups.data && backups.data.items.length > 0 && (
        <table className="table" data-testid="backups-table">
          <thead>
            <tr>
              <th scope="col">{t('backups.columns.startedAt')}</th>
              <th scope="col">{t('backups.columns.state')}</th>
              <th scope="col">{t('backups.columns.items')}</th>
              <th scope="col">{t('backups.columns.size')}</th>
              <th scope="col">{t('backups.columns.storage')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('backups.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.data.items.map((b) => {
              const date = new Date(b.startedAt).toLocaleString(i18n.language);
              return (
                <tr key={b.id}>
                  <td data-label={t('backups.columns.startedAt')}>{date}</td>
                  <td data-label={t('backups.columns.state')}>{t(`backups.states.${b.state}`)}</td>
                  <td data-label={t('backups.columns.items')}>
                    {new Intl.NumberFormat(i18n.language).format(b.items)}
                  </td>
                  <td data-label={t('backups.columns.size')}>{formatBytes(b.bytes, i18n.language)}</td>
                  <td data-label={t('backups.columns.storage')}>
                    {b.storage
                      ? `${t(`backups.availability.${b.storage.availability}`)} · ${b.storage.storageClass}`
                      : '—'}
                  </td>
                  <td>
                    {b.storage?.availability === 'archived' ? (
                      <button
                        className="button"
                        type="button"
                        disabled={fromArchive.isPending}
                        aria-label={t('backups.fromArchiveOf', { date })}
                        onClick={() => fromArchive.mutate({ backupId: b.id }, { onError: fail })}
                      >
                        {t('backups.fromArchive')}
                      </button>
                    ) : (
                      b.state === 'completed' && (
                        <button
                          className="button"
                          type="button"
                          disabled={verify.isPending}
                          aria-label={t('backups.verifyOf', { date })}
                          onClick={() => {
                            setFailure(null);
                            verify.mutate({ backupId: b.id, mode: 'verify' }, { onError: fail });
                          }}
                        >
                          {verify.isPending && verify.variables?.backupId === b.id
                            ? t('backups.verifying')
                            : t('backups.verify')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
