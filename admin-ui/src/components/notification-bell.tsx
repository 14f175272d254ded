// The bell in the header: a link to the notifications page that carries the unread count, announced
// to screen readers as part of its name.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useUnreadCount } from '../api/live.js';

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount() ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="bell"
      data-testid="bell"
      data-unread={unread}
      aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
      title={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? <span className="count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span> : null}
    </NavLink>
  );
}
