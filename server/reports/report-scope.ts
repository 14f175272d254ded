// Whose numbers an actor may read (R9 applied to reports): admins everyone (or one team),
// managers their team, reps only themselves.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import { invalidRequest } from '../request-issues.js';

/** `reps: null` means every rep; otherwise the rep ids the report is limited to. */
export interface ReportScope {
  kind: 'all' | 'team' | 'rep';
  teamId: string | null;
  reps: string[] | null;
}

export async function resolveScope(db: Kysely<Database>, actor: Actor, requestedTeamId: string | undefined): Promise<ReportScope> {
  if (actor.role === 'rep') {
    if (requestedTeamId !== undefined) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Reps see reports about themselves only; leave out teamId.', { role: actor.role });
    }
    return { kind: 'rep', teamId: actor.teamId, reps: [actor.repId] };
  }
  let teamId = requestedTeamId ?? null;
  if (actor.role === 'manager') {
    if (teamId !== null && teamId !== actor.teamId) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Managers see reports about their own team only.', { teamId: actor.teamId });
    }
    teamId = actor.teamId;
    // A manager without a team manages nobody but themselves.
    if (teamId === null) return { kind: 'rep', teamId: null, reps: [actor.repId] };
  }
  if (teamId === null) return { kind: 'all', teamId: null, reps: null };
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) {
    throw invalidRequest('query', [{ pointer: '/teamId', code: 'unknown', params: { what: 'team', id: teamId } }], { message: `Unknown team "${teamId}".` });
  }
  const reps = await db.selectFrom('reps').select('id').where('team_id', '=', teamId).execute();
  return { kind: 'team', teamId, reps: reps.map((r) => r.id) };
}
