import type { CustomerSignInInput } from '@cadastro/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AfterHydration } from '../../components/AfterHydration.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { useTRPC } from '../../trpc.ts';
import { useSignInForm } from './sign-in-form.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const { form, submit, failure, preload } = useSignInForm<CustomerSignInInput>({
    loadSchema: () => import('./schemas.ts').then((m) => m.customerSignInSchema),
    defaultValues: { login: '', password: '' },
    signIn: signIn.mutateAsync,
    next: paths.account,
  });
  const { errors } = form.formState;

  return (
    <section className="card card--narrow">
      <PageHeading lead={t('signIn.intro')}>{t('signIn.title')}</PageHeading>
      <AfterHydration>
        <form className="form" noValidate onSubmit={submit} onFocus={preload}>
          <FormAlert message={errorText(failure)} />
          <TextField
            id="sign-in-login"
            label={t('signIn.login')}
            hint={t('signIn.loginHint')}
            autoComplete="username"
            error={errorText(errors.login?.message)}
            {...form.register('login')}
          />
          <TextField
            id="sign-in-password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            error={errorText(errors.password?.message)}
            {...form.register('password')}
          />
          <div className="form__actions">
            <button className="button button--primary" type="submit" disabled={signIn.isPending}>
              {t('signIn.submit')}
            </button>
          </div>
          <p>
            <Link to={paths.forgotPassword}>{t('signIn.forgot')}</Link>
          </p>
          <p>
            {t('signIn.noAccount')} <Link to={paths.register}>{t('signIn.register')}</Link>
          </p>
        </form>
      </AfterHydration>
    </section>
  );
}
