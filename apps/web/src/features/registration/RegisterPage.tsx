import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AfterHydration } from '../../components/AfterHydration.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { paths } from '../../routes.ts';
import { type Registered, RegistrationForm } from './RegistrationForm.tsx';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Registering signs the customer in: what was cached for the anonymous visitor is stale.
  const showConfirmation = async (registered: Registered) => {
    await queryClient.invalidateQueries();
    await navigate(paths.registrationDone, { state: registered satisfies Registered });
  };

  return (
    <section className="card">
      <PageHeading lead={t('register.intro')}>{t('register.title')}</PageHeading>
      <AfterHydration>
        <RegistrationForm onRegistered={showConfirmation} />
      </AfterHydration>
    </section>
  );
}
