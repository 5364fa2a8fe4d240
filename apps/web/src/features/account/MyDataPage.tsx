import './i18n.ts';
import { displayPhone, formatBytes, formatCpf, protocolOf } from '@cadastro/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { DetailsList, formatAddress } from '../../components/DetailsList.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { HistoryTable } from '../history/HistoryTable.tsx';
import { downloadJson } from './download.ts';

/**
 * Everything held about the customer (LGPD Art. 18 II and V, Art. 19) as a page people can read and print, from
 * the same `customers.exportMe` the JSON download gives.
 */
export function MyDataPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const exported = useQuery(trpc.customers.exportMe.queryOptions(undefined, { staleTime: 0 }));
  if (exported.isPending) return <p className="card">{t('common.loading')}</p>;
  if (exported.isError) {
    const reason = reasonOf(exported.error);
    if (reason === 'UNAUTHENTICATED' || reason === 'FORBIDDEN') return <Navigate to={paths.signIn} replace />;
    return <p className="card">{t('errors.unexpected')}</p>;
  }
  const data = exported.data;
  const c = data.customer;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC' }).format(new Date(iso));
  const purposes = t('myData.purposes', { returnObjects: true }) as Record<string, string>;

  return (
    <section className="card my-data">
      <PageHeading focusOnMount lead={t('myData.intro', { date: when(data.exportedAt) })}>
        {t('myData.title')}
      </PageHeading>
      <div className="my-data__actions no-print">
        <button className="button button--primary" type="button" onClick={() => window.print()}>
          {t('myData.print')}
        </button>
        <button
          className="button button--secondary"
          type="button"
          onClick={() => downloadJson('meus-dados-cadastro.json', data)}
        >
          {t('account.download.button')}
        </button>
        <Link to={paths.account}>{t('done.toAccount')}</Link>
      </div>

      <h2 className="section-title">{t('account.data')}</h2>
      <DetailsList
        testId="my-data-record"
        rows={[
          [t('done.protocol'), protocolOf(c.id)],
          [t('register.fields.name'), c.name],
          [t('register.fields.cpf'), formatCpf(c.cpf)],
          [t('register.fields.birthDate'), day(c.birthDate)],
          [
            t('register.fields.email'),
            `${c.email} (${c.emailConfirmed ? t('myData.confirmed') : t('myData.unconfirmed')})`,
          ],
          [t('register.fields.phone'), displayPhone(c.phone)],
          [t('register.sections.address'), formatAddress(c.address)],
          [t('myData.createdAt'), when(c.createdAt)],
          [t('myData.updatedAt'), when(c.updatedAt)],
        ]}
      />

      <h2 className="section-title">{t('account.consents.title')}</h2>
      <ul data-testid="my-data-consents">
        {data.consents.map((consent) => (
          <li key={`${consent.purpose} ${consent.grantedAt}`}>
            {t('myData.consent', {
              purpose: purposes[consent.purpose] ?? consent.purpose,
              version: consent.termsVersion,
              granted: when(consent.grantedAt),
            })}
            {consent.revokedAt && ` ${t('myData.revoked', { date: when(consent.revokedAt) })}`}
          </li>
        ))}
      </ul>

      <h2 className="section-title">{t('nav.documents')}</h2>
      {data.documents.length === 0 ? (
        <p>{t('attachments.empty')}</p>
      ) : (
        <ul data-testid="my-data-documents">
          {data.documents.map((d) => (
            <li key={String(d.id)}>
              {String(d.fileName)} · {formatBytes(Number(d.size), i18n.language)} ·{' '}
              {when(String(d.createdAt))}
            </li>
          ))}
        </ul>
      )}

      <h2 className="section-title">{t('myData.history')}</h2>
      <HistoryTable events={data.history} reader="customer" testId="my-data-history" />
    </section>
  );
}
