import type { OperatorSignInInput } from '@cadastro/contracts';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { useTRPC } from '../../trpc.ts';
import { useSignInForm } from '../sign-in/sign-in-form.ts';

/** E-mail and password; the authenticator's code joins the form once the server asks for it (`TOTP_REQUIRED`). */
export function AdminSignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const signIn = useMutation(trpc.auth.operatorSignIn.mutationOptions());
  const { form, submit, failure, preload } = useSignInForm<OperatorSignInInput>({
    loadSchema: () => import('../sign-in/schemas.ts').then((m) => m.operatorSignInSchema),
    defaultValues: { email: '', password: '' },
    signIn: ({ totp, ...values }) => signIn.mutateAsync({ ...values, ...(totp && { totp }) }),
    next: paths.admin,
  });
  const { errors } = form.formState;
  const [askCode, setAskCode] = useState(false);
  useEffect(() => {
    if (failure === 'TOTP_REQUIRED' || failure === 'TOTP_INVALID') setAskCode(true);
  }, [failure]);

  return (
    <section className="card card--narrow">
      <PageHeading lead={t('admin.signIn.intro')}>{t('admin.signIn.title')}</PageHeading>
      <form className="form" noValidate onSubmit={submit} onFocus={preload}>
        <FormAlert message={errorText(failure)} />
        <TextField
          id="admin-email"
          label={t('register.fields.email')}
          type="email"
          autoComplete="username"
          error={errorText(errors.email?.message)}
          {...form.register('email')}
        />
        <TextField
          id="admin-password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          error={errorText(errors.password?.message)}
          {...form.register('password')}
        />
        {askCode && (
          <TextField
            id="admin-totp"
            label={t('admin.own.totpCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            error={errors.totp ? errorText('TOTP_INVALID') : undefined}
            {...form.register('totp', { setValueAs: (v: string) => v.replace(/\s/g, '') || undefined })}
          />
        )}
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={signIn.isPending}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
