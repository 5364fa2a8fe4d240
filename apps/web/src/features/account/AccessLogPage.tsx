import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageHeading } from '../../components/PageHeading.tsx';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { AccessTable } from '../history/AccessTable.tsx';
import { Pager } from '../history/Pager.tsx';
import { useCursorPages } from '../history/paging.ts';

const PAGE_SIZE = 20;

/** "Quem acessou meus dados": every read of the customer's data by staff or services (LGPD Art. 37), paged. */
export function AccessLogPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const log = useQuery(trpc.customers.accessLog.queryOptions({ limit: PAGE_SIZE, cursor: pages.cursor }));
  if (log.isPending) return <p className="card">{t('common.loading')}</p>;
  if (log.isError) {
    const reason = reasonOf(log.error);
    if (reason === 'UNAUTHENTICATED' || reason === 'FORBIDDEN') return <Navigate to={paths.signIn} replace />;
    return <p className="card">{t('errors.unexpected')}</p>;
  }
  return (
    <section className="card">
      <PageHeading focusOnMount lead={t('access.intro')}>
        {t('access.title')}
      </PageHeading>
      {log.data.items.length === 0 && !pages.hasPrevious ? (
        <p>{t('access.empty')}</p>
      ) : (
        <AccessTable items={log.data.items} />
      )}
      <Pager
        pages={pages}
        nextCursor={log.data.nextCursor}
        labels={{ previous: t('access.previous'), next: t('access.next') }}
      />
      <p>
        <Link to={paths.account}>{t('done.toAccount')}</Link>
      </p>
    </section>
  );
}
