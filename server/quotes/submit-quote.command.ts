// Submits an external quote (R7): the approval rules decide whether and by whom it must be signed;
// with no approval needed it goes out and the customer moves on to samples.
import type { Transaction } from 'kysely';
import { newId } from '../ids.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { type QuoteBody, quoteAmount } from '../../schemas/lifecycle.js';
import { insertActivity } from '../customers/activities.repository.js';
import { lockForOwnerAction } from '../customers/owner-action.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';
import type { Database } from '../db/database.js';
import { approvalFacts, decideApprovalLevels } from '../decisions/approval.js';
import type { Decisions } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';
import { repRow } from '../reps/reps.repository.js';
import { insertStageEvent } from '../stages/stage-events.repository.js';
import { assertMove, setStage } from '../stages/stage-moves.js';
import type { PendingApproval, QuoteSubmission } from '../../schemas/quotes.js';
import { openQuoteOf, quoteByKey, quoteView } from './quotes.repository.js';

export interface SubmitQuoteCommand {
  customerId: string;
  tenureId: string;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  body: QuoteBody;
  now: Date;
}

const money = (n: number) => Math.round(n * 100) / 100;

export async function submitQuote(tx: Transaction<Database>, decisions: Decisions, cmd: SubmitQuoteCommand): Promise<QuoteSubmission> {
  const again = await quoteByKey(tx, cmd.idempotencyKey);
  if (again) {
    const view = await quoteView(tx, again.id);
    const pending = view.levels.find((l) => l.status === 'pending');
    return {
      ownership: await replayedOwnership(tx, cmd.customerId),
      quote: view,
      pending: pending ? { quoteId: again.id, level: pending.level, dueAt: pending.dueAt ? Date.parse(pending.dueAt) : null } : null,
    };
  }
  const customer = await lockForOwnerAction(tx, cmd);
  assertMove('quote', customer.stage);
  const open = await openQuoteOf(tx, customer.id);
  if (open) throw new AppError(ErrorCode.QUOTE_PENDING, 'A quote to this customer is still awaiting approval; wait for it or withdraw it first.', { quoteId: open.id });
  const owner = await repRow(tx, cmd.ownerId);
  // The sum of the lines as each is printed (to the cent), so a document's lines add up to its total.
  const amount = quoteAmount(cmd.body.items);
  const { currency, discountPct, marginPct } = cmd.body;
  const facts = await approvalFacts(tx, { customer, owner, quote: { amount, currency, amountUsd: cmd.body.amountUsd === undefined ? undefined : money(cmd.body.amountUsd), discountPct, marginPct, itemCount: cmd.body.items.length } }, cmd.now);
  const amountUsd = facts.quote.amountUsd;
  const approval = await decideApprovalLevels(decisions, tx, facts, { customerId: customer.id, repId: owner.id, trigger: 'quote', at: cmd.now });
  const quoteId = newId();
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
      currency,
      amount_usd: amountUsd,
      discount_pct: discountPct,
      margin_pct: marginPct,
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
  let pending: PendingApproval | null = null;
  for (const [i, l] of approval.outcome.levels.entries()) {
    const dueAt = i === 0 ? new Date(cmd.now.getTime() + l.timeoutMs) : null;
    if (dueAt) pending = { quoteId, level: l.level, dueAt: dueAt.getTime() };
    await tx
      .insertInto('quote_approvals')
      .values({
        id: newId(),
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
  await insertActivity(tx, {
    customerId: customer.id,
    repId: cmd.actorId,
    kind: 'quote',
    note: null,
    text: {
      key: 'quote_submitted',
      currency,
      amount: amount.toFixed(2),
      discountPct,
      marginPct,
      levels: approval.outcome.required ? approval.outcome.levels.map((l) => l.level) : [],
      note: cmd.body.note ?? null,
    },
    occurredAt: cmd.now,
    tenureId: cmd.tenureId,
    idempotencyKey: `${cmd.idempotencyKey}/activity`,
    at: cmd.now,
  });
  const event = { customerId: customer.id, tenureId: customer.tenure_id, repId: owner.id, actorId: cmd.actorId, at: cmd.now };
  await insertStageEvent(tx, { ...event, from: customer.stage, to: 'quote', idempotencyKey: `${cmd.idempotencyKey}/quote`, details: { quoteId, amountUsd } });
  let ownership: OwnershipResult;
  if (approval.outcome.required) {
    ownership = await setStage(tx, decisions, customer, owner, 'quote', cmd.now, 'stage_change');
  } else {
    // No approval needed: the quote goes out and the customer moves on to samples.
    await insertStageEvent(tx, { ...event, from: 'quote', to: 'sample', idempotencyKey: `${cmd.idempotencyKey}/sample`, details: { quoteId } });
    ownership = await setStage(tx, decisions, customer, owner, 'sample', cmd.now, 'stage_change');
  }
  return { ownership, quote: await quoteView(tx, quoteId), pending };
}
