import { type CustomerSignInInput, customerSignInSchema } from '@cadastro/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert } from '../components/FormAlert.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { TextField } from '../components/TextField.tsx';
import { useErrorText } from '../i18n/error-text.ts';
import { paths } from '../routes.ts';
import { reasonOf, useTRPC } from '../trpc.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<CustomerSignInInput>({
    // raw: the server parses the login itself; the form only checks it
    resolver: zodResolver(customerSignInSchema, undefined, { raw: true }) as never,
    defaultValues: { login: '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await signIn.mutateAsync(values);
      await queryClient.invalidateQueries();
      navigate(paths.account);
    } catch (error) {
      setFailure(reasonOf(error));
    }
  });

  const error = (field: 'login' | 'password') => errorText(formState.errors[field]?.message);
  return (
    <section className="card card--narrow">
      <PageHeading lead={t('signIn.intro')}>{t('signIn.title')}</PageHeading>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={errorText(failure)} />
        <TextField
          id="sign-in-login"
          label={t('signIn.login')}
          hint={t('signIn.loginHint')}
          autoComplete="username"
          error={error('login')}
          {...register('login')}
        />
        <TextField
          id="sign-in-password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          error={error('password')}
          {...register('password')}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={signIn.isPending}>
            {t('signIn.submit')}
          </button>
        </div>
        <p>
          {t('signIn.noAccount')} <Link to={paths.register}>{t('signIn.register')}</Link>
        </p>
      </form>
    </section>
  );
}
