import { acceptInvitationInputSchema } from '@cadastro/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

/**
 * /admin/convite#token: an invited operator (or one whose password was reset) chooses a password and is signed
 * in. The token sits in the fragment, which the browser never sends: it reaches the server only in the POST body.
 */
export function InvitationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const accept = useMutation(trpc.operators.acceptInvitation.mutationOptions());
  const [token] = useState(() => window.location.hash.slice(1));
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(token ? null : 'INVITATION_INVALID');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = acceptInvitationInputSchema.safeParse({ token, password });
    const issue = checked.error?.issues[0];
    if (issue) {
      if (issue.path[0] === 'token') setFailure('INVITATION_INVALID');
      else setPasswordError(issue.message);
      return;
    }
    setPasswordError(null);
    try {
      await accept.mutateAsync({ token, password });
      window.history.replaceState(null, '', window.location.pathname); // the used token leaves the address bar
      await queryClient.invalidateQueries();
      await navigate(paths.adminOwnAccount, { replace: true });
    } catch (error) {
      setFailure(reasonOf(error));
    }
  };

  return (
    <section className="card card--narrow">
      <PageHeading lead={t('admin.invitation.intro')}>{t('admin.invitation.title')}</PageHeading>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={errorText(failure)} />
        <TextField
          id="invitation-password"
          label={t('admin.own.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('register.hints.password')}
          value={password}
          error={errorText(passwordError)}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={accept.isPending || !token}>
            {t('admin.invitation.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
