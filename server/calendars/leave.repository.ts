// Rep leave: listed, added without overlaps, removed; and who is on leave on a day (R6: reps on
// leave get no assignments).
import { type Kysely, sql } from 'kysely';
import { newId } from '../ids.js';
import type { LocalDate } from '../../rules/decide/working-days.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { CreateLeaveBody, LeaveView } from '../../schemas/calendars.js';

type LeaveRow = { id: string; rep_id: string; starts_on: string; ends_on: string; reason: string | null; created_at: Date };

export const toLeaveView = (r: LeaveRow): LeaveView => ({
  id: r.id,
  repId: r.rep_id,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
});

export async function listLeave(db: Kysely<Database>, repId: string, filter: { from?: LocalDate | undefined } = {}) {
  return db
    .selectFrom('rep_leave')
    .selectAll()
    .where('rep_id', '=', repId)
    .$if(filter.from !== undefined, (q) => q.where('ends_on', '>=', filter.from!))
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

/**
 * Adds leave unless it overlaps leave the rep already has (CONFLICT with the existing range).
 * The rep row is locked first, so two overlapping requests cannot both pass the check.
 */
export async function insertLeave(db: Kysely<Database>, repId: string, body: CreateLeaveBody, now: Date): Promise<LeaveRow> {
  return db.transaction().execute(async (tx) => {
    const rep = await tx.selectFrom('reps').select('id').where('id', '=', repId).forUpdate().executeTakeFirst();
    if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`);
    const overlap = await tx
      .selectFrom('rep_leave')
      .selectAll()
      .where('rep_id', '=', repId)
      .where('starts_on', '<=', body.endsOn)
      .where('ends_on', '>=', body.startsOn)
      .orderBy('starts_on')
      .executeTakeFirst();
    if (overlap) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `This leave overlaps leave ${overlap.starts_on}…${overlap.ends_on} the rep already has; change or delete that one instead.`,
        { reason: 'LEAVE_OVERLAPS', existing: toLeaveView(overlap) },
      );
    }
    return tx
      .insertInto('rep_leave')
      .values({ id: newId(), rep_id: repId, starts_on: body.startsOn, ends_on: body.endsOn, reason: body.reason ?? null, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function deleteLeave(db: Kysely<Database>, repId: string, leaveId: string): Promise<boolean> {
  const result = await db.deleteFrom('rep_leave').where('id', '=', leaveId).where('rep_id', '=', repId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * The reps among `repIds` on leave on a day: a local date as given, or an instant read in each
 * rep's own time zone (a rep in Shanghai may already be on leave while one in Berlin is not).
 *
 * @example
 * const away = await repsOnLeave(db, candidates.map((r) => r.id), now);
 */
export async function repsOnLeave(db: Kysely<Database>, repIds: readonly string[], at: Date | LocalDate): Promise<Set<string>> {
  if (repIds.length === 0) return new Set();
  const day = typeof at === 'string' ? sql`${at}::date` : sql`(${at.toISOString()}::timestamptz at time zone r.time_zone)::date`;
  const rows = await db
    .selectFrom('rep_leave as l')
    .innerJoin('reps as r', 'r.id', 'l.rep_id')
    .select('l.rep_id')
    .distinct()
    .where('l.rep_id', 'in', [...repIds])
    .where(sql<boolean>`${day} between l.starts_on and l.ends_on`)
    .execute();
  return new Set(rows.map((r) => r.rep_id));
}

/** Whether one rep is on leave on a day (see repsOnLeave). */
export async function isOnLeave(db: Kysely<Database>, repId: string, at: Date | LocalDate): Promise<boolean> {
  return (await repsOnLeave(db, [repId], at)).has(repId);
}
