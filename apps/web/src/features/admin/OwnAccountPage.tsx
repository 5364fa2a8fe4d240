import { changePasswordInputSchema, totpCodeSchema } from '@cadastro/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { useSession } from '../../session.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { fieldErrorsOf } from './field-errors.ts';
import { TotpQrCode } from './TotpQrCode.tsx';

/**
 * /admin/minha-conta, for every operator: a new password (first, when the server says one is due) and the
 * authenticator app (required for admins before anything else).
 */
export function OwnAccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data?.role === 'operator' ? session.data : null;
  if (!me) return null;
  return (
    <section className="card">
      <PageHeading
        lead={t('admin.own.intro', { name: me.name, role: t(`admin.team.roles.${me.operatorRole}`) })}
      >
        {t('admin.own.title')}
      </PageHeading>
      {me.pending === 'password' && (
        <p className="form-alert form-alert--error" role="status">
          {t('reasons.PASSWORD_CHANGE_REQUIRED')}
        </p>
      )}
      {me.pending === 'totp' && (
        <p className="form-alert form-alert--error" role="status">
          {t('reasons.TOTP_ENROLMENT_REQUIRED')}
        </p>
      )}
      <ChangePassword />
      {me.pending !== 'password' && <Authenticator enabled={me.totpEnabled} />}
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(trpc.operators.changePassword.mutationOptions());
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    const checked = changePasswordInputSchema.safeParse(values);
    setErrors(checked.success ? {} : fieldErrorsOf(checked.error.issues));
    if (!checked.success) return;
    try {
      await change.mutateAsync(checked.data);
      setValues({ currentPassword: '', newPassword: '' });
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
    } catch (error) {
      const fields = fieldErrorsFromServer(error);
      if (fields) setErrors(fields);
      else setFailure(reasonOf(error));
    }
  };

  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="own-password">
      <h2 className="section-title" id="own-password">
        {t('admin.own.password')}
      </h2>
      <FormAlert message={done ? t('admin.own.passwordChanged') : null} tone="success" />
      <FormAlert message={errorText(failure)} />
      <TextField
        id="own-current-password"
        label={t('admin.own.currentPassword')}
        type="password"
        autoComplete="current-password"
        value={values.currentPassword}
        error={errorText(errors.currentPassword)}
        onChange={(e) => setValues({ ...values, currentPassword: e.target.value })}
      />
      <TextField
        id="own-new-password"
        label={t('admin.own.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('register.hints.password')}
        value={values.newPassword}
        error={errorText(errors.newPassword)}
        onChange={(e) => setValues({ ...values, newPassword: e.target.value })}
      />
      <div className="form__actions">
        <button className="button button--primary" type="submit" disabled={change.isPending}>
          {t('admin.own.changePassword')}
        </button>
      </div>
    </form>
  );
}

/** The server's per-field reasons (`password_wrong` on the current password). */
function fieldErrorsFromServer(error: unknown): Partial<Record<string, string>> | null {
  const data = (error as { data?: { fieldErrors?: Record<string, string[]> | null } }).data;
  if (!data?.fieldErrors) return null;
  return Object.fromEntries(Object.entries(data.fieldErrors).map(([field, reasons]) => [field, reasons[0]]));
}

function Authenticator({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const begin = useMutation(trpc.operators.beginTotp.mutationOptions());
  const confirm = useMutation(trpc.operators.confirmTotp.mutationOptions());
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const enrolment = begin.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = totpCodeSchema.safeParse(code.replace(/\s/g, ''));
    setCodeError(checked.success ? null : (checked.error.issues[0]?.message ?? null));
    if (!checked.success) return;
    try {
      await confirm.mutateAsync({ code: checked.data });
      setConfirmed(true);
      setCode('');
      begin.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === 'TOTP_INVALID') setCodeError('totp_invalid');
      else setFailure(reason);
    }
  };

  return (
    <div className="form">
      <h2 className="section-title">{t('admin.own.totp')}</h2>
      <FormAlert message={confirmed ? t('admin.own.totpConfirmed') : null} tone="success" />
      <FormAlert message={errorText(failure)} />
      <p>{enabled ? t('admin.own.totpEnabled') : t('admin.own.totpIntro')}</p>
      {!enrolment && (
        <div className="form__actions">
          <button
            className="button button--secondary"
            type="button"
            disabled={begin.isPending}
            onClick={() => {
              setConfirmed(false);
              begin.mutate(undefined, { onError: (error) => setFailure(reasonOf(error)) });
            }}
          >
            {enabled ? t('admin.own.totpReplace') : t('admin.own.totpStart')}
          </button>
        </div>
      )}
      {enrolment && (
        <form className="form" noValidate onSubmit={submit}>
          <p>{t('admin.own.totpScan')}</p>
          <TotpQrCode uri={enrolment.uri} label={t('admin.own.totpQr')} />
          <p>{t('admin.own.totpSecret')}</p>
          <code className="secret" data-testid="totp-secret">
            {enrolment.secret}
          </code>
          <TextField
            id="totp-code"
            label={t('admin.own.totpCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            error={errorText(codeError === 'totp_invalid' ? 'TOTP_INVALID' : codeError)}
            onChange={(e) => setCode(e.target.value)}
          />
          <div className="form__actions">
            <button className="button button--primary" type="submit" disabled={confirm.isPending}>
              {t('admin.own.totpConfirm')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
