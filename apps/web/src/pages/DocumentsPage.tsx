import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading.tsx';
import { AttachmentsPanel } from '../features/attachments/AttachmentsPanel.tsx';

/** The customer's documents. Moves into the account area once customer sign-in exists. */
export function DocumentsPage() {
  const { t } = useTranslation();
  return (
    <section className="card">
      <PageHeading>{t('attachments.title')}</PageHeading>
      <AttachmentsPanel />
    </section>
  );
}
