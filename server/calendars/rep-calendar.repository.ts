// A rep's calendar settings and the team manager who may change them: the queries for
// rep-access.ts and leave.routes.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** The rep with their calendar, time zone and team's manager; undefined when there is no such rep. */
export async function findRepWithManager(db: Kysely<Database>, repId: string) {
  return db
    .selectFrom('reps')
    .leftJoin('teams', 'teams.id', 'reps.team_id')
    .select(['reps.id', 'reps.team_id', 'reps.calendar', 'reps.time_zone', 'teams.manager_id'])
    .where('reps.id', '=', repId)
    .executeTakeFirst();
}

/** Sets the holiday calendar the rep's working days follow; undefined when there is no such rep. */
export async function setRepCalendar(db: Kysely<Database>, repId: string, calendar: string | null, now: Date) {
  return db
    .updateTable('reps')
    .set({ calendar, updated_at: now })
    .where('id', '=', repId)
    .returning(['id', 'calendar', 'time_zone'])
    .executeTakeFirst();
}
