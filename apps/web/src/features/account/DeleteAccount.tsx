import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert } from '../../components/FormAlert.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

/** Deleting the account (LGPD Art. 18 VI): a second step that asks for the password. */
export function DeleteAccount() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation(trpc.customers.deleteMe.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  if (!confirming) {
    return (
      <button className="button button--danger" type="button" onClick={() => setConfirming(true)}>
        {t('account.delete.start')}
      </button>
    );
  }
  return (
    <form
      className="form danger-zone"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setFailure(null);
        try {
          await remove.mutateAsync({ password });
          queryClient.clear();
          navigate(paths.register, { replace: true, state: { accountDeleted: true } });
        } catch (error) {
          setFailure(reasonOf(error));
        }
      }}
    >
      <p>{t('account.delete.warning')}</p>
      <FormAlert message={errorText(failure)} />
      <TextField
        id="delete-password"
        label={t('account.delete.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="form__actions">
        <button className="button button--secondary" type="button" onClick={() => setConfirming(false)}>
          {t('account.cancel')}
        </button>
        <button className="button button--danger" type="submit" disabled={!password || remove.isPending}>
          {t('account.delete.confirm')}
        </button>
      </div>
    </form>
  );
}
