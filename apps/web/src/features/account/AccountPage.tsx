import './i18n.ts';
import { displayPhone, formatCpf } from '@cadastro/contracts';
import type { AppRouter } from '@cadastro/server';
import type { inferRouterOutputs } from '@trpc/server';

type CustomerOutput = inferRouterOutputs<AppRouter>['customers']['me'];

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useRestLater } from '../../components/AfterHydration.tsx';
import { DetailsList, formatAddress } from '../../components/DetailsList.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC, useTRPCClient } from '../../trpc.ts';
import { DeleteAccount } from './DeleteAccount.tsx';
import { downloadJson } from './download.ts';
import { EmailNotConfirmed } from './EmailNotConfirmed.tsx';
import { MarketingConsent } from './MarketingConsent.tsx';

/** The form loads when the customer asks to edit: most visits only read. */
const AccountForm = lazy(async () => ({ default: (await import('./AccountForm.tsx')).AccountForm }));

export function AccountPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.customers.me.queryOptions());
  const reason = me.isError ? reasonOf(me.error) : null;
  if (reason === 'UNAUTHENTICATED' || reason === 'FORBIDDEN') return <Navigate to={paths.signIn} replace />;
  // The heading and its lead show while the data loads (and are prerendered so): the page's largest text paints
  // with the HTML instead of after the app and the API have answered.
  return (
    <section className="card">
      <PageHeading focusOnMount lead={t('account.intro')}>
        {t('account.title')}
      </PageHeading>
      {me.isPending ? (
        <p>{t('common.loading')}</p>
      ) : me.isError ? (
        <p>{t('errors.unexpected')}</p>
      ) : (
        <Account customer={me.data} />
      )}
    </section>
  );
}

function Account({ customer }: { customer: CustomerOutput }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const client = useTRPCClient();
  const [editing, setEditing] = useState(false);
  const showRest = useRestLater();
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const a = customer.address;

  const download = async () => {
    setFailure(null);
    try {
      downloadJson('meus-dados-cadastro.json', await client.customers.exportMe.query());
    } catch (error) {
      setFailure(reasonOf(error));
    }
  };

  const rows: Array<[string, string]> = [
    [t('register.fields.name'), customer.name],
    [t('register.fields.cpf'), formatCpf(customer.cpf)],
    [
      t('register.fields.birthDate'),
      new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC' }).format(new Date(customer.birthDate)),
    ],
    [t('register.fields.email'), customer.email],
    [t('register.fields.phone'), displayPhone(customer.phone)],
    [t('register.sections.address'), formatAddress(a)],
  ];

  return (
    <>
      <FormAlert message={saved ? t('account.saved') : null} tone="success" />
      <FormAlert message={errorText(failure)} />
      {!customer.emailConfirmed && <EmailNotConfirmed />}
      <h2 className="section-title">{t('account.data')}</h2>
      {editing ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <AccountForm
            customer={customer}
            onDone={(changed) => {
              setEditing(false);
              setSaved(changed);
            }}
          />
        </Suspense>
      ) : (
        <>
          <DetailsList rows={rows} testId="account-details" />
          <div className="form__actions">
            <button
              className="button button--primary"
              type="button"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('account.edit')}
            </button>
          </div>
        </>
      )}

      {showRest && (
        <>
          <h2 className="section-title">{t('account.consents.title')}</h2>
          <MarketingConsent consents={customer.consents} />

          <h2 className="section-title">{t('account.download.title')}</h2>
          <p>{t('account.download.text')}</p>
          <div className="button-row">
            <Link className="button button--primary" to={paths.myData}>
              {t('myData.view')}
            </Link>
            <button className="button button--secondary" type="button" onClick={download}>
              {t('account.download.button')}
            </button>
          </div>
          <p>
            <Link to={paths.accessLog}>{t('accessLogLink')}</Link>
          </p>

          <h2 className="section-title">{t('account.delete.title')}</h2>
          <p>{t('account.delete.text')}</p>
          <DeleteAccount />
        </>
      )}
    </>
  );
}
