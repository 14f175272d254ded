// Holiday calendars: a calendar is the set of its days; an admin replaces it whole.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { HolidayView, ReplaceHolidaysBody } from '../../schemas/calendars.js';

type HolidayRow = { calendar: string; day: string; name: string; kind: 'holiday' | 'workday' };

export const toHolidayView = (r: HolidayRow): HolidayView => ({ calendar: r.calendar, day: r.day, name: r.name, kind: r.kind });

export async function listHolidays(db: Kysely<Database>, filter: { calendar?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return db
    .selectFrom('holidays')
    .select(['calendar', 'day', 'name', 'kind'])
    .$if(filter.calendar !== undefined, (q) => q.where('calendar', '=', filter.calendar!))
    .$if(filter.from !== undefined, (q) => q.where('day', '>=', filter.from!))
    .$if(filter.to !== undefined, (q) => q.where('day', '<=', filter.to!))
    .orderBy('calendar')
    .orderBy('day')
    .execute();
}

/**
 * Replaces every day of a calendar in one transaction. Concurrent replacements of one calendar
 * serialise on an advisory lock, so the last one wins whole instead of failing on a duplicate day.
 */
export async function replaceCalendar(db: Kysely<Database>, calendar: string, days: ReplaceHolidaysBody['days']): Promise<HolidayRow[]> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`holidays:${calendar}`}))`.execute(tx);
    await tx.deleteFrom('holidays').where('calendar', '=', calendar).execute();
    if (days.length === 0) return [];
    return tx
      .insertInto('holidays')
      .values(days.map((d) => ({ calendar, day: d.day, name: d.name, kind: d.kind })))
      .returning(['calendar', 'day', 'name', 'kind'])
      .execute()
      .then((rows) => rows.sort((a, b) => a.day.localeCompare(b.day)));
  });
}

/** Removes one day; false when the calendar did not have it. */
export async function deleteHoliday(db: Kysely<Database>, calendar: string, day: string): Promise<boolean> {
  const result = await db.deleteFrom('holidays').where('calendar', '=', calendar).where('day', '=', day).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function calendarExists(db: Kysely<Database>, calendar: string): Promise<boolean> {
  return (await db.selectFrom('holidays').select('day').where('calendar', '=', calendar).limit(1).executeTakeFirst()) !== undefined;
}
