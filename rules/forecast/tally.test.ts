import { describe, expect, it } from 'vitest';
import { createReclaimTally, horizonDays, horizonEnd } from './tally.js';

const tenure = (timeZone: string) => ({ id: 'c1', name: 'Acme', ownerId: 'r1', ownerName: 'Rep', timeZone });

describe('the reclaims per day', () => {
  it('are listed from today where the reader is, each on its owner’s day, never before the first or after the last listed day', () => {
    // 06:00 in Beijing is still yesterday in Berlin.
    const from = new Date('2026-12-04T22:00:00Z');
    const until = horizonEnd(from, 3, 'Asia/Shanghai');
    const tally = createReclaimTally(from, until, 'Asia/Shanghai');
    // Overdue in Berlin: counted at once, on the first listed day (not on Berlin's yesterday).
    tally.add(tenure('Europe/Berlin'), { at: new Date('2026-12-04T10:00:00Z'), reason: 'no_follow_up' });
    // At the horizon's last moment in Kiritimati (UTC+14) it is already a day past the reader's last.
    tally.add(tenure('Pacific/Kiritimati'), { at: new Date(until.getTime() - 60_000), reason: 'no_follow_up' });
    const days = tally.result().perDay;
    expect(days.map((d) => d.date)).toEqual(['2026-12-05', '2026-12-06', '2026-12-07']);
    expect(days.map((d) => d.count)).toEqual([1, 0, 1]);
  });
});

describe('a horizon of n days', () => {
  it('lists n dates, today where the reader is counting as the first, and ends at midnight after the last', () => {
    const monday = new Date('2026-12-07T07:30:00Z'); // Monday 15:30 in Shanghai
    for (const n of [1, 7, 14, 30]) {
      const until = horizonEnd(monday, n, 'Asia/Shanghai');
      const days = horizonDays(monday, until, 'Asia/Shanghai');
      expect(days).toHaveLength(n);
      expect(days[0]).toBe('2026-12-07');
    }
    expect(horizonEnd(monday, 7, 'Asia/Shanghai').toISOString()).toBe('2026-12-13T16:00:00.000Z');
    // A reclaim at the horizon's end belongs to the day after it: not counted.
    const tally = createReclaimTally(monday, horizonEnd(monday, 1, 'Asia/Shanghai'), 'Asia/Shanghai');
    expect(tally.add(tenure('Asia/Shanghai'), { at: new Date('2026-12-07T16:00:00Z'), reason: 'no_follow_up' })).toBe(false);
    expect(tally.add(tenure('Asia/Shanghai'), { at: new Date('2026-12-07T15:59:59Z'), reason: 'no_follow_up' })).toBe(true);
  });
});
