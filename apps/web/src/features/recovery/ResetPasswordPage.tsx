import './i18n.ts';
import { type AccountLink, PASSWORD_MIN, parseAccountLink, passwordSchema } from '@cadastro/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { z } from 'zod';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

const newPasswordSchema = z.object({ password: passwordSchema });
type NewPassword = z.input<typeof newPasswordSchema>;

/** Opened from the recovery e-mail: `#<customerId>.<token>` in the address, never sent in a URL. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const link = parseAccountLink(hash);
  return (
    <section className="card card--narrow">
      <PageHeading focusOnMount lead={t('recovery.resetIntro')}>
        {t('recovery.resetTitle')}
      </PageHeading>
      {link ? <ResetForm link={link} /> : <BadLink message={t('recovery.badLink')} />}
    </section>
  );
}

export function BadLink({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <>
      <FormAlert message={message} />
      <Link className="button button--secondary" to={paths.forgotPassword}>
        {t('recovery.askAgain')}
      </Link>
    </>
  );
}

function ResetForm({ link }: { link: AccountLink }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const [failure, setFailure] = useState<string | null>(null);
  const resolver = zodResolver(newPasswordSchema as never, undefined, {
    raw: true,
  }) as unknown as Resolver<NewPassword>;
  const form = useForm<NewPassword>({ resolver, defaultValues: { password: '' } });
  const submit = form.handleSubmit(async ({ password }) => {
    setFailure(null);
    try {
      await reset.mutateAsync({ ...link, password });
      await queryClient.invalidateQueries(); // signed in afresh: the header and account follow
    } catch (error) {
      setFailure(reasonOf(error));
    }
  });

  if (reset.isSuccess) {
    return (
      <>
        <FormAlert message={t('recovery.done')} tone="success" />
        <Link className="button button--primary" to={paths.account}>
          {t('recovery.toAccount')}
        </Link>
      </>
    );
  }
  if (failure === 'TOKEN_INVALID') return <BadLink message={errorText(failure) ?? ''} />;
  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormAlert message={errorText(failure)} />
      <TextField
        id="reset-password"
        label={t('recovery.newPassword')}
        hint={t('register.hints.password', { min: PASSWORD_MIN })}
        type="password"
        autoComplete="new-password"
        error={errorText(form.formState.errors.password?.message)}
        {...form.register('password')}
      />
      <div className="form__actions">
        <button className="button button--primary" type="submit" disabled={reset.isPending}>
          {t('recovery.resetSubmit')}
        </button>
      </div>
    </form>
  );
}
