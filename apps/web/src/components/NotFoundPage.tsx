import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../routes.ts';
import { PageHeading } from './PageHeading.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--narrow">
      <PageHeading focusOnMount lead={t('notFound.text')}>
        {t('notFound.title')}
      </PageHeading>
      <Link className="button button--secondary" to={paths.register}>
        {t('notFound.home')}
      </Link>
    </section>
  );
}
