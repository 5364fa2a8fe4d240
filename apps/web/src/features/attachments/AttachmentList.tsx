import {
  type AttachmentView,
  CUSTOMER_RESTORE_DAYS_MAX,
  formatBytes,
  type RestoreTier,
} from '@cadastro/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/error-text.ts';
import { useTRPC } from '../../trpc.ts';
import { formatDateTime } from './format.ts';
import { StateBadge } from './StateBadge.tsx';

const PAGE_SIZE = 20;
/** While a restore runs the list asks again now and then (S3 takes minutes to hours). */
const RESTORE_POLL_MS = 60_000;

const reasonOf = (error: unknown) =>
  error instanceof TRPCClientError
    ? ((error.data as { reason?: string } | undefined)?.reason ?? 'unexpected')
    : 'unexpected';

/**
 * A customer's documents with their state, and download, restore and remove. Customers see their own;
 * operators pass `customerId` (the server requires it from staff and refuses it from customers).
 */
export function AttachmentList({ customerId }: { customerId?: string } = {}) {
  const owner = customerId ? { customerId } : {};
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const list = useInfiniteQuery(
    trpc.attachments.list.infiniteQueryOptions(
      { ...owner, limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor,
        refetchInterval: (query) =>
          query.state.data?.pages.some((p) => p.items.some((a) => a.state === 'restoring'))
            ? RESTORE_POLL_MS
            : false,
      },
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.attachments.list.pathFilter());
  const remove = useMutation(trpc.attachments.remove.mutationOptions({ onSettled: refresh }));
  const restore = useMutation(trpc.attachments.requestRestore.mutationOptions({ onSettled: refresh }));

  async function download(attachment: AttachmentView) {
    setProblem(null);
    try {
      const { url } = await queryClient.fetchQuery({
        ...trpc.attachments.downloadUrl.queryOptions({ ...owner, attachmentId: attachment.id }),
        staleTime: 0,
      });
      window.location.assign(url); // Content-Disposition: attachment — the page stays
    } catch (error) {
      setProblem(errorText(reasonOf(error)) ?? null);
      if (reasonOf(error) === 'ARCHIVED') await refresh();
    }
  }

  async function act(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(errorText(reasonOf(error)) ?? null);
    }
  }

  if (list.isPending) return <p>{t('attachments.loading')}</p>;
  if (list.isError) {
    return (
      <p className="field__error" role="alert">
        {errorText(reasonOf(list.error))}
      </p>
    );
  }
  const items = list.data.pages.flatMap((p) => p.items);

  return (
    <section className="attachment-list" aria-labelledby="attachment-list-title">
      <h2 id="attachment-list-title">{t('attachments.listTitle')}</h2>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      {items.length === 0 ? (
        <p>{t('attachments.empty')}</p>
      ) : (
        <table className="attachment-table">
          <thead>
            <tr>
              <th scope="col">{t('attachments.columns.file')}</th>
              <th scope="col">{t('attachments.columns.kind')}</th>
              <th scope="col">{t('attachments.columns.size')}</th>
              <th scope="col">{t('attachments.columns.sentAt')}</th>
              <th scope="col">{t('attachments.columns.state')}</th>
              <th scope="col">{t('attachments.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-testid="attachment-row">
                <td className="attachment-table__name" data-label={t('attachments.columns.file')}>
                  {a.fileName}
                </td>
                <td data-label={t('attachments.columns.kind')}>{t(`attachments.kinds.${a.kind}`)}</td>
                <td data-label={t('attachments.columns.size')}>{formatBytes(a.size, i18n.language)}</td>
                <td data-label={t('attachments.columns.sentAt')}>
                  {formatDateTime(a.createdAt, i18n.language)}
                </td>
                <td data-label={t('attachments.columns.state')}>
                  <StateBadge attachment={a} />
                </td>
                <td className="attachment-table__actions">
                  {(a.state === 'stored' || a.state === 'restored') && (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('attachments.downloadOf', { fileName: a.fileName })}
                      onClick={() => void download(a)}
                    >
                      {t('attachments.download')}
                    </button>
                  )}
                  {a.restoreTiers.length > 0 && (
                    <RestoreButton
                      attachment={a}
                      onRestore={(tier) =>
                        act(() =>
                          restore.mutateAsync({
                            ...owner,
                            attachmentId: a.id,
                            tier,
                            days: CUSTOMER_RESTORE_DAYS_MAX,
                          }),
                        )
                      }
                    />
                  )}
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('attachments.removeOf', { fileName: a.fileName })}
                    onClick={() => {
                      if (window.confirm(t('attachments.confirmRemove', { fileName: a.fileName }))) {
                        void act(() => remove.mutateAsync({ ...owner, attachmentId: a.id }));
                      }
                    }}
                  >
                    {t('attachments.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => void list.fetchNextPage()}>
          {t('attachments.loadMore')}
        </button>
      )}
    </section>
  );
}

/** Restore with the tiers this caller may use (the server decides: see `restoreTiers`). */
function RestoreButton({
  attachment,
  onRestore,
}: {
  attachment: AttachmentView;
  onRestore: (tier: RestoreTier) => void;
}) {
  const { t } = useTranslation();
  const preferred = attachment.restoreTiers.includes('Standard') ? 'Standard' : attachment.restoreTiers[0]!;
  const [tier, setTier] = useState<RestoreTier>(preferred);
  return (
    <span className="restore-control">
      <select
        aria-label={t('attachments.restoreTier')}
        className="field__control field__control--select"
        value={tier}
        onChange={(e) => setTier(e.target.value as RestoreTier)}
      >
        {attachment.restoreTiers.map((tr) => (
          <option key={tr} value={tr}>
            {t(`attachments.tiers.${tr}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--secondary"
        aria-label={t('attachments.restoreOf', { fileName: attachment.fileName })}
        title={t('attachments.restoreNote', { days: CUSTOMER_RESTORE_DAYS_MAX })}
        onClick={() => onRestore(tier)}
      >
        {t('attachments.restore')}
      </button>
    </span>
  );
}
