import type { OperatorRole } from '@cadastro/contracts';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { paths } from '../../routes.ts';
import { useSession } from '../../session.ts';

/** The pages each role may use: the server refuses the rest anyway, so they are not offered. */
const PAGES: Array<{ to: string; label: string; roles: readonly OperatorRole[] }> = [
  { to: paths.admin, label: 'admin.nav.customers', roles: ['admin', 'support'] },
  { to: paths.adminTeam, label: 'admin.nav.team', roles: ['admin'] },
  { to: paths.adminApiKeys, label: 'admin.nav.apiKeys', roles: ['admin'] },
  { to: paths.adminBackups, label: 'backups.nav', roles: ['admin'] },
  { to: paths.adminStorage, label: 'admin.nav.storage', roles: ['admin', 'auditor'] },
  { to: paths.adminAccessRecord, label: 'admin.nav.accessRecord', roles: ['admin', 'auditor'] },
  { to: paths.adminOwnAccount, label: 'admin.nav.ownAccount', roles: ['admin', 'support', 'auditor'] },
];

/**
 * The layout of /admin pages: only for a signed-in operator; anyone else goes to the operator sign-in. An
 * operator with a password or an authenticator still due is sent to their own account page first.
 */
export function RequireOperator() {
  const { t } = useTranslation();
  const session = useSession();
  const { pathname } = useLocation();
  if (session.isPending) return <p className="card">{t('common.loading')}</p>;
  const me = session.data;
  if (me?.role !== 'operator') return <Navigate to={paths.adminSignIn} replace />;
  if (me.pending && pathname !== paths.adminOwnAccount)
    return <Navigate to={paths.adminOwnAccount} replace />;
  const pages = me.pending
    ? PAGES.filter((p) => p.to === paths.adminOwnAccount)
    : PAGES.filter((p) => p.roles.includes(me.operatorRole));
  // Auditors have no customer list: their start page is the access record.
  if (me.operatorRole === 'auditor' && pathname === paths.admin) {
    return <Navigate to={paths.adminAccessRecord} replace />;
  }
  return (
    <>
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        {pages.map((p) => (
          <NavLink key={p.to} to={p.to} end={p.to === paths.admin}>
            {t(p.label as 'admin.nav.customers')}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
