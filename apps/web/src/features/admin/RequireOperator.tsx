import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet } from 'react-router';
import { paths } from '../../routes.ts';
import { useSession } from '../../session.ts';

/** The layout of /admin pages: only for a signed-in operator; anyone else goes to the operator sign-in. */
export function RequireOperator() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <p className="card">{t('common.loading')}</p>;
  if (session.data?.role !== 'operator') return <Navigate to={paths.adminSignIn} replace />;
  return (
    <>
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        <NavLink to={paths.admin} end>
          {t('admin.nav.customers')}
        </NavLink>
        <NavLink to={paths.adminApiKeys}>{t('admin.nav.apiKeys')}</NavLink>
        <NavLink to={paths.adminBackups}>{t('backups.nav')}</NavLink>
        <NavLink to={paths.adminStorage}>{t('admin.nav.storage')}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
