import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

/** Until the customer opens the link e-mailed to their address: a reminder and a way to get a new link. */
export function EmailNotConfirmed() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendEmailConfirmation.mutationOptions());
  return (
    <div className="notice" data-testid="email-unconfirmed">
      <p>{t('account.emailUnconfirmed')}</p>
      <FormAlert message={resend.isSuccess ? t('account.resent') : null} tone="success" />
      <FormAlert message={resend.isError ? errorText(reasonOf(resend.error)) : null} />
      <button
        className="button button--secondary"
        type="button"
        disabled={resend.isPending}
        onClick={() => resend.mutate()}
      >
        {t('account.resend')}
      </button>
    </div>
  );
}
