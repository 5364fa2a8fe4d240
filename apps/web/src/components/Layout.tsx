import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration } from 'react-router';
import { paths } from '../routes.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SessionNav } from './SessionNav.tsx';

export function Layout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={paths.register} className="brand">
            <span className="brand__mark" aria-hidden="true" />
            {t('app.name')}
          </Link>
          <div className="site-header__tools">
            <SessionNav />
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="content" className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
      <ScrollRestoration />
    </>
  );
}
