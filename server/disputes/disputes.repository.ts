// Disputes as stored: filing, reading back with the customer's name, listing by scope, deciding once.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DisputeStatus } from '../../schemas/disputes.js';
import type { Database } from '../db/database.js';
import type { DisputesTable } from '../db/tables/disputes.js';

export type DisputeRow = Selectable<DisputesTable> & { company_name: string };

const withName = (db: Kysely<Database>) =>
  db.selectFrom('disputes as d').innerJoin('customers as c', 'c.id', 'd.customer_id').selectAll('d').select('c.company_name');

export function findDispute(db: Kysely<Database>, id: string): Promise<DisputeRow | undefined> {
  return withName(db).where('d.id', '=', id).executeTakeFirst();
}

export function openDisputeOf(db: Kysely<Database>, customerId: string, repId: string) {
  return db.selectFrom('disputes').select('id').where('customer_id', '=', customerId).where('rep_id', '=', repId).where('status', '=', 'open').executeTakeFirst();
}

/**
 * `repId`/`teamId`: the scope (neither: everyone): the rep's disputes and those they are the other
 * side of (the rep the decision gave the customer to, or its owner now: dispute-deciders'
 * otherSides), and the team's; newest first.
 */
export function listDisputes(
  db: Kysely<Database>,
  filter: { repId?: string; teamId?: string; status?: DisputeStatus | undefined; customerId?: string | undefined; limit: number },
): Promise<DisputeRow[]> {
  let q = withName(db);
  const { repId, teamId } = filter;
  if (repId !== undefined) {
    q = q.where((eb) => eb.or([eb('d.rep_id', '=', repId), eb('d.other_rep_id', '=', repId), eb('c.owner_id', '=', repId), ...(teamId === undefined ? [] : [eb('d.team_id', '=', teamId)])]));
  }
  if (filter.status) q = q.where('d.status', '=', filter.status);
  if (filter.customerId) q = q.where('d.customer_id', '=', filter.customerId);
  return q.orderBy('d.filed_at', 'desc').orderBy('d.id', 'desc').limit(filter.limit).execute();
}

/**
 * Reserves an open dispute for its decider while the customer is moved: granted when nobody holds
 * it or the reservation ran out. The same decider deciding again from another tab or process while
 * their first decision still moves the customer is refused too (two outcomes must not both be
 * recorded); a failed attempt gives its reservation up, so a retry is granted. Null when refused,
 * with the row as it is, to say why.
 */
export async function reserveDecision(
  db: Kysely<Database>,
  id: string,
  r: { by: string; token: string; now: Date; until: Date },
): Promise<{ granted: true } | { granted: false; row: Pick<DisputesTable, 'status' | 'decided_by' | 'deciding_by'> | undefined; siblingDecider: string | null }> {
  // One dispute of a decision is decided at a time, in any process: the decision's record is locked
  // while this one is reserved, and no other dispute of it may hold a live reservation (a decision
  // is overturned once; the decider then sees it overturned).
  return db.transaction().execute(async (tx) => {
    const own = await tx.selectFrom('disputes').select('decision_record_id').where('id', '=', id).executeTakeFirst();
    if (own) await tx.selectFrom('decision_records').select('id').where('id', '=', own.decision_record_id).forUpdate().execute();
    const sibling = own
      ? await tx
          .selectFrom('disputes')
          .select('deciding_by')
          .where('decision_record_id', '=', own.decision_record_id)
          .where('id', '!=', id)
          .where('status', '=', 'open')
          .where('deciding_until', '>', r.now)
          .executeTakeFirst()
      : undefined;
    const got = sibling
      ? null
      : await tx
          .updateTable('disputes')
          .set({ deciding_by: r.by, deciding_token: r.token, deciding_until: r.until })
          .where('id', '=', id)
          .where('status', '=', 'open')
          .where((eb) => eb.or([eb('deciding_until', 'is', null), eb('deciding_until', '<=', r.now)]))
          .executeTakeFirst();
    if (got && Number(got.numUpdatedRows) === 1) return { granted: true as const };
    const row = await tx.selectFrom('disputes').select(['status', 'decided_by', 'deciding_by']).where('id', '=', id).executeTakeFirst();
    return { granted: false as const, row, siblingDecider: sibling ? sibling.deciding_by : null };
  });
}

/** Gives up a reservation (the move was refused or failed): the dispute is open to decide again. */
export async function releaseDecision(db: Kysely<Database>, id: string, token: string): Promise<void> {
  await db.updateTable('disputes').set({ deciding_by: null, deciding_token: null, deciding_until: null }).where('id', '=', id).where('deciding_token', '=', token).execute();
}

/**
 * The inbox's notices of a dispute filed wait for nobody once it is decided (by whichever of the
 * managers or admins told decided it): marked read, so an unread one is one still to decide.
 */
export async function settleDisputeNotices(db: Kysely<Database>, disputeId: string, at: Date): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('kind', '=', 'dispute.filed')
    .where(sql<string>`data->>'disputeId'`, '=', disputeId)
    .where('read_at', 'is', null)
    .execute();
}

/** Marks an open dispute decided under the decider's reservation; false when it was decided meanwhile or the reservation lost. */
export async function markDecided(db: Kysely<Database>, id: string, d: { status: Exclude<DisputeStatus, 'open'>; decidedBy: string; comment: string; at: Date; token: string }): Promise<boolean> {
  const r = await db
    .updateTable('disputes')
    .set({ status: d.status, decided_by: d.decidedBy, comment: d.comment, decided_at: d.at, deciding_by: null, deciding_token: null, deciding_until: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('deciding_token', '=', d.token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
