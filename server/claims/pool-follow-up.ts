// A follow-up on a pool customer by a participant of its open joint follow-up: no tenure, so no
// deadline; it is in the customer's history with their name and counts in their contribution.
import { type Kysely, sql } from 'kysely';
import type { FollowUpBody, OwnershipResult } from '../../schemas/customers.js';
import { insertActivity } from '../customers/activities.repository.js';
import { toOwnershipResult } from '../customers/ownership-view.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { isCollaborator, openJoint } from '../customers/collaborator-rows.js';

export function recordPoolFollowUp(db: Kysely<Database>, c: { customerId: string; repId: string; body: FollowUpBody; occurredAt: Date; now: Date }): Promise<OwnershipResult> {
  return db.transaction().execute(async (tx) => {
    if (!(await isCollaborator(tx, c.customerId, c.repId)) || !(await openJoint(tx, c.customerId))) {
      throw new AppError(ErrorCode.NOT_OWNER, 'Only the participants of an open joint follow-up log follow-ups on a pool customer.', { customerId: c.customerId });
    }
    await insertActivity(tx, { customerId: c.customerId, repId: c.repId, kind: c.body.kind, note: c.body.note ?? null, occurredAt: c.occurredAt, tenureId: null, idempotencyKey: null, at: c.now });
    const row = await tx
      .updateTable('customers')
      .set((eb) => ({ follow_ups: eb('follow_ups', '+', 1), last_follow_up_at: sql<Date>`greatest(last_follow_up_at, ${c.occurredAt})`, version: eb('version', '+', 1), updated_at: c.now }))
      .where('id', '=', c.customerId)
      .where('status', '=', 'pool')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError(ErrorCode.CONFLICT, 'The customer left the pool meanwhile; reload it.', { customerId: c.customerId });
    return toOwnershipResult(row);
  });
}
