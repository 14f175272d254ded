// A level waited past its timeout (R7): admins may now decide it too. False if it was decided
// meanwhile; true again for a level already escalated (a retry of the step after it committed, so
// its notice is still written).
import type { Transaction } from 'kysely';
import { insertActivity } from '../customers/activities.repository.js';
import type { Database } from '../db/database.js';

export async function escalateApproval(tx: Transaction<Database>, cmd: { quoteId: string; level: number; now: Date }): Promise<boolean> {
  const level = await tx.selectFrom('quote_approvals').selectAll().where('quote_id', '=', cmd.quoteId).where('level', '=', cmd.level).forUpdate().executeTakeFirst();
  if (!level || level.status !== 'pending') return false;
  if (level.escalated) return true;
  const approvers = level.approvers.some((a) => 'role' in a && a.role === 'admin') ? level.approvers : [...level.approvers, { role: 'admin' as const }];
  await tx.updateTable('quote_approvals').set({ escalated: true, approvers: JSON.stringify(approvers), due_at: null }).where('id', '=', level.id).execute();
  const quote = await tx.selectFrom('quotes').select(['customer_id', 'tenure_id', 'rep_id']).where('id', '=', cmd.quoteId).executeTakeFirstOrThrow();
  await insertActivity(tx, {
    customerId: quote.customer_id,
    repId: quote.rep_id,
    kind: 'quote_escalated',
    note: null,
    text: { key: 'quote_escalated', level: cmd.level },
    occurredAt: cmd.now,
    tenureId: quote.tenure_id,
    idempotencyKey: `${cmd.quoteId}/${cmd.level}/escalated`,
    at: cmd.now,
  });
  return true;
}
