// An approver signs or rejects the current level (R7); the last approval sends the customer on to samples.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { insertActivity } from '../customers/activities.repository.js';
import type { ActivityText } from '../customers/activity-notes.js';
import type { Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';
import { customerRow } from '../customers/customer-rows.repository.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';
import { settleApprovalRequests } from '../customers/quote-withdrawal.js';
import { repRow } from '../reps/reps.repository.js';
import { insertStageEvent } from '../stages/stage-events.repository.js';
import { setStage } from '../stages/stage-moves.js';
import { approvalToDecide } from './approvers.js';
import type { ApprovalDecision } from '../../schemas/quotes.js';
import { quoteView } from './quotes.repository.js';

export interface DecideCommand {
  quoteId: string;
  approverId: string;
  approve: boolean;
  comment?: string | undefined;
  /**
   * The level the approver was shown and decides. A retry of this decision after it committed
   * answers it again; a level decided meanwhile by someone else is refused, never the next one decided.
   */
  level?: number | undefined;
  now: Date;
}

/**
 * What a decision of `cmd.level` by this approver answered, if it was made already and nothing
 * happened to the quote since (a retried step); null otherwise.
 */
async function decidedAlready(tx: Transaction<Database>, cmd: DecideCommand & { level: number }): Promise<ApprovalDecision | null> {
  const row = await tx.selectFrom('quote_approvals').selectAll().where('quote_id', '=', cmd.quoteId).where('level', '=', cmd.level).executeTakeFirst();
  if (!row || row.decided_by !== cmd.approverId) return null;
  if (row.status !== (cmd.approve ? 'approved' : 'rejected') || row.comment !== (cmd.comment ?? null)) {
    // Not this step retried but another decision of a level they decided: a decision stands as made.
    if (row.status !== 'approved' && row.status !== 'rejected') return null;
    throw new AppError(ErrorCode.APPROVAL_DECIDED, `You already ${row.status} level ${cmd.level} of this quote${row.comment ? ` ("${row.comment}")` : ''}; a decision is not changed.`, {
      level: cmd.level,
      status: row.status,
      decidedBy: row.decided_by,
    });
  }
  const q = await tx.selectFrom('quotes').select(['customer_id', 'tenure_id', 'status']).where('id', '=', cmd.quoteId).executeTakeFirstOrThrow();
  if (!cmd.approve) return q.status === 'rejected' ? { ownership: null, quote: await quoteView(tx, cmd.quoteId), pending: null, decided: 'rejected' } : null;
  const next = await tx.selectFrom('quote_approvals').selectAll().where('quote_id', '=', cmd.quoteId).where('level', '>', cmd.level).orderBy('level').executeTakeFirst();
  if (next) {
    // The next level still waits for its approvers, as this decision left it.
    if (q.status !== 'pending_approval' || next.status !== 'pending') return null;
    return { ownership: null, quote: await quoteView(tx, cmd.quoteId), pending: { quoteId: cmd.quoteId, level: next.level, dueAt: next.due_at?.getTime() ?? null }, decided: 'level_approved' };
  }
  if (q.status !== 'approved') return null;
  const customer = await customerRow(tx, q.customer_id);
  const moved = customer.status === 'owned' && customer.tenure_id === q.tenure_id && customer.stage === 'sample';
  return { ownership: moved ? await replayedOwnership(tx, customer.id) : null, quote: await quoteView(tx, cmd.quoteId), pending: null, decided: 'approved' };
}

export async function decideApproval(tx: Transaction<Database>, decisions: Decisions, cmd: DecideCommand): Promise<ApprovalDecision> {
  const shown = cmd.level;
  if (shown !== undefined) {
    // After the quote's lock: an attempt still running beside its retry has committed or not by then.
    await tx.selectFrom('quotes').select('id').where('id', '=', cmd.quoteId).forUpdate().execute();
    const again = await decidedAlready(tx, { ...cmd, level: shown });
    if (again) return again;
  }
  const { quote, level, approver } = await approvalToDecide(tx, cmd.quoteId, cmd.approverId, { lock: true, level: shown });
  if (shown !== undefined && level.level !== shown) {
    // A level after the one waiting is not reached yet; one before it was decided meanwhile.
    const why = shown > level.level ? 'is not reached yet' : 'was decided meanwhile';
    throw new AppError(ErrorCode.APPROVAL_DECIDED, `Level ${shown} of this quote ${why}; level ${level.level} waits now: look at it before you decide.`, {
      level: shown,
      pendingLevel: level.level,
    });
  }
  await tx
    .updateTable('quote_approvals')
    .set({ status: cmd.approve ? 'approved' : 'rejected', decided_by: approver.id, decided_at: cmd.now, comment: cmd.comment ?? null, due_at: null })
    .where('id', '=', level.id)
    .execute();
  await settleApprovalRequests(tx, [quote.id], cmd.now);
  const customer = await tx.selectFrom('customers').selectAll().where('id', '=', quote.customer_id).forUpdate().executeTakeFirstOrThrow();
  const log = (text: ActivityText & { key: 'quote_rejected' | 'quote_level_approved' | 'quote_approved' }) =>
    insertActivity(tx, { customerId: customer.id, repId: approver.id, kind: text.key, note: null, text, occurredAt: cmd.now, tenureId: quote.tenure_id, idempotencyKey: `${quote.id}/${level.level}/${text.key}`, at: cmd.now });

  if (!cmd.approve) {
    await tx.updateTable('quotes').set({ status: 'rejected', rejection_reason: cmd.comment ?? null, decided_at: cmd.now, current_level: null, updated_at: cmd.now }).where('id', '=', quote.id).execute();
    await tx.updateTable('quote_approvals').set({ status: 'skipped' }).where('quote_id', '=', quote.id).where('status', '=', 'waiting').execute();
    await log({ key: 'quote_rejected', level: level.level, approver: approver.name, approverId: approver.id, comment: cmd.comment ?? null });
    return { ownership: null, quote: await quoteView(tx, quote.id), pending: null, decided: 'rejected' };
  }
  const next = await tx.selectFrom('quote_approvals').selectAll().where('quote_id', '=', quote.id).where('status', '=', 'waiting').orderBy('level').executeTakeFirst();
  if (next) {
    const dueAt = new Date(cmd.now.getTime() + next.timeout_ms);
    await tx.updateTable('quote_approvals').set({ status: 'pending', due_at: dueAt }).where('id', '=', next.id).execute();
    await tx.updateTable('quotes').set({ current_level: next.level, updated_at: cmd.now }).where('id', '=', quote.id).execute();
    await log({ key: 'quote_level_approved', level: level.level, approver: approver.name, approverId: approver.id, comment: cmd.comment ?? null });
    return { ownership: null, quote: await quoteView(tx, quote.id), pending: { quoteId: quote.id, level: next.level, dueAt: dueAt.getTime() }, decided: 'level_approved' };
  }
  await tx.updateTable('quotes').set({ status: 'approved', decided_at: cmd.now, current_level: null, updated_at: cmd.now }).where('id', '=', quote.id).execute();
  await log({ key: 'quote_approved', approver: approver.name, approverId: approver.id, comment: cmd.comment ?? null });
  let ownership: OwnershipResult | null = null;
  // The approved quote moves the customer to samples — if the tenure that quoted still holds it.
  if (customer.status === 'owned' && customer.tenure_id === quote.tenure_id && customer.stage === 'quote') {
    const owner = await repRow(tx, customer.owner_id!);
    await insertStageEvent(tx, { customerId: customer.id, tenureId: customer.tenure_id, from: customer.stage, to: 'sample', repId: owner.id, actorId: approver.id, idempotencyKey: `${quote.id}/sample`, details: { quoteId: quote.id }, at: cmd.now });
    ownership = await setStage(tx, decisions, customer, owner, 'sample', cmd.now, 'stage_change');
  }
  return { ownership, quote: await quoteView(tx, quote.id), pending: null, decided: 'approved' };
}
