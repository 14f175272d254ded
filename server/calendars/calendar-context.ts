// Loads what a rep's working-day deadlines skip (their calendar's holidays and make-up days, their
// leave) into the pure WorkingCalendar that rules/decide/working-days.ts counts with.
import { type Kysely, sql } from 'kysely';
import { type LocalDate, localDate, type WorkingCalendar } from '../../rules/decide/working-days.js';
import type { Database } from '../db/database.js';

/** The rep columns the calendar depends on (a `Rep` row fits). */
export interface CalendarRep {
  id: string;
  calendar: string | null;
  time_zone: string;
}

export interface CalendarRange {
  /**
   * The first day counting may look at: an instant (its local date in the rep's zone) or a local
   * date. Pass the earliest instant a deadline may count from (the claim, for `from: "claimed"`).
   * Default: no lower bound.
   */
  from?: Date | LocalDate;
  /**
   * The last day; default: open-ended. A calendar holds a few dozen days a year and leave a few
   * ranges, so loading everything ahead is cheap and no deadline can outrun the data.
   */
  through?: Date | LocalDate;
}

const toDay = (value: Date | LocalDate, timeZone: string): LocalDate => (typeof value === 'string' ? value : localDate(value, timeZone));

/**
 * The rep's working calendar for a range, in one query.
 *
 * @example
 * const calendar = await loadWorkingCalendar(tx, owner, { from: customer.claimed_at ?? now });
 * addDuration(now, 3 * 86_400_000, { workingDays: true, timeZone: owner.time_zone, calendar });
 */
export async function loadWorkingCalendar(db: Kysely<Database>, rep: CalendarRep, range: CalendarRange = {}): Promise<WorkingCalendar> {
  const from = range.from === undefined ? null : toDay(range.from, rep.time_zone);
  const through = range.through === undefined ? null : toDay(range.through, rep.time_zone);
  const leave = db
    .selectFrom('rep_leave')
    .select([sql<'holiday' | 'workday' | 'leave'>`'leave'`.as('kind'), 'starts_on', 'ends_on'])
    .where('rep_id', '=', rep.id)
    .$if(from !== null, (q) => q.where('ends_on', '>=', from!))
    .$if(through !== null, (q) => q.where('starts_on', '<=', through!));
  const rows = rep.calendar
    ? await db
        .selectFrom('holidays')
        .select([sql<'holiday' | 'workday' | 'leave'>`kind`.as('kind'), 'day as starts_on', 'day as ends_on'])
        // Whatever its case, as every other place names a calendar (holidays.repository.ts).
        .where(sql<string>`lower(calendar)`, '=', rep.calendar.toLowerCase())
        .$if(from !== null, (q) => q.where('day', '>=', from!))
        .$if(through !== null, (q) => q.where('day', '<=', through!))
        .unionAll(leave)
        .execute()
    : await leave.execute();

  const holidays = new Set<LocalDate>();
  const workdays = new Set<LocalDate>();
  const ranges: { startsOn: LocalDate; endsOn: LocalDate }[] = [];
  for (const row of rows) {
    if (row.kind === 'holiday') holidays.add(row.starts_on);
    else if (row.kind === 'workday') workdays.add(row.starts_on);
    else ranges.push({ startsOn: row.starts_on, endsOn: row.ends_on });
  }
  return { holidays, workdays, leave: ranges, ...(from !== null || through !== null ? { covers: { from, through } } : {}) };
}
