// A tenure's quotes that still await approval when the tenure ends (released, reclaimed,
// reassigned, merged, won): a quote belongs to the tenure that submitted it, so they lapse with it.
// Below the quote and stage commands, which both end tenures.
import { type Transaction, sql } from 'kysely';
import type { Database } from '../db/database.js';

/** When a tenure ends (reclaim, release, reassignment, merge, won) its quotes awaiting approval lapse. */
export async function withdrawOpenQuotes(tx: Transaction<Database>, customerId: string, tenureId: string | null, now: Date): Promise<number> {
  if (!tenureId) return 0;
  const withdrawn = await tx
    .updateTable('quotes')
    .set({ status: 'withdrawn', current_level: null, decided_at: now, updated_at: now })
    .where('customer_id', '=', customerId)
    .where('tenure_id', '=', tenureId)
    .where('status', '=', 'pending_approval')
    .returning('id')
    .execute();
  if (withdrawn.length > 0) {
    await tx
      .updateTable('quote_approvals')
      .set({ status: 'skipped', due_at: null })
      .where('quote_id', 'in', withdrawn.map((q) => q.id))
      .where('status', 'in', ['pending', 'waiting'])
      .execute();
    await settleApprovalRequests(tx, withdrawn.map((q) => q.id), now);
  }
  return withdrawn.length;
}

/**
 * The inbox's requests to approve these quotes wait for nobody any more (a level was decided, by
 * whoever of the approvers it asked, or the quote lapsed): they are marked read, so an approver's
 * unread "quote to approve" is one that still waits for them. A later level's request comes after.
 */
export async function settleApprovalRequests(tx: Transaction<Database>, quoteIds: readonly string[], now: Date): Promise<void> {
  if (quoteIds.length === 0) return;
  await tx
    .updateTable('notifications')
    .set({ read_at: now })
    .where('kind', '=', 'approval.requested')
    .where(sql<string>`data->>'quoteId'`, 'in', quoteIds)
    .where('read_at', 'is', null)
    .execute();
}
