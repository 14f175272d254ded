// Working-day deadlines (R5): weekends, holidays, make-up days and leave, in the rep's time zone.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDuration, isWorkingDay, localDate, type WorkingCalendar } from './working-days.js';

const DAY = 86_400_000;
const days = (n: number) => n * DAY;
const at = (iso: string) => new Date(iso);
const wd = (timeZone: string, calendar?: WorkingCalendar) => ({ workingDays: true, timeZone, ...(calendar ? { calendar } : {}) });

/** A made-up CN calendar: a week off from Thursday 1 October 2026, Saturday 10 October worked instead. */
const cn: WorkingCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-10-10']),
  leave: [],
};

describe('plain durations', () => {
  it('are exact milliseconds when working days are not asked for, even across a weekend', () => {
    expect(addDuration(at('2026-11-20T10:00:00Z'), days(3), { timeZone: 'Asia/Shanghai' })).toEqual(at('2026-11-23T10:00:00Z'));
  });

  it('are exact milliseconds when the duration is not whole days, even with working days asked for', () => {
    expect(addDuration(at('2026-11-20T10:00:00Z'), 36 * 3_600_000, wd('Asia/Shanghai', cn))).toEqual(at('2026-11-21T22:00:00Z'));
    expect(addDuration(at('2026-11-20T10:00:00Z'), 45_000, wd('Asia/Shanghai', cn))).toEqual(at('2026-11-20T10:00:45Z'));
  });

  it('of zero leave the instant alone', () => {
    expect(addDuration(at('2026-11-21T10:00:00Z'), 0, wd('Asia/Shanghai', cn))).toEqual(at('2026-11-21T10:00:00Z'));
  });
});

describe('weekends in the rep’s time zone', () => {
  it('Shanghai: Friday 18:00 + 1 working day is Monday 18:00, + 3 is Wednesday', () => {
    const friday = at('2026-11-20T10:00:00Z'); // 18:00 CST
    expect(addDuration(friday, days(1), wd('Asia/Shanghai'))).toEqual(at('2026-11-23T10:00:00Z'));
    expect(addDuration(friday, days(3), wd('Asia/Shanghai'))).toEqual(at('2026-11-25T10:00:00Z'));
    expect(addDuration(friday, days(5), wd('Asia/Shanghai'))).toEqual(at('2026-11-27T10:00:00Z'));
  });

  it('the same instant is a Saturday in Shanghai and a Friday in UTC, so the deadlines differ', () => {
    const instant = at('2026-11-20T23:30:00Z'); // Saturday 07:30 in Shanghai
    expect(addDuration(instant, days(1), wd('Asia/Shanghai'))).toEqual(at('2026-11-22T23:30:00Z')); // Monday 07:30 CST
    expect(addDuration(instant, days(1), wd('UTC'))).toEqual(at('2026-11-23T23:30:00Z')); // Monday 23:30 UTC
  });

  it('a start on a weekend counts from there: Saturday and Sunday + 1 are Monday at the same time', () => {
    expect(addDuration(at('2026-11-21T02:00:00Z'), days(1), wd('Asia/Shanghai'))).toEqual(at('2026-11-23T02:00:00Z'));
    expect(addDuration(at('2026-11-22T02:00:00Z'), days(1), wd('Asia/Shanghai'))).toEqual(at('2026-11-23T02:00:00Z'));
    expect(addDuration(at('2026-11-22T02:00:00Z'), days(2), wd('Asia/Shanghai'))).toEqual(at('2026-11-24T02:00:00Z'));
  });

  it('Los Angeles: Friday 09:00 PST + 1 is Monday 09:00 PDT, 71 hours later across the spring change', () => {
    const friday = at('2026-03-06T17:00:00Z');
    const monday = addDuration(friday, days(1), wd('America/Los_Angeles'));
    expect(monday).toEqual(at('2026-03-09T16:00:00Z'));
    expect((monday.getTime() - friday.getTime()) / 3_600_000).toBe(71);
  });

  it('Berlin: Friday 09:00 + 1 is Monday 09:00 across both DST changes (71 h in March, 73 h in October)', () => {
    expect(addDuration(at('2026-03-27T08:00:00Z'), days(1), wd('Europe/Berlin'))).toEqual(at('2026-03-30T07:00:00Z'));
    expect(addDuration(at('2026-10-23T07:00:00Z'), days(1), wd('Europe/Berlin'))).toEqual(at('2026-10-26T08:00:00Z'));
  });

  it('Berlin: a local time that the spring change skips on Sunday keeps its time of day on Monday', () => {
    // Saturday 02:30 CET; 02:30 does not exist on Sunday 29 March but does on Monday.
    expect(addDuration(at('2026-03-28T01:30:00Z'), days(1), wd('Europe/Berlin'))).toEqual(at('2026-03-30T00:30:00Z'));
  });
});

describe('holidays and make-up working days', () => {
  it('a week of holidays is skipped: Wednesday before it + 1 is the Thursday after it', () => {
    expect(addDuration(at('2026-09-30T02:00:00Z'), days(1), wd('Asia/Shanghai', cn))).toEqual(at('2026-10-08T02:00:00Z'));
  });

  it('a make-up Saturday counts as a working day', () => {
    // Thursday 8, Friday 9, Saturday 10 (worked).
    expect(addDuration(at('2026-09-30T02:00:00Z'), days(3), wd('Asia/Shanghai', cn))).toEqual(at('2026-10-10T02:00:00Z'));
    // Without the calendar the same deadline falls on Friday 2 October.
    expect(addDuration(at('2026-09-30T02:00:00Z'), days(3), wd('Asia/Shanghai'))).toEqual(at('2026-10-05T02:00:00Z'));
  });

  it('a start on a holiday counts from there, like a start on a weekend', () => {
    expect(addDuration(at('2026-10-01T02:00:00Z'), days(1), wd('Asia/Shanghai', cn))).toEqual(at('2026-10-08T02:00:00Z'));
    expect(addDuration(at('2026-10-06T02:00:00Z'), days(2), wd('Asia/Shanghai', cn))).toEqual(at('2026-10-09T02:00:00Z'));
  });

  it('a holiday is a date in the rep’s zone: Los Angeles Friday evening (already Saturday in UTC) skips a Monday holiday', () => {
    const calendar: WorkingCalendar = { holidays: new Set(['2026-11-23']), leave: [] };
    expect(addDuration(at('2026-11-21T04:00:00Z'), days(1), wd('America/Los_Angeles', calendar))).toEqual(at('2026-11-25T04:00:00Z'));
  });

  it('a holiday on a weekend changes nothing', () => {
    const calendar: WorkingCalendar = { holidays: new Set(['2026-11-21', '2026-11-22']), leave: [] };
    expect(addDuration(at('2026-11-20T10:00:00Z'), days(1), wd('Asia/Shanghai', calendar))).toEqual(at('2026-11-23T10:00:00Z'));
  });
});

describe('leave', () => {
  it('leave spanning a weekend is skipped whole: Wednesday + 1 is the Wednesday after it', () => {
    const calendar: WorkingCalendar = { holidays: new Set(), leave: [{ startsOn: '2026-11-26', endsOn: '2026-12-01' }] };
    // Wednesday 25 November 09:00 PST; leave Thursday 26 – Tuesday 1 December.
    expect(addDuration(at('2026-11-25T17:00:00Z'), days(1), wd('America/Los_Angeles', calendar))).toEqual(at('2026-12-02T17:00:00Z'));
    expect(addDuration(at('2026-11-25T17:00:00Z'), days(2), wd('America/Los_Angeles', calendar))).toEqual(at('2026-12-03T17:00:00Z'));
  });

  it('leave and holidays combine, and leave wins over a make-up working day', () => {
    const calendar: WorkingCalendar = { ...cn, leave: [{ startsOn: '2026-10-08', endsOn: '2026-10-10' }] };
    // Holidays 1–7, leave 8–10 (including the worked Saturday), weekend 11: Monday 12 October.
    expect(addDuration(at('2026-09-30T02:00:00Z'), days(1), wd('Asia/Shanghai', calendar))).toEqual(at('2026-10-12T02:00:00Z'));
  });

  it('several leave ranges are each skipped', () => {
    const calendar: WorkingCalendar = {
      holidays: new Set(),
      leave: [
        { startsOn: '2026-11-23', endsOn: '2026-11-23' },
        { startsOn: '2026-11-25', endsOn: '2026-11-25' },
      ],
    };
    // Friday 20 → Tue 24 (1), Thu 26 (2).
    expect(addDuration(at('2026-11-20T01:00:00Z'), days(2), wd('Asia/Shanghai', calendar))).toEqual(at('2026-11-26T01:00:00Z'));
  });
});

describe('guards', () => {
  it('counting past the loaded range throws instead of ignoring holidays it never saw', () => {
    const calendar: WorkingCalendar = { ...cn, covers: { from: '2026-09-30', through: '2026-10-05' } };
    expect(() => addDuration(at('2026-09-30T02:00:00Z'), days(1), wd('Asia/Shanghai', calendar))).toThrow(RangeError);
    const late: WorkingCalendar = { ...cn, covers: { from: '2026-10-03', through: null } };
    expect(() => addDuration(at('2026-09-30T02:00:00Z'), days(1), wd('Asia/Shanghai', late))).toThrow(RangeError);
    const open: WorkingCalendar = { ...cn, covers: { from: '2026-09-30', through: null } };
    expect(addDuration(at('2026-09-30T02:00:00Z'), days(1), wd('Asia/Shanghai', open))).toEqual(at('2026-10-08T02:00:00Z'));
  });

  it('endless leave is an error, not an endless loop', () => {
    const calendar: WorkingCalendar = { holidays: new Set(), leave: [{ startsOn: '2026-01-01', endsOn: '2999-12-31' }] };
    expect(() => addDuration(at('2026-11-20T10:00:00Z'), days(1), wd('Asia/Shanghai', calendar))).toThrow(/No working day/);
  });

  it('isWorkingDay and localDate agree with the calendar', () => {
    expect(isWorkingDay('2026-10-09', cn)).toBe(true);
    expect(isWorkingDay('2026-10-10', cn)).toBe(true);
    expect(isWorkingDay('2026-10-11', cn)).toBe(false);
    expect(isWorkingDay('2026-10-01', cn)).toBe(false);
    expect(isWorkingDay('2026-10-01')).toBe(true);
    expect(localDate(at('2026-11-20T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-21');
    expect(localDate(at('2026-11-20T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-20');
  });
});

describe('properties over random starts, zones and calendars', () => {
  const zones = ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/Berlin', 'UTC', 'Asia/Kolkata', 'Pacific/Auckland'];
  const dayArb = fc.integer({ min: 0, max: 800 }).map((n) => DateTime.fromISO('2026-01-01', { zone: 'UTC' }).plus({ days: n }).toISODate()!);
  const calendarArb = fc.record({
    holidays: fc.array(dayArb, { maxLength: 40 }).map((d) => new Set(d)),
    workdays: fc.array(dayArb, { maxLength: 5 }).map((d) => new Set(d)),
    leave: fc.array(
      fc.tuple(dayArb, fc.integer({ min: 0, max: 20 })).map(([s, n]) => ({
        startsOn: s,
        endsOn: DateTime.fromISO(s, { zone: 'UTC' }).plus({ days: n }).toISODate()!,
      })),
      { maxLength: 4 },
    ),
  });

  it('lands on a working day at the same local time, with exactly n working days after the start day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 6, 1) }),
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 30 }),
        calendarArb,
        (startMs, zone, n, calendar) => {
          const from = new Date(startMs);
          const result = addDuration(from, days(n), wd(zone, calendar));
          const start = DateTime.fromJSDate(from, { zone });
          const end = DateTime.fromJSDate(result, { zone });
          expect(result.getTime()).toBeGreaterThan(from.getTime());
          expect(isWorkingDay(end.toISODate()!, calendar)).toBe(true);
          // Same wall-clock time unless a DST gap swallowed it on the landing day.
          const shifted = start.plus({ days: Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days) });
          expect(end.toMillis()).toBe(shifted.toMillis());
          let counted = 0;
          for (let d = start.plus({ days: 1 }); d.toISODate()! <= end.toISODate()!; d = d.plus({ days: 1 })) {
            if (isWorkingDay(d.toISODate()!, calendar)) counted++;
          }
          expect(counted).toBe(n);
        },
      ),
      { numRuns: 1_000 },
    );
  }, 60_000);
});

describe('the fast day stepping', () => {
  /** The plain way: every day through luxon in the rep's zone (what addDuration did before). */
  function reference(from: Date, days: number, timeZone: string, calendar: WorkingCalendar): Date {
    const start = DateTime.fromJSDate(from, { zone: timeZone });
    let offset = 0;
    for (let left = days; left > 0; ) if (isWorkingDay(start.plus({ days: ++offset }).toISODate()!, calendar)) left--;
    return start.plus({ days: offset }).toJSDate();
  }

  it('lands where stepping every day through luxon lands, in any zone, over holidays, make-up days and leave', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 5 }),
        (from, days, zone, holidayOffsets, workdayOffsets) => {
          const day = (n: number) => DateTime.fromJSDate(from, { zone }).plus({ days: n }).toISODate()!;
          const calendar: WorkingCalendar = { holidays: new Set(holidayOffsets.map(day)), workdays: new Set(workdayOffsets.map(day)), leave: [{ startsOn: day(40), endsOn: day(45) }] };
          expect(addDuration(from, days * 86_400_000, { workingDays: true, timeZone: zone, calendar }).toISOString()).toBe(reference(from, days, zone, calendar).toISOString());
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
