import { protocolOf } from '@cadastro/contracts';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { PageHeading } from '../../components/PageHeading.tsx';
import { paths } from '../../routes.ts';
import type { Registered } from './RegistrationForm.tsx';

function isRegistered(state: unknown): state is Registered {
  const s = state as Partial<Registered> | null;
  return typeof s?.id === 'string' && typeof s.name === 'string' && typeof s.createdAt === 'string';
}

export function RegistrationDonePage() {
  const { t, i18n } = useTranslation();
  const { state } = useLocation();
  // Only reachable right after a registration: opened directly, there is nothing to confirm.
  if (!isRegistered(state)) return <Navigate to={paths.register} replace />;

  const firstName = state.name.split(' ')[0] ?? state.name;
  const registeredAt = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(state.createdAt));

  return (
    <section className="card card--narrow confirmation">
      <div className="confirmation__icon" aria-hidden="true" />
      <PageHeading focusOnMount lead={t('done.thanks', { name: firstName })}>
        {t('done.title')}
      </PageHeading>
      <dl className="confirmation__details">
        <div>
          <dt>{t('done.protocol')}</dt>
          <dd className="confirmation__protocol" data-testid="protocol">
            {protocolOf(state.id)}
          </dd>
        </div>
        <div>
          <dt>{t('done.registeredAt')}</dt>
          <dd>{registeredAt}</dd>
        </div>
      </dl>
      <p className="confirmation__note">{t('done.keep')}</p>
      <h2 className="section-title">{t('done.next')}</h2>
      <ol className="next-steps">
        <li>{t('done.confirmEmail')}</li>
        <li>
          {t('done.sendDocuments')} <Link to={paths.documents}>{t('nav.documents')}</Link>
        </li>
        <li>
          {t('done.reviewData')} <Link to={paths.account}>{t('nav.account')}</Link>
        </li>
      </ol>
      <Link className="button button--primary" to={paths.account}>
        {t('done.toAccount')}
      </Link>
    </section>
  );
}
