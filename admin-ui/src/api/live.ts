// The two counts the header shows on every page: unread notifications and approvals waiting for the
// signed-in user. Polled, so a decision made elsewhere shows up without a reload; a new notification
// (a quote decided, a customer reclaimed, assigned or handed over) also refreshes the customer lists
// and pages, which would otherwise show what they showed before it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from './client.js';
import type { ApprovalItem, NotificationPage } from './types.js';

const POLL_MS = 20_000;

/** What a notification may have changed: the reader's customers, as the lists and the customer page show them. */
const TOLD_BY_NOTIFICATIONS = [['mine'], ['collaborating'], ['customer'], ['pool'], ['quotes'], ['collaboration'], ['documents']];

export function useUnreadCount(): number | undefined {
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api.get<NotificationPage>('/notifications?unread=true&limit=1'),
    refetchInterval: POLL_MS,
  });
  const count = unread.data?.unreadCount;
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (count !== undefined && seen.current !== undefined && count > seen.current) {
      for (const queryKey of TOLD_BY_NOTIFICATIONS) void queryClient.invalidateQueries({ queryKey });
    }
    seen.current = count;
  }, [count, queryClient]);
  return count;
}

export function usePendingApprovals() {
  return useQuery({
    queryKey: ['approvals', 'pending'],
    queryFn: () => api.get<{ items: ApprovalItem[] }>('/approvals?status=pending'),
    refetchInterval: POLL_MS,
  });
}
