// Deadline arithmetic in the owner's time zone (R5): plain durations, or whole working days that
// skip weekends, the holidays of the owner's calendar and the owner's leave. Pure: the calendar
// data is passed in (server/calendars/calendar-context.ts loads it), so rules and simulations
// can use it without a database.
import { DateTime } from 'luxon';
import { localDayStart, plusLocalDays } from './zone-offsets.js';

const DAY_MS = 86_400_000;
/** A run of non-working days longer than this means broken data (e.g. leave until 2999), not a deadline. */
const MAX_NON_WORKING_RUN = 3_660;

/** A local calendar date, "YYYY-MM-DD". */
export type LocalDate = string;

/** An inclusive range of local dates. */
export interface DateRange {
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/**
 * What makes a day a non-working day for one rep, besides Saturday and Sunday.
 *
 * @example
 * const calendar: WorkingCalendar = {
 *   holidays: new Set(['2026-10-01', '2026-10-02']),
 *   workdays: new Set(['2026-10-10']), // a Saturday worked to make up for the holiday (调休)
 *   leave: [{ startsOn: '2026-07-06', endsOn: '2026-07-10' }],
 * };
 */
export interface WorkingCalendar {
  /** Holidays of the rep's calendar. */
  holidays: ReadonlySet<LocalDate>;
  /** Weekend days that are working days in the rep's calendar (make-up days such as China's 调休). */
  workdays?: ReadonlySet<LocalDate>;
  /** The rep's leave; leave wins over a make-up working day. */
  leave: readonly DateRange[];
  /**
   * The dates the data was loaded for. Counting across a day outside them is a programming error
   * (the answer would silently ignore a holiday), so it throws instead. Absent: everything known.
   */
  covers?: { from: LocalDate | null; through: LocalDate | null };
}

export interface AddDurationOptions {
  /** Count whole-day durations as working days. */
  workingDays?: boolean | undefined;
  /** IANA zone of the rep; days and the time of day are theirs. */
  timeZone: string;
  /** Holidays and leave; without it only weekends are skipped. */
  calendar?: WorkingCalendar | undefined;
}

/** The local date of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

const onLeave = (day: LocalDate, leave: readonly DateRange[]) => leave.some((l) => l.startsOn <= day && day <= l.endsOn);

/** Whether a local date is a working day under a calendar: Mon–Fri or a make-up day, no holiday, no leave. */
export function isWorkingDay(day: LocalDate, calendar?: WorkingCalendar): boolean {
  return isWorkingDate(day, DateTime.fromISO(day, { zone: 'UTC' }).weekday % 7, calendar);
}

/** isWorkingDay with the day of the week known (0 Sunday … 6 Saturday, as Date#getUTCDay). */
function isWorkingDate(day: LocalDate, dayOfWeek: number, calendar?: WorkingCalendar): boolean {
  const covers = calendar?.covers;
  if (covers && ((covers.from !== null && day < covers.from) || (covers.through !== null && day > covers.through))) {
    throw new RangeError(`The working calendar was loaded for ${covers.from ?? ''}…${covers.through ?? ''} but ${day} was asked; load a wider range.`);
  }
  if (calendar && onLeave(day, calendar.leave)) return false;
  if (calendar?.workdays?.has(day)) return true;
  if (dayOfWeek === 0 || dayOfWeek === 6) return false;
  return !calendar?.holidays.has(day);
}

/**
 * Adds a duration. With `workingDays`, a whole number of days counts working days in the rep's
 * time zone and lands at the same local time of day; any other duration is exact milliseconds.
 * A start on a non-working day counts from there: Saturday 10:00 + 1 working day is Monday 10:00,
 * the same as Friday 10:00 + 1.
 *
 * @example
 * // Friday 2026-03-27 09:00 in Berlin + 1 working day: Monday 09:00, across the switch to summer time.
 * addDuration(new Date('2026-03-27T08:00:00Z'), 86_400_000, { workingDays: true, timeZone: 'Europe/Berlin' });
 * // → 2026-03-30T07:00:00Z
 */
export function addDuration(from: Date, ms: number, options: AddDurationOptions): Date {
  if (!options.workingDays || ms <= 0 || ms % DAY_MS !== 0) return new Date(from.getTime() + ms);
  const ts = from.getTime();
  // Always step from the start, not from the previous day: a local time that a DST switch skips
  // on one day must not shift the time of day of every later day.
  const days = calendarDaysFor(localDayStart(ts, options.timeZone), ms / DAY_MS, options.calendar, from);
  return new Date(plusLocalDays(ts, options.timeZone, days));
}

/**
 * How many calendar days after a local date `days` working days end, remembered per calendar: a
 * simulation or forecast asks the same few (start date, length) pairs for thousands of customers.
 */
const stepsByCalendar = new WeakMap<WorkingCalendar, Map<string, number>>();
const stepsWithoutCalendar = new Map<string, number>();
const MAX_REMEMBERED = 50_000;

function calendarDaysFor(firstDay: number, days: number, calendar: WorkingCalendar | undefined, start: Date): number {
  let memo = calendar ? stepsByCalendar.get(calendar) : stepsWithoutCalendar;
  if (!memo) stepsByCalendar.set(calendar!, (memo = new Map()));
  const key = `${firstDay}:${days}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MAX_REMEMBERED) memo.clear();
  const offset = countCalendarDays(firstDay, days, calendar, start);
  memo.set(key, offset);
  return offset;
}

function countCalendarDays(firstDay: number, days: number, calendar: WorkingCalendar | undefined, start: Date): number {
  // Local dates step as plain calendar dates (UTC midnights): cheap, and what luxon's
  // start.plus({ days }) gives as a date, whatever the time zone's DST switches do to the time.
  let remaining = days;
  let offset = 0;
  let run = 0;
  while (remaining > 0) {
    offset++;
    const day = new Date(firstDay + offset * DAY_MS);
    if (isWorkingDate(day.toISOString().slice(0, 10), day.getUTCDay(), calendar)) {
      remaining--;
      run = 0;
    } else if (++run > MAX_NON_WORKING_RUN) {
      throw new RangeError(`No working day within ${MAX_NON_WORKING_RUN} days after ${start.toISOString()}; check the rep's leave and holidays.`);
    }
  }
  return offset;
}
