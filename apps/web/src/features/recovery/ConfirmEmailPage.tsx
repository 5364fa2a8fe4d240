import './i18n.ts';
import { parseAccountLink } from '@cadastro/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

/** Opened from the confirmation e-mail: confirms the address once, signed in or not. */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { hash } = useLocation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(
    trpc.auth.confirmEmail.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  // The token works once: send it once, even when development mode mounts the page twice.
  const sent = useRef(false);
  const link = parseAccountLink(hash);
  useEffect(() => {
    if (!link || sent.current) return;
    sent.current = true;
    confirm.mutate(link);
  }, [link, confirm]);

  const failure = !link ? 'TOKEN_INVALID' : confirm.isError ? reasonOf(confirm.error) : null;
  return (
    <section className="card card--narrow">
      <PageHeading focusOnMount>{t('recovery.confirmTitle')}</PageHeading>
      {confirm.isPending && <p role="status">{t('recovery.confirming')}</p>}
      <FormAlert message={confirm.isSuccess ? t('recovery.confirmed') : null} tone="success" />
      <FormAlert message={errorText(failure)} />
      {(confirm.isSuccess || failure) && (
        <Link className="button button--secondary" to={paths.account}>
          {t('recovery.toAccount')}
        </Link>
      )}
    </section>
  );
}
