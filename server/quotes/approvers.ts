// Who may decide a quote's level (R7, R13), asked by the API's early refusal and by the decision
// transaction alike, so both refuse for the same reasons.
import type { Kysely } from 'kysely';
import type { Database, Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { repRow } from '../reps/reps.repository.js';
import { type Approver, pendingLevel, quoteRow } from './quotes.repository.js';

/**
 * Whether `actor` may sign this level of this quote, and why not. Four-eyes (R13): neither the
 * owner nor whoever submitted it decides any level, whatever the level names (escalation included).
 */
export async function assertApprover(db: Kysely<Database>, actor: Rep, quote: { rep_id: string; submitted_by: string }, approvers: Approver[]) {
  if (actor.id === quote.submitted_by) {
    throw new AppError(ErrorCode.SELF_APPROVAL, 'You submitted this quote; another approver must decide it.', { submittedBy: quote.submitted_by });
  }
  if (actor.id === quote.rep_id) throw new AppError(ErrorCode.SELF_APPROVAL, 'You cannot approve or reject a quote to your own customer.', { submittedBy: quote.submitted_by });
  if (actor.role === 'admin') return;
  if (approvers.some((a) => 'rep' in a && a.rep === actor.id)) return;
  if (actor.role === 'manager' && approvers.some((a) => 'role' in a && a.role === 'manager')) {
    const team = await db
      .selectFrom('reps as r')
      .innerJoin('teams as t', 't.id', 'r.team_id')
      .select('t.manager_id')
      .where('r.id', '=', quote.rep_id)
      .executeTakeFirst();
    if (team?.manager_id === actor.id) return;
  }
  throw new AppError(ErrorCode.NOT_APPROVER, 'This approval is not yours to decide.', { approvers });
}

/**
 * The quote waiting for a decision, its pending level and the approver, once `approverId` is
 * known to be allowed; `lock` takes the quote row for the deciding transaction.
 */
export async function approvalToDecide(db: Kysely<Database>, quoteId: string, approverId: string, opts: { lock: boolean }) {
  const quote = await quoteRow(db, quoteId, opts);
  if (!quote) throw new AppError(ErrorCode.NOT_FOUND, 'No such quote.');
  if (quote.status !== 'pending_approval') {
    throw new AppError(ErrorCode.APPROVAL_DECIDED, `This quote is already ${quote.status.replace('_', ' ')}.`, { status: quote.status });
  }
  const level = await pendingLevel(db, quote.id);
  const approver = await repRow(db, approverId);
  await assertApprover(db, approver, quote, level.approvers);
  return { quote, level, approver };
}
