// Holiday calendars, rep leave and a rep's calendar over HTTP; the working calendar loaded from the
// database; who is on leave in their own time zone. Every refusal is a 4xx with a stable code.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration } from '../rules/decide/working-days.js';
import { loadWorkingCalendar } from '../server/calendars/calendar-context.js';
import { isOnLeave, repsOnLeave } from '../server/calendars/leave.repository.js';
import { openDatabase } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { createHarness, type Harness } from './support/harness.js';

const DAY = 86_400_000;
let h: Harness;
let manager: { id: string; token: string };
let otherManager: { id: string; token: string };
let rep: { id: string; token: string };
let otherRep: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness({ worker: false });
  manager = await h.createRep({ id: 'cal-manager', role: 'manager' });
  otherManager = await h.createRep({ id: 'cal-other-manager', role: 'manager' });
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'cal-team', name: 'Calendar team', managerId: manager.id })).status).toBe(201);
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'cal-other', name: 'Other team', managerId: otherManager.id })).status).toBe(201);
  rep = await h.createRep({ id: 'cal-rep', teamId: 'cal-team', timeZone: 'Asia/Shanghai' });
  otherRep = await h.createRep({ id: 'cal-other-rep', teamId: 'cal-other', timeZone: 'Europe/Berlin' });
});
afterAll(() => h?.close());

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
}
const pointers = (res: { body: any }) => res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort();

const nationalDay = [
  { day: '2026-10-01', name: 'National Day' },
  { day: '2026-10-02', name: 'National Day' },
  { day: '2026-10-05', name: 'National Day' },
  { day: '2026-10-10', name: 'Make-up working day', kind: 'workday' },
];

describe('holiday calendars', () => {
  it('an admin replaces a calendar whole and everyone reads it, in date order', async () => {
    const put = await h.call(h.adminToken, 'PUT', '/holidays/CN', { days: [...nationalDay].reverse() });
    expect(put.status).toBe(200);
    expect(put.body.calendar).toBe('CN');
    expect(put.body.days.map((d: { day: string }) => d.day)).toEqual(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-10']);
    expect(put.body.days[3]).toEqual({ calendar: 'CN', day: '2026-10-10', name: 'Make-up working day', kind: 'workday' });

    const replaced = await h.call(h.adminToken, 'PUT', '/holidays/CN', { days: nationalDay.slice(0, 2) });
    expect(replaced.body.days).toHaveLength(2);
    const read = await h.call(rep.token, 'GET', '/holidays?calendar=CN');
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      { calendar: 'CN', day: '2026-10-01', name: 'National Day', kind: 'holiday' },
      { calendar: 'CN', day: '2026-10-02', name: 'National Day', kind: 'holiday' },
    ]);
    await h.call(h.adminToken, 'PUT', '/holidays/CN', { days: nationalDay });
  });

  it('lists every calendar, filtered by date range', async () => {
    await h.call(h.adminToken, 'PUT', '/holidays/DE-BY', { days: [{ day: '2026-10-03', name: 'Tag der Deutschen Einheit' }] });
    const all = await h.call(rep.token, 'GET', '/holidays?from=2026-10-02&to=2026-10-05');
    expect(all.body.items.map((d: { calendar: string; day: string }) => `${d.calendar} ${d.day}`)).toEqual([
      'CN 2026-10-02',
      'CN 2026-10-05',
      'DE-BY 2026-10-03',
    ]);
  });

  it('refuses bad days with a pointer each and changes nothing', async () => {
    const res = await h.call(h.adminToken, 'PUT', '/holidays/CN', {
      days: [
        { day: '2026-02-30', name: 'No such day' },
        { day: '2026-10-01', name: 'A' },
        { day: '2026-10-01', name: 'Again' },
        { day: '2026-10-07', name: 'Wednesday', kind: 'workday' },
        { day: '2026-10-08', name: '' },
        { day: '2026-10-09', name: 'x', extra: true },
      ],
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(pointers(res)).toEqual(['/days/0/day', '/days/2/day', '/days/3/kind', '/days/4/name', '/days/5/extra']);
    expect((await h.call(rep.token, 'GET', '/holidays?calendar=CN')).body.items).toHaveLength(4);
  });

  it('refuses a bad calendar name, a bare array, a range that ends before it starts', async () => {
    expectError(await h.call(h.adminToken, 'PUT', '/holidays/C%20N', { days: [] }), 400, 'VALIDATION_FAILED');
    const bare = await h.call(h.adminToken, 'PUT', '/holidays/CN', nationalDay);
    expectError(bare, 400, 'VALIDATION_FAILED');
    const range = await h.call(rep.token, 'GET', '/holidays?from=2026-10-05&to=2026-10-01');
    expectError(range, 400, 'VALIDATION_FAILED');
    expect(pointers(range)).toEqual(['/to']);
    expectError(await h.call(rep.token, 'GET', '/holidays?year=2026'), 400, 'VALIDATION_FAILED');
  });

  it('only admins change calendars', async () => {
    expectError(await h.call(manager.token, 'PUT', '/holidays/CN', { days: [] }), 403, 'FORBIDDEN');
    expectError(await h.call(rep.token, 'DELETE', '/holidays/CN/2026-10-01'), 403, 'FORBIDDEN');
  });

  it('removes one day; a day it does not have is NOT_FOUND', async () => {
    await h.call(h.adminToken, 'PUT', '/holidays/TMP', { days: [{ day: '2026-12-24', name: 'Eve' }, { day: '2026-12-25', name: 'Christmas' }] });
    expect((await h.call(h.adminToken, 'DELETE', '/holidays/TMP/2026-12-24')).status).toBe(204);
    expectError(await h.call(h.adminToken, 'DELETE', '/holidays/TMP/2026-12-24'), 404, 'NOT_FOUND');
    expectError(await h.call(h.adminToken, 'DELETE', '/holidays/TMP/2026-12-32'), 400, 'VALIDATION_FAILED');
    expect((await h.call(h.adminToken, 'PUT', '/holidays/TMP', { days: [] })).body.days).toEqual([]);
    expect((await h.call(rep.token, 'GET', '/holidays?calendar=TMP')).body.items).toEqual([]);
  });

  it('is one calendar whatever its case: written, read and trimmed as the one stored', async () => {
    expect((await h.call(h.adminToken, 'PUT', '/holidays/Fr-Ara', { days: [{ day: '2026-01-06', name: 'Epiphany' }] })).body.calendar).toBe('Fr-Ara');
    const again = await h.call(h.adminToken, 'PUT', '/holidays/fr-ara', { days: [{ day: '2026-01-06', name: 'Heilige Drei Könige' }, { day: '2026-08-15', name: 'Assumption' }] });
    expect([again.status, again.body.calendar, again.body.days.length]).toEqual([200, 'Fr-Ara', 2]);
    const read = await h.call(rep.token, 'GET', '/holidays?calendar=FR-ARA');
    expect(read.body.items.map((d: { calendar: string; name: string }) => [d.calendar, d.name])).toEqual([
      ['Fr-Ara', 'Heilige Drei Könige'],
      ['Fr-Ara', 'Assumption'],
    ]);
    expect((await h.call(h.adminToken, 'DELETE', '/holidays/fr-ara/2026-08-15')).status).toBe(204);
    expect((await h.call(rep.token, 'GET', '/holidays')).body.items.filter((d: { calendar: string }) => d.calendar.toLowerCase() === 'fr-ara')).toHaveLength(1);
  });

  it("counts a rep's working days by their calendar emptied and made again in another case", async () => {
    await h.call(h.adminToken, 'PUT', '/holidays/It-Rm', { days: [{ day: '2026-06-29', name: 'Santi Pietro e Paolo' }] });
    const roman = await h.createRep({ timeZone: 'Europe/Rome' });
    expect((await h.call(h.adminToken, 'PUT', `/reps/${roman.id}/calendar`, { calendar: 'it-rm' })).body.calendar).toBe('It-Rm');
    expect((await h.call(h.adminToken, 'PUT', '/holidays/It-Rm', { days: [] })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PUT', '/holidays/IT-RM', { days: [{ day: '2026-06-29', name: 'Santi Pietro e Paolo' }] })).body.calendar).toBe('IT-RM');
    const row = await h.db.selectFrom('reps').select(['id', 'calendar', 'time_zone']).where('id', '=', roman.id).executeTakeFirstOrThrow();
    const calendar = await loadWorkingCalendar(h.db, row);
    expect(calendar.holidays.has('2026-06-29')).toBe(true);
  });

  it('concurrent replacements of one calendar never fail and leave one of them whole', async () => {
    const a = Array.from({ length: 30 }, (_, i) => ({ day: `2027-01-${String(i + 1).padStart(2, '0')}`, name: 'A' }));
    const b = Array.from({ length: 20 }, (_, i) => ({ day: `2027-01-${String(i + 5).padStart(2, '0')}`, name: 'B' }));
    // Named in either case: one calendar still.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => h.call(h.adminToken, 'PUT', i % 3 ? '/holidays/RACE' : '/holidays/race', { days: i % 2 ? a : b })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const names = new Set((await h.call(rep.token, 'GET', '/holidays?calendar=RACE')).body.items.map((d: { name: string }) => d.name));
    expect(names.size).toBe(1);
  });
});

describe("a rep's calendar", () => {
  it('an admin sets it to a known calendar (named in any case) or clears it; an unknown one points at /calendar', async () => {
    const bad = await h.call(h.adminToken, 'PUT', `/reps/${rep.id}/calendar`, { calendar: 'XX' });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(pointers(bad)).toEqual(['/calendar']);
    expect((await h.call(h.adminToken, 'PUT', `/reps/${rep.id}/calendar`, { calendar: null })).body).toEqual({
      repId: rep.id,
      calendar: null,
      timeZone: 'Asia/Shanghai',
    });
    expect((await h.call(h.adminToken, 'PUT', `/reps/${rep.id}/calendar`, { calendar: 'cn' })).body.calendar).toBe('CN');
    expect((await h.call(h.adminToken, 'PUT', `/reps/${rep.id}/calendar`, { calendar: 'CN' })).body.calendar).toBe('CN');
    expectError(await h.call(manager.token, 'PUT', `/reps/${rep.id}/calendar`, { calendar: 'CN' }), 403, 'FORBIDDEN');
    expectError(await h.call(h.adminToken, 'PUT', '/reps/nobody/calendar', { calendar: 'CN' }), 404, 'NOT_FOUND');
    expectError(await h.call(h.adminToken, 'PUT', `/reps/${rep.id}/calendar`, {}), 400, 'VALIDATION_FAILED');
  });
});

describe('rep leave', () => {
  it("an admin and the rep's team manager add leave; the rep reads it; others are told there is no such rep", async () => {
    const byAdmin = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2026-11-26', endsOn: '2026-12-01', reason: 'trade fair' });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ repId: rep.id, startsOn: '2026-11-26', endsOn: '2026-12-01', reason: 'trade fair' });
    const byManager = await h.call(manager.token, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2027-02-15', endsOn: '2027-02-19' });
    expect(byManager.status).toBe(201);

    const own = await h.call(rep.token, 'GET', `/reps/${rep.id}/leave`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((l: { startsOn: string }) => l.startsOn)).toEqual(['2026-11-26', '2027-02-15']);
    expect((await h.call(rep.token, 'GET', `/reps/${rep.id}/leave?from=2027-01-01`)).body.items).toHaveLength(1);
    expect((await h.call(manager.token, 'GET', `/reps/${rep.id}/leave`)).status).toBe(200);

    expectError(await h.call(otherRep.token, 'GET', `/reps/${rep.id}/leave`), 404, 'NOT_FOUND');
    expectError(await h.call(otherManager.token, 'GET', `/reps/${rep.id}/leave`), 404, 'NOT_FOUND');
    expectError(await h.call(otherManager.token, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2027-03-01', endsOn: '2027-03-01' }), 404, 'NOT_FOUND');
    expectError(await h.call(rep.token, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2027-03-01', endsOn: '2027-03-01' }), 403, 'FORBIDDEN');
    expectError(await h.call(h.adminToken, 'GET', '/reps/nobody/leave'), 404, 'NOT_FOUND');
  });

  it('refuses leave that ends before it starts, lasts over a year, or overlaps', async () => {
    const backwards = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2027-05-10', endsOn: '2027-05-09' });
    expectError(backwards, 400, 'VALIDATION_FAILED');
    expect(pointers(backwards)).toEqual(['/endsOn']);
    const long = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2027-01-01', endsOn: '2028-01-02' });
    expectError(long, 400, 'VALIDATION_FAILED');
    expect(pointers(long)).toEqual(['/endsOn']);
    const fields = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: '26-01-01', until: '2027-01-02' });
    expect(pointers(fields)).toEqual(['/endsOn', '/startsOn', '/until']);

    const overlap = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: '2026-12-01', endsOn: '2026-12-03' });
    expectError(overlap, 409, 'CONFLICT');
    expect(overlap.body.error.details).toMatchObject({ reason: 'LEAVE_OVERLAPS', existing: { startsOn: '2026-11-26', endsOn: '2026-12-01' } });
  });

  it('concurrent overlapping requests: exactly one is added', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: `2027-04-0${i + 1}`, endsOn: '2027-04-09' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, 'CONFLICT');
    const created = results.find((r) => r.status === 201)!.body;
    expect((await h.call(manager.token, 'DELETE', `/reps/${rep.id}/leave/${created.id}`)).status).toBe(204);
    expectError(await h.call(manager.token, 'DELETE', `/reps/${rep.id}/leave/${created.id}`), 404, 'NOT_FOUND');
    expectError(await h.call(manager.token, 'DELETE', `/reps/${rep.id}/leave/not%20an%20id`), 400, 'VALIDATION_FAILED');
  });
});

describe('the working calendar from the database', () => {
  it("counts a rep's working days past their calendar's holidays and their own leave, and nobody else's", async () => {
    const row = await h.db.selectFrom('reps').selectAll().where('id', '=', rep.id).executeTakeFirstOrThrow();
    const from = new Date('2026-09-30T02:00:00Z'); // Wednesday 10:00 in Shanghai
    const calendar = await loadWorkingCalendar(h.db, row, { from });
    expect([...calendar.holidays].sort()).toEqual(['2026-10-01', '2026-10-02', '2026-10-05']);
    expect([...(calendar.workdays ?? [])]).toEqual(['2026-10-10']);
    expect(calendar.leave).toEqual([
      { startsOn: '2026-11-26', endsOn: '2026-12-01' },
      { startsOn: '2027-02-15', endsOn: '2027-02-19' },
    ]);
    const wd = { workingDays: true, timeZone: row.time_zone, calendar };
    // Thu 1, Fri 2 holidays; weekend; Mon 5 holiday; Tue 6 is the first working day.
    expect(addDuration(from, DAY, wd)).toEqual(new Date('2026-10-06T02:00:00Z'));
    // Tue 6, Wed 7, Thu 8, Fri 9, Sat 10 (make-up day).
    expect(addDuration(from, 5 * DAY, wd)).toEqual(new Date('2026-10-10T02:00:00Z'));
    // Wednesday 25 November + 1: the leave covers Thu 26 – Tue 1 December.
    expect(addDuration(new Date('2026-11-25T02:00:00Z'), DAY, wd)).toEqual(new Date('2026-12-02T02:00:00Z'));

    const other = await h.db.selectFrom('reps').selectAll().where('id', '=', otherRep.id).executeTakeFirstOrThrow();
    const theirs = await loadWorkingCalendar(h.db, other, { from });
    expect(theirs.holidays.size).toBe(0);
    expect(theirs.leave).toEqual([]);
  });

  it('without a range loads everything, with no bounds to check', async () => {
    const row = await h.db.selectFrom('reps').selectAll().where('id', '=', rep.id).executeTakeFirstOrThrow();
    const calendar = await loadWorkingCalendar(h.db, row);
    expect(calendar.covers).toBeUndefined();
    expect(calendar.holidays.size).toBe(3);
    expect(calendar.leave).toHaveLength(2);
  });

  it('loads only the range asked for, and counting past it throws', async () => {
    const row = await h.db.selectFrom('reps').selectAll().where('id', '=', rep.id).executeTakeFirstOrThrow();
    const calendar = await loadWorkingCalendar(h.db, row, { from: '2026-10-02', through: '2026-10-06' });
    expect([...calendar.holidays].sort()).toEqual(['2026-10-02', '2026-10-05']);
    expect(calendar.leave).toEqual([]);
    expect(() => addDuration(new Date('2026-10-02T02:00:00Z'), 3 * 86_400_000, { workingDays: true, timeZone: row.time_zone, calendar })).toThrow(
      RangeError,
    );
  });
});

describe('who is on leave', () => {
  it("reads an instant in each rep's own time zone, or takes a local date as given", async () => {
    await h.call(h.adminToken, 'POST', `/reps/${otherRep.id}/leave`, { startsOn: '2026-12-01', endsOn: '2026-12-01' });
    // 01:00 on 1 December in Shanghai (rep: on leave 26 Nov – 1 Dec) is 18:00 on 30 November in Berlin.
    const instant = new Date('2026-11-30T17:00:00Z');
    expect(await isOnLeave(h.db, rep.id, instant)).toBe(true);
    expect(await isOnLeave(h.db, otherRep.id, instant)).toBe(false);
    expect(await isOnLeave(h.db, otherRep.id, new Date('2026-11-30T23:30:00Z'))).toBe(true);
    expect(await repsOnLeave(h.db, [rep.id, otherRep.id, manager.id], '2026-12-01')).toEqual(new Set([rep.id, otherRep.id]));
    expect(await repsOnLeave(h.db, [rep.id, otherRep.id], '2026-12-02')).toEqual(new Set());
    expect(await repsOnLeave(h.db, [], instant)).toEqual(new Set());
  });
});

describe('on PGlite', () => {
  it('the calendar and leave queries work the same', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-cal-'));
    const handle = await openDatabase({ dataDir: dir });
    try {
      await migrateOrThrow(handle.db);
      const now = new Date('2026-11-20T00:00:00Z');
      await handle.db
        .insertInto('reps')
        .values({ id: 'p', name: 'P', email: 'p@x', role: 'rep', team_id: null, time_zone: 'Asia/Shanghai', calendar: 'CN', created_at: now, updated_at: now })
        .execute();
      await handle.db.insertInto('holidays').values({ calendar: 'CN', day: '2026-11-23', name: 'Test' }).execute();
      await handle.db.insertInto('rep_leave').values({ id: 'l', rep_id: 'p', starts_on: '2026-11-24', ends_on: '2026-11-24', reason: null, created_at: now }).execute();
      const rep = await handle.db.selectFrom('reps').selectAll().executeTakeFirstOrThrow();
      const calendar = await loadWorkingCalendar(handle.db, rep, { from: now });
      expect(addDuration(new Date('2026-11-20T02:00:00Z'), DAY, { workingDays: true, timeZone: 'Asia/Shanghai', calendar })).toEqual(
        new Date('2026-11-25T02:00:00Z'),
      );
      expect(await isOnLeave(handle.db, 'p', new Date('2026-11-23T16:30:00Z'))).toBe(true);
      expect(await isOnLeave(handle.db, 'p', new Date('2026-11-23T15:30:00Z'))).toBe(false);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
