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
    .$if(filter.calendar !== undefined, (q) => q.where(sql<string>`lower(calendar)`, '=', filter.calendar!.toLowerCase()))
    .$if(filter.from !== undefined, (q) => q.where('day', '>=', filter.from!))
    .$if(filter.to !== undefined, (q) => q.where('day', '<=', filter.to!))
    .orderBy('calendar')
    .orderBy('day')
    .execute();
}

/**
 * The name a calendar is stored under, written in any case ("cn" names CN: a calendar is one
 * whatever its case, as a team or a pool is); null when no calendar has that name.
 */
export async function storedCalendarName(db: Kysely<Database>, calendar: string): Promise<string | null> {
  const row = await db.selectFrom('holidays').select('calendar').where(sql<string>`lower(calendar)`, '=', calendar.toLowerCase()).orderBy('calendar').limit(1).executeTakeFirst();
  return row?.calendar ?? null;
}

/**
 * Replaces every day of a calendar (named in any case; a new one is stored as written) in one
 * transaction. Concurrent replacements of one calendar serialise on an advisory lock, so the last
 * one wins whole instead of failing on a duplicate day.
 */
export async function replaceCalendar(db: Kysely<Database>, name: string, days: ReplaceHolidaysBody['days']): Promise<{ calendar: string; days: HolidayRow[] }> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`holidays:${name.toLowerCase()}`}))`.execute(tx);
    const calendar = (await storedCalendarName(tx, name)) ?? name;
    // Spellings stored apart before calendars were one whatever their case become this one.
    await tx.deleteFrom('holidays').where(sql<string>`lower(calendar)`, '=', name.toLowerCase()).execute();
    if (days.length === 0) return { calendar, days: [] };
    const rows = await tx
      .insertInto('holidays')
      .values(days.map((d) => ({ calendar, day: d.day, name: d.name, kind: d.kind })))
      .returning(['calendar', 'day', 'name', 'kind'])
      .execute();
    return { calendar, days: rows.sort((a, b) => a.day.localeCompare(b.day)) };
  });
}

/** Removes one day (the calendar named in any case); false when the calendar did not have it. */
export async function deleteHoliday(db: Kysely<Database>, calendar: string, day: string): Promise<boolean> {
  const result = await db.deleteFrom('holidays').where(sql<string>`lower(calendar)`, '=', calendar.toLowerCase()).where('day', '=', day).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
