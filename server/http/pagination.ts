// Opaque keyset cursors over (created_at, id), newest first.
import { AppError, ErrorCode } from '../errors.js';

export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'The cursor is not one this API returned; start again without it.', {
      location: 'query',
      issues: [{ pointer: '/cursor', message: 'invalid cursor' }],
    });
  }
}

/** Splits a page fetched with limit + 1 rows into items and the next cursor. */
export function toPage<R extends { created_at: Date; id: string }>(rows: R[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
