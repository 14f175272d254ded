// Opaque keyset cursors over (created_at, id), newest first.
import { type SelectQueryBuilder, sql } from 'kysely';
import { invalidRequest } from '../request-issues.js';
import { encodeCursorValues, parseKeysetCursor } from '../../schemas/cursors.js';

export interface Cursor {
  createdAt: Date;
  id: string;
}

function encodeCursor(row: { created_at: Date; id: string }): string {
  return encodeCursorValues([row.created_at.toISOString(), row.id]);
}

/** The refusal of a cursor the API did not write, at /cursor. */
export const invalidCursor = () => invalidRequest('query', [{ pointer: '/cursor', code: 'invalid_cursor' }], { message: 'The cursor is not one this API returned; start again without it.' });

/** The cursor as a list's query schema checked it (KeysetCursorParam); one that slipped past it is still refused at /cursor. */
export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const parsed = parseKeysetCursor(cursor);
  if (!parsed) throw invalidCursor();
  return parsed;
}

/** Splits a page fetched with limit + 1 rows into items and the next cursor. */
export function toPage<R extends { created_at: Date; id: string }>(rows: R[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/**
 * One page of a query over a table with `created_at` and `id`: the rows after `cursor`, newest
 * first, with one row more than `limit` so `toPage` can tell whether another page follows.
 *
 * @example
 * toPage(await newestFirstPage(db.selectFrom('notifications').selectAll(), 50, cursor).execute(), 50);
 */
export function newestFirstPage<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, limit: number, cursor: Cursor | undefined): SelectQueryBuilder<DB, TB, O> {
  const after = cursor ? q.where(sql<boolean>`(created_at, id) < (${cursor.createdAt}, ${cursor.id})`) : q;
  return after.orderBy(sql.ref('created_at'), 'desc').orderBy(sql.ref('id'), 'desc').limit(limit + 1);
}
