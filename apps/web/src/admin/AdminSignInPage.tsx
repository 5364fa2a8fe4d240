import { type OperatorSignInInput, operatorSignInSchema } from '@cadastro/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert } from '../components/FormAlert.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { TextField } from '../components/TextField.tsx';
import { useErrorText } from '../i18n/error-text.ts';
import { paths } from '../routes.ts';
import { reasonOf, useTRPC } from '../trpc.ts';

export function AdminSignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signIn = useMutation(trpc.auth.operatorSignIn.mutationOptions());
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<OperatorSignInInput>({
    resolver: zodResolver(operatorSignInSchema, undefined, { raw: true }) as never,
    defaultValues: { email: '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await signIn.mutateAsync(values);
      await queryClient.invalidateQueries();
      navigate(paths.admin);
    } catch (error) {
      setFailure(reasonOf(error));
    }
  });

  return (
    <section className="card card--narrow">
      <PageHeading lead={t('admin.signIn.intro')}>{t('admin.signIn.title')}</PageHeading>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={errorText(failure)} />
        <TextField
          id="admin-email"
          label={t('register.fields.email')}
          type="email"
          autoComplete="username"
          error={errorText(formState.errors.email?.message)}
          {...register('email')}
        />
        <TextField
          id="admin-password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          error={errorText(formState.errors.password?.message)}
          {...register('password')}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={signIn.isPending}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
