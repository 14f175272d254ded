// Counting a forecast: reclaims per day (in the owner's time zone), per rep and per reason, with
// the customers behind each day, over a fixed horizon. Pure; the runner feeds it tenure by tenure.
import { DateTime } from 'luxon';
import { localDateAt } from '../decide/zone-offsets.js';

const CUSTOMERS_PER_DAY = 50;

export interface Reclaim {
  at: Date;
  reason: string;
}

export interface Tenure {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string;
  timeZone: string;
}

/**
 * The end of a horizon of `days` days where the reader is: midnight after the last of them, today
 * counting as the first (7 days on a Monday afternoon: Monday to Sunday, until Monday 00:00).
 */
export function horizonEnd(from: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days }).toJSDate();
}

/** The days of the horizon, from the day of `from` to the last day before `until` (exclusive), as YYYY-MM-DD in `zone`. */
export function horizonDays(from: Date, until: Date, zone: string): string[] {
  const days: string[] = [];
  const last = DateTime.fromJSDate(new Date(Math.max(from.getTime(), until.getTime() - 1)), { zone }).toISODate()!;
  for (let d = DateTime.fromJSDate(from, { zone }).startOf('day'); ; d = d.plus({ days: 1 })) {
    const day = d.toISODate()!;
    days.push(day);
    if (day >= last) return days;
  }
}

export function createReclaimTally(from: Date, until: Date, zone = 'UTC') {
  const perDay = new Map<string, { count: number; customers: { id: string; name: string }[] }>();
  const listed = horizonDays(from, until, zone);
  for (const day of listed) perDay.set(day, { count: 0, customers: [] });
  const first = listed[0]!;
  const last = listed[listed.length - 1]!;
  const perRep = new Map<string, { repId: string; name: string; count: number }>();
  const perReason = new Map<string, number>();
  let total = 0;

  return {
    /** Counts a reclaim if it falls within the horizon (a deadline already past counts on the first day). */
    add(t: Tenure, r: Reclaim | null): boolean {
      if (!r || r.at.getTime() >= until.getTime()) return false;
      const at = r.at.getTime() < from.getTime() ? from : r.at;
      // The owner's local day, kept within the listed days (an owner ahead of or behind the reader
      // has today or the horizon's last moment on another date).
      const ownerDay = localDateAt(at.getTime(), t.timeZone);
      const day = ownerDay < first ? first : ownerDay > last ? last : ownerDay;
      let bucket = perDay.get(day);
      if (!bucket) perDay.set(day, (bucket = { count: 0, customers: [] }));
      bucket.count++;
      if (bucket.customers.length < CUSTOMERS_PER_DAY) bucket.customers.push({ id: t.id, name: t.name });
      const rep = perRep.get(t.ownerId) ?? { repId: t.ownerId, name: t.ownerName, count: 0 };
      rep.count++;
      perRep.set(t.ownerId, rep);
      perReason.set(r.reason, (perReason.get(r.reason) ?? 0) + 1);
      total++;
      return true;
    },
    result() {
      return {
        total,
        perDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, b]) => ({ date, ...b })),
        perRep: [...perRep.values()].sort((a, b) => b.count - a.count || a.repId.localeCompare(b.repId)),
        perReason: [...perReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      };
    },
  };
}

/** How a draft moves one tenure's next deadline. */
export function deadlineMove(baseline: Reclaim | null, candidate: Reclaim | null): 'earlier' | 'later' | 'same' | 'added' | 'removed' | null {
  if (!baseline && !candidate) return null;
  if (!baseline) return 'added';
  if (!candidate) return 'removed';
  // Minutes, as the simulation compares deadlines.
  const delta = Math.floor(candidate.at.getTime() / 60_000) - Math.floor(baseline.at.getTime() / 60_000);
  return delta < 0 ? 'earlier' : delta > 0 ? 'later' : 'same';
}
