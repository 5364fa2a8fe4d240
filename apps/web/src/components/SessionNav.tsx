import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '../routes.ts';
import { useSession, useSignOut } from '../session.ts';

/** "Entrar" for visitors; "Minha conta" or "Admin" and "Sair" once signed in. */
export function SessionNav() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const role = session.data?.role;
  if (!role) return null;

  const leave = async () => {
    await signOut.mutateAsync();
    navigate(role === 'operator' ? paths.adminSignIn : paths.signIn);
  };
  return (
    <nav className="session-nav" aria-label={t('nav.label')}>
      {role === 'anonymous' && <Link to={paths.signIn}>{t('nav.signIn')}</Link>}
      {role === 'customer' && <Link to={paths.account}>{t('nav.account')}</Link>}
      {role === 'customer' && <Link to={paths.documents}>{t('nav.documents')}</Link>}
      {role === 'operator' && <Link to={paths.admin}>{t('nav.admin')}</Link>}
      {(role === 'customer' || role === 'operator') && (
        <button type="button" className="session-nav__button" onClick={leave} disabled={signOut.isPending}>
          {t('nav.signOut')}
        </button>
      )}
    </nav>
  );
}
