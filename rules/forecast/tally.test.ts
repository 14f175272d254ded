import { describe, expect, it } from 'vitest';
import { createReclaimTally } from './tally.js';

const tenure = (timeZone: string) => ({ id: 'c1', name: 'Acme', ownerId: 'r1', ownerName: 'Rep', timeZone });

describe('the reclaims per day', () => {
  it('are listed from today where the reader is, each on its owner’s day, never before the first or after the last listed day', () => {
    // 06:00 in Beijing is still yesterday in Berlin.
    const from = new Date('2026-12-04T22:00:00Z');
    const until = new Date(from.getTime() + 2 * 86_400_000);
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
