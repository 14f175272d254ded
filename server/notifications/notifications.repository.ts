// A rep's in-app notifications: newest first, unread filter, marking read.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { type Cursor, newestFirstPage } from '../db/pagination.js';
import type { EventType } from './events.js';
import type { NotificationView } from '../../schemas/notifications.js';

type NotificationRow = {
  id: string;
  kind: string;
  customer_id: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
};

/** A notification as its reader sees it: its words (title, body) as `words` tells them. */
export const toNotificationView = (r: NotificationRow, words: (r: NotificationRow) => { title: string; body: string }): NotificationView => ({
  id: r.id,
  kind: r.kind as EventType,
  customerId: r.customer_id,
  ...words(r),
  data: r.data,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

const columns = ['id', 'kind', 'customer_id', 'title', 'body', 'data', 'created_at', 'read_at'] as const;

/** One page (limit + 1 rows, for toPage) of a rep's notifications, newest first. */
export async function listNotifications(db: Kysely<Database>, repId: string, options: { unread: boolean; limit: number; cursor?: Cursor | undefined }) {
  return db
    .selectFrom('notifications')
    .select(columns)
    .where('rep_id', '=', repId)
    .$if(options.unread, (q) => q.where('read_at', 'is', null))
    .$call((q) => newestFirstPage(q, options.limit, options.cursor))
    .execute();
}

export async function unreadCount(db: Kysely<Database>, repId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('rep_id', '=', repId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the rep's notifications read; reading it again keeps the first time. */
export async function markRead(db: Kysely<Database>, repId: string, id: string, now: Date) {
  return db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('rep_id', '=', repId)
    .returning(columns)
    .executeTakeFirst();
}

export async function markAllRead(db: Kysely<Database>, repId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('rep_id', '=', repId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
