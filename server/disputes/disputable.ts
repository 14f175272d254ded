// Which recorded decisions (R12) a rep may dispute about a customer (issue 15 §2), and why not:
// - an assignment by the rules to another rep, when the rule's target included the rep (named
//   them, their team or everyone, with the tags it asked for) or took the customer from them;
// - a claim of theirs refused by a cap, the daily limit or a cooldown;
// - a reclaim of their customer to the pool (the reclaim decision that set the missed deadline).
// Each within the dispute window counted from the decision.
import type { Kysely, Selectable } from 'kysely';
import type { DisputableDecision, DisputeKind } from '../../schemas/disputes.js';
import type { Database, Rep } from '../db/database.js';
import type { DecisionRecordsTable } from '../db/tables/rules.js';
import { AppError, ErrorCode } from '../errors.js';
import { CLAIM_REFUSED } from '../decisions/claim-refusal-sentence.js';
import { repNames } from '../customers/rep-names.repository.js';
import { repLabel } from '../../schemas/rep-label.js';
import type { Language } from '../../schemas/language.js';
import { disputedDecisionText } from '../../schemas/disputed-words.js';

type DecisionRow = Selectable<DecisionRecordsTable>;

/** A decision as a dispute references it. */
export interface DisputeTarget {
  kind: DisputeKind;
  record: DecisionRow;
  ownershipEventId: string | null;
  otherRepId: string | null;
  otherRepName: string | null;
  /** The decision as the dispute and the report name it ('cooldown' for a refusal by a cooldown). */
  decision: string;
  ruleName: string | null;
  at: Date;
  /** The refusal's code (claim refusal) or the reclaim's reason. */
  code: string | null;
}

interface RuleRef {
  index: number;
  name: string | null;
}
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const ruleLabel = (r: unknown): string | null => {
  const rule = obj(r) as Partial<RuleRef>;
  if (typeof rule.index !== 'number') return null;
  return rule.name ?? `#${rule.index + 1}`;
};

/** Whether the assignment the rules chose could have gone to this rep, or took the customer from them. */
function assignmentInvolves(record: DecisionRow, rep: Rep): boolean {
  const outcome = obj(record.outcome);
  const picked = str(outcome.picked);
  if (!picked || picked === rep.id) return false;
  if (str(obj(obj(record.facts).trigger).previousOwnerId) === rep.id) return true;
  if (rep.role !== 'rep' && rep.role !== 'manager') return false;
  const tags = Array.isArray(outcome.repTags) ? (outcome.repTags as unknown[]) : [];
  if (!tags.every((t) => typeof t === 'string' && rep.tags.includes(t))) return false;
  if (str(outcome.rep)) return outcome.rep === rep.id;
  if (str(outcome.team)) return outcome.team === rep.team_id;
  return true;
}

async function assignments(db: Kysely<Database>, customerId: string, rep: Rep) {
  const rows = await db.selectFrom('decision_records').selectAll().where('customer_id', '=', customerId).where('decision', '=', 'assignment').orderBy('at', 'desc').orderBy('id', 'desc').limit(50).execute();
  const mine: DisputeTarget[] = [];
  let others = 0;
  for (const r of rows) {
    const picked = str(obj(r.outcome).picked);
    if (!picked) continue;
    if (!assignmentInvolves(r, rep)) {
      others++;
      continue;
    }
    const event = await db
      .selectFrom('ownership_events')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('kind', '=', 'assigned')
      .where('to_rep_id', '=', picked)
      .where('at', '>=', r.at)
      .orderBy('at')
      .executeTakeFirst();
    mine.push({ kind: 'assignment', record: r, ownershipEventId: event?.id ?? null, otherRepId: picked, otherRepName: null, decision: 'assignment', ruleName: ruleLabel(obj(r.outcome).rule), at: r.at, code: null });
  }
  // The rep each went to, named as people read reps (schemas/rep-label).
  const names = await repNames(db, mine.map((t) => t.otherRepId!));
  for (const t of mine) {
    t.otherRepName = names.get(t.otherRepId!) ?? null;
  }
  return { mine, others };
}

async function claimRefusals(db: Kysely<Database>, customerId: string, rep: Rep) {
  const rows = await db
    .selectFrom('decision_records')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('trigger', '=', CLAIM_REFUSED)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const mine = rows
    .filter((r) => r.rep_id === rep.id)
    .map((r): DisputeTarget => {
      const refused = str(obj(r.outcome).refused) ?? 'refused';
      const cooldown = refused === ErrorCode.COOLDOWN;
      return { kind: 'claim_refusal', record: r, ownershipEventId: null, otherRepId: null, otherRepName: null, decision: cooldown ? 'cooldown' : r.decision, ruleName: cooldown ? null : ruleLabel(obj(r.outcome).rule), at: r.at, code: refused };
    });
  return { mine, others: rows.length - mine.length };
}

async function reclaims(db: Kysely<Database>, customerId: string, rep: Rep) {
  const events = await db.selectFrom('ownership_events').selectAll().where('customer_id', '=', customerId).where('kind', '=', 'reclaimed').orderBy('at', 'desc').limit(50).execute();
  const mine: DisputeTarget[] = [];
  for (const e of events.filter((x) => x.from_rep_id === rep.id)) {
    // The reclaim decision that set the deadline the rep missed: the latest about them before it.
    const record = await db
      .selectFrom('decision_records')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('decision', '=', 'reclaim')
      .where('rep_id', '=', rep.id)
      .where('at', '<=', e.at)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!record) continue;
    mine.push({ kind: 'reclaim', record, ownershipEventId: e.id, otherRepId: null, otherRepName: null, decision: 'reclaim', ruleName: ruleLabel(obj(record.outcome).rule), at: e.at, code: e.reason });
  }
  return { mine, others: events.length - mine.length };
}

const finders = { assignment: assignments, claim_refusal: claimRefusals, reclaim: reclaims };

/** Every decision about this customer that involves the rep (newest first), and how many involve others. */
export async function decisionsInvolving(db: Kysely<Database>, rep: Rep, customerId: string, kinds: readonly DisputeKind[]) {
  const found = await Promise.all(kinds.map((k) => finders[k](db, customerId, rep)));
  return {
    mine: found.flatMap((f) => f.mine).sort((a, b) => b.at.getTime() - a.at.getTime()),
    others: found.reduce((n, f) => n + f.others, 0),
  };
}

const DAY_MS = 86_400_000;
/** "7 days", "12 hours", "90 seconds": the window as a person reads it. */
export function windowText(ms: number): string {
  if (ms >= DAY_MS && ms % DAY_MS === 0) return `${ms / DAY_MS} day${ms === DAY_MS ? '' : 's'}`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} hours`;
  return `${Math.round(ms / 1000)} seconds`;
}

/**
 * The decisions about this customer a dispute has overturned (decided "reassign"), each with the rep
 * it went to: a decision is overturned once, so nobody else's dispute of it can take the customer again.
 */
export async function overturnedDecisions(db: Kysely<Database>, customerId: string): Promise<Map<string, { disputeId: string; repId: string }>> {
  const rows = await db.selectFrom('disputes').select(['id', 'decision_record_id', 'rep_id']).where('customer_id', '=', customerId).where('status', '=', 'reassigned').execute();
  return new Map(rows.map((r) => [r.decision_record_id, { disputeId: r.id, repId: r.rep_id }]));
}

/** The refusal of a dispute (filed or decided) of a decision another dispute overturned. */
export async function overturnedRefusal(db: Kysely<Database>, by: { disputeId: string; repId: string }, pointer?: string): Promise<AppError> {
  const label = repLabel({ id: by.repId, name: (await repNames(db, [by.repId])).get(by.repId) ?? null }, 'en');
  return new AppError(
    ErrorCode.DECISION_OVERTURNED,
    `Another dispute already overturned this decision and the customer went to ${label}; a decision is overturned once.`,
    { ...(pointer !== undefined ? { pointer } : {}), overturnedBy: by.disputeId, repId: by.repId },
  );
}

/** The decisions about this customer the rep has disputed already (each is disputed once). */
export async function disputedByRep(db: Kysely<Database>, repId: string, customerId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('disputes').select(['decision_record_id', 'status']).where('rep_id', '=', repId).where('customer_id', '=', customerId).execute();
  return new Map(rows.map((r) => [r.decision_record_id, r.status]));
}

export const disputeUntil = (t: Pick<DisputeTarget, 'at'>, windowMs: number) => new Date(t.at.getTime() + windowMs);

/** What was decided, in a few words, as the activity log says it (disputed-words.ts); the code itself is in `code`. */
function summaryText(t: DisputeTarget, language: Language): string {
  return disputedDecisionText(t, (repId) => repLabel({ id: repId, name: t.otherRepName }, language), language);
}

export function disputableView(t: DisputeTarget, windowMs: number, language: Language): DisputableDecision {
  return {
    kind: t.kind,
    decisionId: t.record.id,
    at: t.at.toISOString(),
    until: disputeUntil(t, windowMs).toISOString(),
    decision: t.decision,
    ruleSetVersion: t.record.rule_set_version,
    ruleName: t.ruleName,
    summary: summaryText(t, language),
    otherRepId: t.otherRepId,
    otherRepName: t.otherRepName,
    code: t.code,
  };
}

/**
 * The decision a rep's dispute refers to: the one named, else the latest of the kind (or any kind)
 * still open to dispute. Refuses with the reason: none, not theirs, out of time.
 */
export async function disputeTarget(
  db: Kysely<Database>,
  rep: Rep,
  customerId: string,
  ask: { kind?: DisputeKind | undefined; decisionId?: string | undefined },
  now: Date,
  windowMs: number,
): Promise<DisputeTarget> {
  const kinds = ask.kind ? [ask.kind] : (['assignment', 'claim_refusal', 'reclaim'] as const);
  const { mine, others } = await decisionsInvolving(db, rep, customerId, kinds);
  const pointer = ask.decisionId ? '/decisionId' : '/kind';
  const candidates = ask.decisionId ? mine.filter((t) => t.record.id === ask.decisionId) : mine;
  if (candidates.length === 0) {
    if (ask.decisionId) {
      const named = await db.selectFrom('decision_records').select(['id', 'customer_id']).where('id', '=', ask.decisionId).executeTakeFirst();
      if (named && named.customer_id === customerId) {
        throw new AppError(ErrorCode.NOT_INVOLVED, 'This decision did not concern you: only a rep it assigned away from, refused or reclaimed from may dispute it.', { pointer, decisionId: ask.decisionId });
      }
      throw new AppError(ErrorCode.NOTHING_TO_DISPUTE, 'There is no such decision about this customer.', { pointer, decisionId: ask.decisionId });
    }
    if (others > 0) {
      throw new AppError(ErrorCode.NOT_INVOLVED, "The decisions about this customer concern other reps, not you; only the rep a decision concerns may dispute it.", { pointer, customerId });
    }
    throw new AppError(ErrorCode.NOTHING_TO_DISPUTE, `No ${ask.kind ? ask.kind.replace('_', ' ') : 'assignment, claim refusal or reclaim'} about you and this customer was recorded; there is nothing to dispute.`, { pointer, customerId });
  }
  const disputed = await disputedByRep(db, rep.id, customerId);
  const fresh = candidates.filter((t) => !disputed.has(t.record.id));
  if (fresh.length === 0) {
    const status = disputed.get(candidates[0]!.record.id);
    throw new AppError(ErrorCode.DISPUTE_DECIDED, `You disputed this decision already, and the dispute was decided (${status}); a decision is disputed once.`, { pointer, status });
  }
  const overturned = await overturnedDecisions(db, customerId);
  const standing = fresh.filter((t) => !overturned.has(t.record.id));
  if (standing.length === 0) throw await overturnedRefusal(db, overturned.get(fresh[0]!.record.id)!, pointer);
  const open = standing.find((t) => disputeUntil(t, windowMs) >= now);
  if (!open) {
    const latest = standing[0]!;
    throw new AppError(
      ErrorCode.DISPUTE_WINDOW_CLOSED,
      `Too late: a decision may be disputed within ${windowText(windowMs)}, and this one was taken ${latest.at.toISOString()} (until ${disputeUntil(latest, windowMs).toISOString()}).`,
      { pointer, decidedAt: latest.at.toISOString(), until: disputeUntil(latest, windowMs).toISOString() },
    );
  }
  return open;
}
