// The frame around every signed-in page: navigation for the user's role (with the count of approvals
// waiting), the notification bell, language, sign-out.
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { usePendingApprovals } from '../api/live.js';
import { useMe, useSession } from '../auth/session.js';
import { navPath, PAGES } from '../pages.js';
import { LanguageSwitch } from './language-switch.js';
import { NotificationBell } from './notification-bell.js';

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const approvals = usePendingApprovals().data?.items.length ?? 0;
  const counts = { approvals };
  const entries = PAGES.filter((p) => p.label && p.roles.includes(me.role) && (!p.navRoles || p.navRoles.includes(me.role) || (p.count && counts[p.count] > 0)));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.menu')}>
          <ul>
            {entries.map((p) => {
              const count = p.count ? counts[p.count] : 0;
              return (
                <li key={p.path}>
                  <NavLink to={navPath(p)} aria-label={count > 0 ? t('app.navCount', { label: t(p.label!), count }) : undefined}>
                    {t(p.label!)}
                    {count > 0 ? (
                      <span className="count" aria-hidden="true" data-testid={`nav-count-${p.count}`}>
                        {count}
                      </span>
                    ) : null}
                  </NavLink>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="who">
          <span data-testid="who">
            {me.name} · {t(`roles.${me.role}`)}
          </span>
          <Link to="/account" data-testid="account-link">
            {t('account.link')}
          </Link>
          <NotificationBell />
          <LanguageSwitch />
          <button type="button" className="link" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
