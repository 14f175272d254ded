// Time-zone arithmetic for the hot loops of simulations and forecasts: a zone's UTC offset at an
// instant costs luxon an Intl formatting call, so offsets are remembered per quarter hour (every
// zone changes its offset only on a quarter hour, UTC). Same answers as luxon (working-days.test.ts
// compares them).
import { IANAZone } from 'luxon';

const QUARTER_HOUR = 900_000;
const DAY_MS = 86_400_000;
const MAX_REMEMBERED = 100_000;
const zones = new Map<string, { zone: IANAZone; offsets: Map<number, number> }>();

/** The zone's offset from UTC in minutes at an instant. */
export function offsetAt(timeZone: string, ts: number): number {
  let z = zones.get(timeZone);
  if (!z) zones.set(timeZone, (z = { zone: IANAZone.create(timeZone), offsets: new Map() }));
  const quarter = Math.floor(ts / QUARTER_HOUR);
  let offset = z.offsets.get(quarter);
  if (offset === undefined) {
    if (z.offsets.size >= MAX_REMEMBERED) z.offsets.clear();
    z.offsets.set(quarter, (offset = z.zone.offset(ts)));
  }
  return offset;
}

/** The local date ("YYYY-MM-DD") of an instant in a zone. */
export const localDateAt = (ts: number, timeZone: string): string => new Date(ts + offsetAt(timeZone, ts) * 60_000).toISOString().slice(0, 10);

/** The UTC midnight of the instant's local date: a day number to step local dates with. */
export const localDayStart = (ts: number, timeZone: string): number => Math.floor((ts + offsetAt(timeZone, ts) * 60_000) / DAY_MS) * DAY_MS;

/**
 * The instant `days` calendar days later at the same local time of day, resolved as luxon resolves
 * `DateTime#plus({ days })`: a local time a DST switch skips or repeats takes luxon's offset.
 */
export function plusLocalDays(ts: number, timeZone: string, days: number): number {
  const o = offsetAt(timeZone, ts);
  const local = ts + o * 60_000 + days * DAY_MS;
  let guess = local - o * 60_000;
  const o2 = offsetAt(timeZone, guess);
  if (o === o2) return guess;
  guess -= (o2 - o) * 60_000;
  const o3 = offsetAt(timeZone, guess);
  if (o2 === o3) return guess;
  return local - Math.min(o2, o3) * 60_000;
}
