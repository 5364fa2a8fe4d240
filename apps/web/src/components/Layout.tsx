import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { paths } from '../routes.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SessionNav } from './SessionNav.tsx';

export function Layout() {
  const { t } = useTranslation();
  // On phones the header's links and language switch fold behind a menu button (CSS shows the button only there).
  // It is open for the page it was opened on: following a link closes it.
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
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
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-tools"
            onClick={() => setOpenOn(menuOpen ? null : pathname)}
          >
            <span className="menu-button__icon" aria-hidden="true" />
            {t('nav.menu')}
          </button>
          <div id="site-tools" className={`site-header__tools${menuOpen ? ' site-header__tools--open' : ''}`}>
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
        <nav className="site-footer__links" aria-label={t('legal.label')}>
          <Link to={paths.terms}>{t('legal.terms')}</Link>
          <Link to={paths.privacy}>{t('legal.privacy')}</Link>
        </nav>
      </footer>
      <ScrollRestoration />
    </>
  );
}
