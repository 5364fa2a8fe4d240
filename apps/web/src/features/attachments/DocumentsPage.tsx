import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageHeading } from '../../components/PageHeading.tsx';
import { paths } from '../../routes.ts';
import { useSession } from '../../session.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';

/** The signed-in customer's documents; anyone else is sent to sign in. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <p className="card">{t('common.loading')}</p>;
  if (session.data?.role !== 'customer') return <Navigate to={paths.signIn} replace />;
  return (
    <section className="card">
      <PageHeading>{t('attachments.title')}</PageHeading>
      <AttachmentsPanel />
    </section>
  );
}
