// Who may collaborate today, the one check behind the add's refusals and the candidates list: an
// inactive rep and a rep on leave today (in their own time zone) are refused, so never offered.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { repsOnLeave } from '../calendars/leave.repository.js';
import { ErrorCode } from '../errors.js';

type Unavailable = typeof ErrorCode.REP_INACTIVE | typeof ErrorCode.REP_ON_LEAVE;

/**
 * Why each of `reps` cannot collaborate at `now` (those missing from the map can).
 *
 * @example
 * const away = await unavailableToCollaborate(db, candidates, clock.now());
 * const offered = candidates.filter((r) => !away.has(r.id));
 */
export async function unavailableToCollaborate(db: Kysely<Database>, reps: readonly { id: string; active: boolean }[], now: Date): Promise<Map<string, Unavailable>> {
  const why = new Map<string, Unavailable>();
  for (const r of reps) if (!r.active) why.set(r.id, ErrorCode.REP_INACTIVE);
  const onLeave = await repsOnLeave(db, reps.filter((r) => r.active).map((r) => r.id), now);
  for (const id of onLeave) why.set(id, ErrorCode.REP_ON_LEAVE);
  return why;
}
