// The signed-in user's notifications, newest first: deadline warnings, escalations, reclaims,
// assignments and approvals. Unread ones stand out; one or all can be marked read.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Notification, NotificationPage } from '../api/types.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { useFormat } from '../format.js';

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useInfiniteQuery({
    // The words are in the UI's language: another language, another answer.
    queryKey: ['notifications', 'list', unreadOnly, i18n.resolvedLanguage],
    queryFn: ({ pageParam }) => api.get<NotificationPage>(`/notifications${query({ unread: unreadOnly ? 'true' : undefined, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const read = useAction({ mutationFn: (n: Notification) => api.post<Notification>(`/notifications/${encodeURIComponent(n.id)}/read`), invalidates: [['notifications']] });
  const readAll = useAction({
    mutationFn: () => api.post<{ read: number }>('/notifications/read-all'),
    onSuccess: (r) => setNotice(t('notifications.allRead', { count: r.read })),
    invalidates: [['notifications']],
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unreadCount ?? 0;

  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('notifications.unreadOnly')}
        </label>
        <span className="muted" data-testid="unread-count">
          {t('notifications.unreadCount', { count: unread })}
        </span>
        <button type="button" className="secondary" disabled={unread === 0 || readAll.isPending} onClick={() => readAll.mutate()}>
          {t('notifications.markAllRead')}
        </button>
      </div>
      <ErrorNotice error={list.error ?? read.error ?? readAll.error} />
      <SuccessNotice message={notice} />
      <ul className="plain notifications" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'card notification' : 'card notification unread'} data-kind={n.kind} data-read={n.readAt !== null}>
            <p>
              <span className={`badge kind-${n.kind.replace('.', '-')}`}>{t(`notifications.kinds.${n.kind}` as 'notifications.kinds.approval.requested')}</span>{' '}
              <strong>{n.title}</strong> <span className="muted">· {f.dateTime(n.createdAt)}</span>
              {n.readAt ? null : <span className="sr-only">{f.aside(t('notifications.unread'))}</span>}
            </p>
            {n.body ? <p>{n.body}</p> : null}
            <div className="buttons">
              {n.kind === 'approval.requested' ? <Link to="/approvals">{t('notifications.openApprovals')}</Link> : null}
              {n.kind.startsWith('dispute.') ? <Link to="/disputes">{t('notifications.openDisputes')}</Link> : null}
              {n.customerId ? <Link to={`/customers/${encodeURIComponent(n.customerId)}`}>{t('notifications.openCustomer')}</Link> : null}
              {n.readAt ? null : (
                <button type="button" className="link" disabled={read.isPending} onClick={() => read.mutate(n)} aria-label={`${t('notifications.markRead')}: ${n.title}`}>
                  {t('notifications.markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {list.isLoading ? <p>{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{t('notifications.empty')}</p> : null}
      {list.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
