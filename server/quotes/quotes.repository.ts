// External quotes and their approval levels (R7): routed by the approval rules, signed level by
// level, rejected back to the rep with the reason, escalated when a level waits too long.
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { customerFacts, repFacts } from '../../rules/decide/facts.js';
import { approvalOutcome } from '../../rules/decide/outcomes.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { type QuoteBody, quoteTotal } from '../../schemas/lifecycle.js';
import type { Database, Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Decisions } from '../rules/decisions.js';
import { toOwnershipResult } from '../customers/ownership.repository.js';
import { assertMove, insertStageEvent, lockForOwnerAction, setStage } from '../customers/stages.repository.js';

type Tx = Transaction<Database>;
type Approver = { role: 'manager' | 'admin' } | { rep: string };

export interface PendingLevel {
  quoteId: string;
  level: number;
  /** Epoch ms when the level escalates; null when it no longer will. */
  dueAt: number | null;
}

export interface QuoteResult {
  ownership: OwnershipResult;
  quote: { id: string; status: string; submittedBy: string; required: boolean; levels: { level: number; approvers: Approver[]; status: string; dueAt: string | null }[] };
  /** The level now waiting, for the workflow's escalation timer. */
  pending: PendingLevel | null;
}

const money = (n: number) => Math.round(n * 100) / 100;

async function quoteView(tx: Kysely<Database>, quoteId: string) {
  const quote = await tx.selectFrom('quotes').selectAll().where('id', '=', quoteId).executeTakeFirstOrThrow();
  const levels = await tx.selectFrom('quote_approvals').selectAll().where('quote_id', '=', quoteId).orderBy('level').execute();
  return {
    id: quote.id,
    status: quote.status,
    submittedBy: quote.submitted_by,
    required: levels.length > 0,
    levels: levels.map((l) => ({ level: l.level, approvers: l.approvers, status: l.status, dueAt: l.due_at?.toISOString() ?? null })),
  };
}

export interface SubmitQuoteCommand {
  customerId: string;
  tenureId: string;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  body: QuoteBody;
  now: Date;
}

/** Submits an external quote; the approval rules decide whether and by whom it must be signed. */
export async function submitQuoteInTx(tx: Tx, decisions: Decisions, cmd: SubmitQuoteCommand): Promise<QuoteResult> {
  const again = await tx.selectFrom('quotes').select('id').where('idempotency_key', '=', cmd.idempotencyKey).executeTakeFirst();
  if (again) {
    const customer = await tx.selectFrom('customers').selectAll().where('id', '=', cmd.customerId).executeTakeFirstOrThrow();
    const view = await quoteView(tx, again.id);
    const pending = view.levels.find((l) => l.status === 'pending');
    return {
      ownership: toOwnershipResult(customer),
      quote: view,
      pending: pending ? { quoteId: again.id, level: pending.level, dueAt: pending.dueAt ? Date.parse(pending.dueAt) : null } : null,
    };
  }
  const customer = await lockForOwnerAction(tx, cmd);
  assertMove('quote', customer.stage);
  const open = await tx.selectFrom('quotes').select('id').where('customer_id', '=', customer.id).where('status', '=', 'pending_approval').executeTakeFirst();
  if (open) throw new AppError(ErrorCode.QUOTE_PENDING, 'A quote to this customer is still awaiting approval; wait for it or withdraw it first.', { quoteId: open.id });
  const owner = await tx.selectFrom('reps').selectAll().where('id', '=', cmd.ownerId).executeTakeFirstOrThrow();
  const amount = money(quoteTotal(cmd.body.items));
  const amountUsd = cmd.body.currency === 'USD' ? amount : money(cmd.body.amountUsd!);
  const earlier = await tx.selectFrom('quotes').select('id').where('customer_id', '=', customer.id).executeTakeFirst();
  const facts = {
    quote: { amount, currency: cmd.body.currency, amountUsd, discountPct: cmd.body.discountPct, marginPct: cmd.body.marginPct, itemCount: cmd.body.items.length, isFirstQuote: earlier === undefined },
    customer: customerFacts(customer, cmd.now),
    rep: repFacts(owner, cmd.now),
  };
  const approval = await decisions.decide(tx, 'approval', facts, approvalOutcome);
  const quoteId = uuidv7();
  await tx
    .insertInto('quotes')
    .values({
      id: quoteId,
      customer_id: customer.id,
      tenure_id: cmd.tenureId,
      rep_id: cmd.ownerId,
      submitted_by: cmd.actorId,
      status: approval.outcome.required ? 'pending_approval' : 'approved',
      amount,
      currency: cmd.body.currency,
      amount_usd: amountUsd,
      discount_pct: cmd.body.discountPct,
      margin_pct: cmd.body.marginPct,
      items: JSON.stringify(cmd.body.items),
      note: cmd.body.note ?? null,
      valid_until: cmd.body.validUntil ?? null,
      current_level: approval.outcome.levels[0]?.level ?? null,
      decided_at: approval.outcome.required ? null : cmd.now,
      rule_set_version: approval.ruleSet?.version ?? null,
      idempotency_key: cmd.idempotencyKey,
      created_at: cmd.now,
      updated_at: cmd.now,
    })
    .execute();
  let pending: PendingLevel | null = null;
  for (const [i, l] of approval.outcome.levels.entries()) {
    const dueAt = i === 0 ? new Date(cmd.now.getTime() + l.timeoutMs) : null;
    if (dueAt) pending = { quoteId, level: l.level, dueAt: dueAt.getTime() };
    await tx
      .insertInto('quote_approvals')
      .values({
        id: uuidv7(),
        quote_id: quoteId,
        level: l.level,
        approvers: JSON.stringify(l.approvers),
        timeout_ms: l.timeoutMs,
        reasons: JSON.stringify(l.reasons),
        status: i === 0 ? 'pending' : 'waiting',
        due_at: dueAt,
      })
      .execute();
  }
  await tx
    .insertInto('customer_activities')
    .values({
      id: uuidv7(),
      customer_id: customer.id,
      rep_id: cmd.actorId,
      kind: 'quote',
      note: `${cmd.body.currency} ${amount.toFixed(2)}, discount ${cmd.body.discountPct}%, margin ${cmd.body.marginPct}% — ${approval.outcome.required ? `approval: ${approval.outcome.levels.map((l) => `level ${l.level}`).join(', ')}` : 'no approval needed'}${cmd.body.note ? `. ${cmd.body.note}` : ''}`,
      occurred_at: cmd.now,
      tenure_id: cmd.tenureId,
      idempotency_key: `${cmd.idempotencyKey}/activity`,
      created_at: cmd.now,
    })
    .execute();
  await decisions.record(tx, approval, { customerId: customer.id, repId: owner.id, trigger: 'quote', at: cmd.now });
  await insertStageEvent(tx, { customer, to: 'quote', repId: owner.id, actorId: cmd.actorId, idempotencyKey: `${cmd.idempotencyKey}/quote`, details: { quoteId, amountUsd }, at: cmd.now });
  let ownership: OwnershipResult;
  if (approval.outcome.required) {
    ownership = await setStage(tx, decisions, customer, owner, 'quote', cmd.now, 'stage_change');
  } else {
    // No approval needed: the quote goes out and the customer moves on to samples.
    await insertStageEvent(tx, { customer: { ...customer, stage: 'quote' }, to: 'sample', repId: owner.id, actorId: cmd.actorId, idempotencyKey: `${cmd.idempotencyKey}/sample`, details: { quoteId }, at: cmd.now });
    ownership = await setStage(tx, decisions, customer, owner, 'sample', cmd.now, 'stage_change');
  }
  return { ownership, quote: await quoteView(tx, quoteId), pending };
}

/**
 * Whether `actor` may sign this level of this quote, and why not. Four-eyes (R13): neither the
 * owner nor whoever submitted it decides any level, whatever the level names (escalation included).
 * The API's early refusal and the workflow's decision transaction both ask here.
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

export interface DecideCommand {
  quoteId: string;
  approverId: string;
  approve: boolean;
  comment?: string | undefined;
  now: Date;
}

export interface DecideResult {
  ownership: OwnershipResult | null;
  quote: QuoteResult['quote'];
  pending: PendingLevel | null;
  decided: 'approved' | 'rejected' | 'level_approved';
}

/** Signs or rejects the current level; the last approval sends the customer on to samples. */
export async function decideApprovalInTx(tx: Tx, decisions: Decisions, cmd: DecideCommand): Promise<DecideResult> {
  const quote = await tx.selectFrom('quotes').selectAll().where('id', '=', cmd.quoteId).forUpdate().executeTakeFirst();
  if (!quote) throw new AppError(ErrorCode.NOT_FOUND, 'No such quote.');
  if (quote.status !== 'pending_approval') {
    throw new AppError(ErrorCode.APPROVAL_DECIDED, `This quote is already ${quote.status.replace('_', ' ')}.`, { status: quote.status });
  }
  const level = await tx.selectFrom('quote_approvals').selectAll().where('quote_id', '=', quote.id).where('status', '=', 'pending').executeTakeFirstOrThrow();
  const approver = await tx.selectFrom('reps').selectAll().where('id', '=', cmd.approverId).executeTakeFirstOrThrow();
  await assertApprover(tx, approver, quote, level.approvers);
  await tx
    .updateTable('quote_approvals')
    .set({ status: cmd.approve ? 'approved' : 'rejected', decided_by: approver.id, decided_at: cmd.now, comment: cmd.comment ?? null, due_at: null })
    .where('id', '=', level.id)
    .execute();
  const customer = await tx.selectFrom('customers').selectAll().where('id', '=', quote.customer_id).forUpdate().executeTakeFirstOrThrow();
  const log = (kind: string, note: string) =>
    tx
      .insertInto('customer_activities')
      .values({ id: uuidv7(), customer_id: customer.id, rep_id: approver.id, kind, note, occurred_at: cmd.now, tenure_id: quote.tenure_id, idempotency_key: `${quote.id}/${level.level}/${kind}`, created_at: cmd.now })
      .execute();

  if (!cmd.approve) {
    await tx.updateTable('quotes').set({ status: 'rejected', rejection_reason: cmd.comment ?? null, decided_at: cmd.now, current_level: null, updated_at: cmd.now }).where('id', '=', quote.id).execute();
    await tx.updateTable('quote_approvals').set({ status: 'skipped' }).where('quote_id', '=', quote.id).where('status', '=', 'waiting').execute();
    await log('quote_rejected', `Level ${level.level} rejected by ${approver.name}: ${cmd.comment ?? ''}`);
    return { ownership: null, quote: await quoteView(tx, quote.id), pending: null, decided: 'rejected' };
  }
  const next = await tx
    .selectFrom('quote_approvals')
    .selectAll()
    .where('quote_id', '=', quote.id)
    .where('status', '=', 'waiting')
    .orderBy('level')
    .executeTakeFirst();
  if (next) {
    const dueAt = new Date(cmd.now.getTime() + next.timeout_ms);
    await tx.updateTable('quote_approvals').set({ status: 'pending', due_at: dueAt }).where('id', '=', next.id).execute();
    await tx.updateTable('quotes').set({ current_level: next.level, updated_at: cmd.now }).where('id', '=', quote.id).execute();
    await log('quote_level_approved', `Level ${level.level} approved by ${approver.name}${cmd.comment ? `: ${cmd.comment}` : ''}`);
    return { ownership: null, quote: await quoteView(tx, quote.id), pending: { quoteId: quote.id, level: next.level, dueAt: dueAt.getTime() }, decided: 'level_approved' };
  }
  await tx.updateTable('quotes').set({ status: 'approved', decided_at: cmd.now, current_level: null, updated_at: cmd.now }).where('id', '=', quote.id).execute();
  await log('quote_approved', `Approved by ${approver.name}${cmd.comment ? `: ${cmd.comment}` : ''}`);
  let ownership: OwnershipResult | null = null;
  // The approved quote moves the customer to samples — if the tenure that quoted still holds it.
  if (customer.status === 'owned' && customer.tenure_id === quote.tenure_id && customer.stage === 'quote') {
    const owner = await tx.selectFrom('reps').selectAll().where('id', '=', customer.owner_id!).executeTakeFirstOrThrow();
    await insertStageEvent(tx, { customer, to: 'sample', repId: owner.id, actorId: approver.id, idempotencyKey: `${quote.id}/sample`, details: { quoteId: quote.id }, at: cmd.now });
    ownership = await setStage(tx, decisions, customer, owner, 'sample', cmd.now, 'stage_change');
  }
  return { ownership, quote: await quoteView(tx, quote.id), pending: null, decided: 'approved' };
}

/** A level waited past its timeout: admins may now decide it too. Returns false if it was decided meanwhile. */
export async function escalateApprovalInTx(tx: Tx, cmd: { quoteId: string; level: number; now: Date }): Promise<boolean> {
  const level = await tx
    .selectFrom('quote_approvals')
    .selectAll()
    .where('quote_id', '=', cmd.quoteId)
    .where('level', '=', cmd.level)
    .forUpdate()
    .executeTakeFirst();
  if (!level || level.status !== 'pending' || level.escalated) return false;
  const approvers = level.approvers.some((a) => 'role' in a && a.role === 'admin') ? level.approvers : [...level.approvers, { role: 'admin' as const }];
  await tx.updateTable('quote_approvals').set({ escalated: true, approvers: JSON.stringify(approvers), due_at: null }).where('id', '=', level.id).execute();
  const quote = await tx.selectFrom('quotes').select(['customer_id', 'tenure_id', 'rep_id']).where('id', '=', cmd.quoteId).executeTakeFirstOrThrow();
  await tx
    .insertInto('customer_activities')
    .values({ id: uuidv7(), customer_id: quote.customer_id, rep_id: quote.rep_id, kind: 'quote_escalated', note: `Level ${cmd.level} undecided after its timeout; escalated to admins.`, occurred_at: cmd.now, tenure_id: quote.tenure_id, idempotency_key: `${cmd.quoteId}/${cmd.level}/escalated`, created_at: cmd.now })
    .execute();
  return true;
}

