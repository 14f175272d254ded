// Who may decide a quote's level (R7, R13), asked by the API's early refusal and by the decision
// transaction alike, so both refuse for the same reasons.
import type { Kysely } from 'kysely';
import type { Database, Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { repRow } from '../reps/reps.repository.js';
import { type Approver, pendingLevel, quoteRow } from './quotes.repository.js';
import { invalidRequest } from '../request-issues.js';

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

type LevelRow = { level: number; approvers: unknown; decided_by: string | null };

/**
 * Whether the rep has a part in this quote, and so may learn where it stands: an admin, its owner
 * or submitter, an approver named on or deciding any of its levels, or a manager of the owner's team.
 */
async function hasPartIn(db: Kysely<Database>, actor: Rep, quote: { rep_id: string; submitted_by: string }, levels: LevelRow[]): Promise<boolean> {
  if (actor.role === 'admin' || actor.id === quote.rep_id || actor.id === quote.submitted_by) return true;
  if (levels.some((l) => l.decided_by === actor.id || (l.approvers as Approver[]).some((a) => 'rep' in a && a.rep === actor.id))) return true;
  if (actor.role !== 'manager') return false;
  const owner = await db.selectFrom('reps as r').leftJoin('teams as t', 't.id', 'r.team_id').select(['r.team_id', 't.manager_id']).where('r.id', '=', quote.rep_id).executeTakeFirst();
  return Boolean(owner && (owner.manager_id === actor.id || (actor.team_id !== null && owner.team_id === actor.team_id)));
}

/**
 * The quote waiting for a decision, its pending level and the approver, once `approverId` is
 * known to be allowed; `lock` takes the quote row for the deciding transaction. Access comes
 * before state: a rep with no part in the quote gets the same refusal whatever it is (pending,
 * decided or withdrawn). `level`, the level the approver was shown, must be one the quote has.
 */
export async function approvalToDecide(db: Kysely<Database>, quoteId: string, approverId: string, opts: { lock: boolean; level?: number | undefined }) {
  const quote = await quoteRow(db, quoteId, opts);
  if (!quote) throw new AppError(ErrorCode.NOT_FOUND, 'No such quote.');
  const approver = await repRow(db, approverId);
  const levels = await db.selectFrom('quote_approvals').select(['level', 'approvers', 'decided_by']).where('quote_id', '=', quote.id).orderBy('level').execute();
  if (!(await hasPartIn(db, approver, quote, levels))) throw new AppError(ErrorCode.NOT_APPROVER, 'This approval is not yours to decide.');
  if (opts.level !== undefined && !levels.some((l) => l.level === opts.level)) {
    throw invalidRequest('body', [{ pointer: '/level', code: 'no_such_level', params: { level: opts.level, count: levels.length, levels: levels.map((l) => l.level).join(', ') } }]);
  }
  if (quote.status !== 'pending_approval') {
    throw new AppError(ErrorCode.APPROVAL_DECIDED, `This quote is already ${quote.status.replace('_', ' ')}.`, { status: quote.status });
  }
  const level = await pendingLevel(db, quote.id);
  await assertApprover(db, approver, quote, level.approvers);
  return { quote, level, approver };
}

/**
 * The customer of a quote still waiting whose `level` this approver decided already: their
 * decision sent again (a retried request) or changed, which the deciding step answers as made or
 * refuses, rather than the level waiting now being asked of them.
 */
export async function decidedByThem(db: Kysely<Database>, quoteId: string, approverId: string, level: number): Promise<{ customerId: string } | null> {
  const row = await db
    .selectFrom('quote_approvals as a')
    .innerJoin('quotes as q', 'q.id', 'a.quote_id')
    .select('q.customer_id')
    .where('a.quote_id', '=', quoteId)
    .where('a.level', '=', level)
    .where('a.decided_by', '=', approverId)
    .where('q.status', '=', 'pending_approval')
    .executeTakeFirst();
  return row ? { customerId: row.customer_id } : null;
}
