// Holiday calendars, rep leave and a rep's calendar as the API accepts and returns them.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { inDateRange, lineText } from './common.js';

const MAX_LEAVE_DAYS = 366;

export const CalendarName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'a calendar name is letters, digits, "_" and "-" (at most 32), e.g. "CN" or "DE-BY"')
  .meta({ description: 'A holiday calendar, e.g. "CN", "DE-BY".', example: 'CN' });

export const LocalDate = z.iso
  .date({ message: 'a date such as "2026-10-01" (YYYY-MM-DD)' })
  .refine(inDateRange, 'a date from the year 1900 to 9999')
  .meta({ description: 'A calendar date, YYYY-MM-DD.', example: '2026-10-01' });

const weekday = (day: string) => DateTime.fromISO(day, { zone: 'UTC' }).weekday;

const HolidayKind = z.enum(['holiday', 'workday']).meta({
  description: 'holiday: nobody works; workday: a Saturday or Sunday worked to make up for a holiday (调休).',
});

const HolidayDay = z.strictObject({
  day: LocalDate,
  name: lineText(120),
  kind: HolidayKind.default('holiday'),
});

export const ReplaceHolidaysBody = z
  .strictObject({ days: z.array(HolidayDay).max(2_000) })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.days.forEach((d, i) => {
      const first = seen.get(d.day);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'day'], message: `${d.day} is listed twice (first at /days/${first})` });
      } else seen.set(d.day, i);
      // A make-up working day on a weekday would change nothing: almost certainly a typo.
      if (d.kind === 'workday' && weekday(d.day) <= 5) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'kind'], message: `${d.day} is a weekday; only a Saturday or Sunday can be a make-up working day` });
      }
    });
  })
  .meta({ id: 'ReplaceHolidays' });
export type ReplaceHolidaysBody = z.infer<typeof ReplaceHolidaysBody>;

export const HolidaysQuery = z.strictObject({
  calendar: CalendarName.optional().meta({ description: 'One calendar; default: all.' }),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
});

export const HolidayView = z
  .object({ calendar: z.string(), day: z.string(), name: z.string(), kind: HolidayKind })
  .meta({ id: 'Holiday' });
export type HolidayView = z.infer<typeof HolidayView>;

export const CalendarView = z.object({ calendar: z.string(), days: z.array(HolidayView) }).meta({ id: 'Calendar' });

export const CreateLeaveBody = z
  .strictObject({
    startsOn: LocalDate,
    endsOn: LocalDate.meta({ description: 'The last day of leave (inclusive).' }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `the leave ends (${b.endsOn}) before it starts (${b.startsOn})` });
      return;
    }
    const length = DateTime.fromISO(b.endsOn, { zone: 'UTC' }).diff(DateTime.fromISO(b.startsOn, { zone: 'UTC' }), 'days').days + 1;
    if (length > MAX_LEAVE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `one leave may last at most ${MAX_LEAVE_DAYS} days (this one: ${length})` });
    }
  })
  .meta({ id: 'CreateLeave' });
export type CreateLeaveBody = z.infer<typeof CreateLeaveBody>;

export const LeaveView = z
  .object({
    id: z.string(),
    repId: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    reason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Leave' });
export type LeaveView = z.infer<typeof LeaveView>;

export const LeaveQuery = z.strictObject({
  from: LocalDate.optional().meta({ description: 'Only leave that ends on or after this day.' }),
});

export const RepCalendarBody = z
  .strictObject({ calendar: CalendarName.nullable().meta({ description: 'null: weekends only.' }) })
  .meta({ id: 'RepCalendarBody' });

export const RepCalendarView = z
  .object({ repId: z.string(), calendar: z.string().nullable(), timeZone: z.string() })
  .meta({ id: 'RepCalendar' });
