// The cursors the API writes, and the check that a cursor sent back is one of them. A cursor's
// values reach SQL, so one the API could not have written (tampered, from another list) is refused
// by the query's schema at /cursor (issue code invalid_cursor), before any handler or the database.
import { z } from 'zod';
import { Id } from './id.js';

/** A cursor's values: the base64url JSON array the API wrote. */
export function encodeCursorValues(values: readonly unknown[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function cursorValues(cursor: string): unknown[] | null {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
    const values: unknown = JSON.parse(text);
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

const isId = (v: unknown): v is string => Id.safeParse(v).success;

/** A timestamp exactly as the API writes it: an ISO instant of years 0000–9999, which the database stores. */
function instant(v: unknown): Date | null {
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)) return null;
  const date = new Date(v);
  return !Number.isNaN(date.getTime()) && date.toISOString() === v ? date : null;
}

/** A newest-first list's cursor: [created_at, id]. */
export function parseKeysetCursor(cursor: string): { createdAt: Date; id: string } | null {
  const values = cursorValues(cursor);
  const createdAt = values ? instant(values[0]) : null;
  return createdAt && values?.length === 2 && isId(values[1]) ? { createdAt, id: values[1] } : null;
}

/** The duplicate pairs' cursor: [score (a similarity, 0–1), customer a, customer b]. */
export function parsePairCursor(cursor: string): { score: number; a: string; b: string } | null {
  const values = cursorValues(cursor);
  if (!values || values.length !== 3) return null;
  const [score, a, b] = values;
  return typeof score === 'number' && score >= 0 && score <= 1 && isId(a) && isId(b) ? { score, a, b } : null;
}

/** The catalogue issue invalid_cursor, carried as the validation hook reads coded issues. */
const invalidCursor = { code: 'custom' as const, message: 'The cursor is not one this API returned; start again without it.', params: { issue: 'invalid_cursor' } };

const cursorParam = (valid: (cursor: string) => boolean) =>
  z
    .string()
    .max(200)
    .superRefine((v, ctx) => {
      if (!valid(v)) ctx.addIssue(invalidCursor);
    })
    .meta({ description: 'nextCursor of the previous page (opaque).' });

/** A newest-first list's `cursor` query parameter. */
export const KeysetCursorParam = cursorParam((v) => parseKeysetCursor(v) !== null);
/** The duplicate pairs' `cursor` query parameter. */
export const PairCursorParam = cursorParam((v) => parsePairCursor(v) !== null);
