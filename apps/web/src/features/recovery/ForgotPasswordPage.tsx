import './i18n.ts';
import { type RequestPasswordResetInput, requestPasswordResetSchema } from '@cadastro/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

/** "Esqueci minha senha": the same answer whether or not the CPF or e-mail has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const [failure, setFailure] = useState<string | null>(null);
  const resolver = zodResolver(requestPasswordResetSchema as never, undefined, {
    raw: true,
  }) as unknown as Resolver<RequestPasswordResetInput>;
  const form = useForm<RequestPasswordResetInput>({ resolver, defaultValues: { login: '' } });
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await request.mutateAsync(values);
    } catch (error) {
      setFailure(reasonOf(error));
    }
  });

  return (
    <section className="card card--narrow">
      <PageHeading focusOnMount lead={t('recovery.intro')}>
        {t('recovery.title')}
      </PageHeading>
      <FormAlert message={request.isSuccess ? t('recovery.sent') : null} tone="success" />
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={errorText(failure)} />
        <TextField
          id="recovery-login"
          label={t('signIn.login')}
          hint={t('signIn.loginHint')}
          autoComplete="username"
          error={errorText(form.formState.errors.login?.message)}
          {...form.register('login')}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={request.isPending}>
            {t('recovery.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
