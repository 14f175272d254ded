// The two counts the header shows on every page: unread notifications and approvals waiting for the
// signed-in user. Polled, so a decision made elsewhere shows up without a reload.
import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import type { ApprovalItem, NotificationPage } from './types.js';

const POLL_MS = 20_000;

export function useUnreadCount(): number | undefined {
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api.get<NotificationPage>('/notifications?unread=true&limit=1'),
    refetchInterval: POLL_MS,
  });
  return unread.data?.unreadCount;
}

export function usePendingApprovals() {
  return useQuery({
    queryKey: ['approvals', 'pending'],
    queryFn: () => api.get<{ items: ApprovalItem[] }>('/approvals?status=pending'),
    refetchInterval: POLL_MS,
  });
}
