// Who may see and change a rep's leave and calendar: admins and the rep's manager change them,
// the rep reads their own. Everyone else is told the rep does not exist (as GET /reps/{id} does).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import { findRepWithManager } from './rep-calendar.repository.js';

export interface AccessedRep {
  id: string;
  team_id: string | null;
  calendar: string | null;
  time_zone: string;
}

/**
 * A manager manages a rep when they are the manager of the rep's team, or a manager in the same
 * team (the rule GET /reps/{id} and releases already follow).
 */
export async function repForAccess(db: Kysely<Database>, actor: Actor, repId: string, need: 'read' | 'write'): Promise<AccessedRep> {
  const rep = await findRepWithManager(db, repId);
  const manages =
    rep !== undefined &&
    (actor.role === 'admin' ||
      (actor.role === 'manager' && (rep.manager_id === actor.repId || (actor.teamId !== null && rep.team_id === actor.teamId))));
  if (!rep || (!manages && actor.repId !== rep.id)) throw new AppError(ErrorCode.NOT_FOUND, 'No such rep, or not one you may see.');
  if (need === 'write' && !manages) {
    throw new AppError(ErrorCode.FORBIDDEN, "Only an admin or the rep's manager can change a rep's leave or calendar.", { repId });
  }
  return { id: rep.id, team_id: rep.team_id, calendar: rep.calendar, time_zone: rep.time_zone };
}
