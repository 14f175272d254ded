// Assignment (R6): the assignment rules name a target (rep, team, pool, or everyone) and a
// strategy; this picks the rep. Reps inactive, at a cap or in cooldown for the customer are
// skipped; with nobody eligible the customer stays in the pool and the reason says why.
import type { Kysely } from 'kysely';
import { customerFacts, repFacts } from './facts.js';
import { type Assignment, assignmentOutcome } from '../../rules/decide/outcomes.js';
import type { Customer, Database, Rep } from '../db/database.js';
import { type PickReason, pickReasonText } from '../../schemas/pick-reason.js';
import { ownedCount } from '../customers/customer-rows.repository.js';
import { repNames } from '../customers/rep-names.repository.js';
import { decideCaps } from './caps.js';
import { repsOnLeave } from '../calendars/leave.repository.js';
import { type Decided, type Decisions, record } from './decider.js';
import { type Contribution, contributionFacts, rankByFollowUps, rankContributions } from './contribution-ranking.js';

/** `reason` is `why` in English (as recorded); `why` tells it in any language (schemas/pick-reason). */
export type AssignmentPick =
  | { kind: 'rep'; repId: string; reason: string; why: PickReason; decision: Decided<Assignment | null> }
  | { kind: 'pool'; poolId: string | null; reason: string; why: PickReason; decision: Decided<Assignment | null> };

/** The pick to a rep, or to the pool, with its reason. */
export const toRep = (repId: string, why: PickReason, decision: Decided<Assignment | null>): AssignmentPick => ({ kind: 'rep', repId, reason: pickReasonText(why, 'en'), why, decision });
export const toPool = (poolId: string | null, why: PickReason, decision: Decided<Assignment | null>): AssignmentPick => ({ kind: 'pool', poolId, reason: pickReasonText(why, 'en'), why, decision });
/** Why the picked rep did not get the customer after all (the assignment refused: a cap filled meanwhile, they left …), naming them. */
export async function repRefused(db: Kysely<Database>, repId: string, refusal: { code: string; message: string }): Promise<PickReason> {
  const repName = (await repNames(db, [repId])).get(repId);
  return { code: 'rep_refused', repId, ...(repName === undefined ? {} : { repName }), refusal: refusal.code, message: refusal.message };
}
/** A rule keeping the customer in a pool: its own reason, else that it does. */
export const keptReason = (a: Assignment & { pool: string }): PickReason => (a.reason ? { code: 'rule', text: a.reason } : { code: 'kept_in_pool', pool: a.pool });
/** A picked rep's reason: the rule's own, else its strategy. */
export const ruleReason = (a: Assignment): PickReason => (a.reason ? { code: 'rule', text: a.reason } : { code: 'strategy', strategy: a.strategy });

export interface Candidate {
  rep: Rep;
  owned: number;
  privateMax: number;
  newHire: boolean;
}

export const cursorKey = (a: Assignment) =>
  ['rr', a.team ?? '*', [...(a.repTags ?? [])].sort().join('+'), a.minSeniorityMonths ?? 0, a.preferNewHires ? 'new' : ''].join(':');

async function candidates(db: Kysely<Database>, decisions: Decisions, a: Assignment, customer: Customer, now: Date, only?: readonly string[]) {
  let q = db.selectFrom('reps').selectAll().where('role', 'in', ['rep', 'manager']).orderBy('id');
  if (a.rep) q = q.where('id', '=', a.rep);
  if (only) q = q.where('id', 'in', only.length > 0 ? [...only] : ['']);
  if (a.team) q = q.where('team_id', '=', a.team);
  const reps = await q.execute();
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const cooling = new Set(
    (
      await db
        .selectFrom('cooldowns')
        .select('rep_id')
        .where('customer_id', '=', customer.id)
        .where('until', '>', now)
        .execute()
    ).map((r) => r.rep_id),
  );
  const onLeave = await repsOnLeave(db, reps.map((r) => r.id), now);
  const eligible: Candidate[] = [];
  for (const rep of reps) {
    const facts = repFacts(rep, now);
    if (!rep.active) skip('inactive');
    else if (onLeave.has(rep.id)) skip('on leave');
    else if (a.repTags && !a.repTags.every((t) => rep.tags.includes(t))) skip('without the tags');
    else if (a.minSeniorityMonths !== undefined && facts.seniorityMonths < a.minSeniorityMonths) skip('not senior enough');
    else if (cooling.has(rep.id)) skip('in cooldown for this customer');
    else {
      const caps = await decideCaps(decisions, db, rep, now);
      const owned = await ownedCount(db, rep.id);
      if (owned >= caps.outcome.privateMax) skip('at their cap');
      else eligible.push({ rep, owned, privateMax: caps.outcome.privateMax, newHire: facts.newHire });
    }
  }
  return { eligible, skipped, considered: reps.length };
}

export function explainNobody(a: Assignment, considered: number, skipped: Record<string, number>): PickReason {
  const target = a.rep ? { kind: 'rep' as const, id: a.rep } : a.team ? { kind: 'team' as const, id: a.team } : { kind: a.strategy === 'contributor' ? ('contributors' as const) : ('any' as const) };
  return { code: 'nobody', target, considered, skipped };
}

/** Round robin: the next eligible rep after the last one this cursor picked (ids in order). */
async function roundRobin(db: Kysely<Database>, key: string, pool: Candidate[], now: Date): Promise<Candidate> {
  return db.transaction().execute(async (tx) => {
    await tx.insertInto('assignment_cursors').values({ key, last_rep_id: null, updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const cursor = await tx.selectFrom('assignment_cursors').select('last_rep_id').where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
    const sorted = [...pool].sort((x, y) => x.rep.id.localeCompare(y.rep.id));
    const next = sorted.find((c) => cursor.last_rep_id === null || c.rep.id > cursor.last_rep_id) ?? sorted[0]!;
    await tx.updateTable('assignment_cursors').set({ last_rep_id: next.rep.id, updated_at: now }).where('key', '=', key).execute();
    return next;
  });
}

/** Least loaded: the lowest share of the cap in use, then the fewest customers, then the id. */
export const leastLoaded = (pool: Candidate[]) =>
  [...pool].sort((x, y) => x.owned / Math.max(1, x.privateMax) - y.owned / Math.max(1, y.privateMax) || x.owned - y.owned || x.rep.id.localeCompare(y.rep.id))[0]!;

/**
 * The assignment rules pick a rep (or keep the customer in the pool) and the pick is recorded with
 * the decision: who was picked, or why nobody was.
 */
export async function pickAssignee(...args: Parameters<typeof choose>): Promise<AssignmentPick> {
  const [db, , customer, trigger, now] = args;
  const pick = await choose(...args);
  await record(db, pickRecord(pick), { customerId: customer.id, repId: pick.kind === 'rep' ? pick.repId : null, trigger: trigger.type, at: now });
  return pick;
}

async function choose(
  db: Kysely<Database>,
  decisions: Decisions,
  customer: Customer,
  trigger: { type: 'create' | 'import' | 'reclaim' | 'collaboration_end'; previousOwnerId: string | null },
  now: Date,
  /** At collaboration_end: each participant's contribution, best first. */
  contributions: readonly Contribution[] = [],
): Promise<AssignmentPick> {
  const facts = { customer: customerFacts(customer, now), trigger, contribution: contributionFacts(contributions) };
  const decision = await decisions.decide(db, 'assignment', facts, assignmentOutcome);
  const a = decision.outcome;
  if (!a) return toPool(null, { code: 'no_rule' }, decision);
  if (a.pool) return toPool(a.pool, keptReason({ ...a, pool: a.pool }), decision);
  // A won customer's split goes only to one who won it: a rule other than `contributor` leaves it with
  // its owner (handovers of won customers, trigger reclaim, use any strategy).
  if (customer.status === 'won' && trigger.type === 'collaboration_end' && a.strategy !== 'contributor') return toPool(null, { code: 'won_stays', strategy: a.strategy }, decision);
  // contributor: the contributors only, best first; the first eligible one gets it. One who did
  // nothing that counts (a share of 0: joined and left, or never worked it) contributed nothing.
  const ranking =
    a.strategy === 'contributor'
      ? (a.by === 'followUps' ? rankByFollowUps(contributions) : rankContributions(contributions)).filter((c) => (a.by === 'followUps' ? c.followUps : c.score) > 0).map((c) => c.repId)
      : undefined;
  const { eligible, skipped, considered } = await candidates(db, decisions, a, customer, now, ranking);
  let pool = eligible;
  if (a.preferNewHires && pool.some((c) => c.newHire)) pool = pool.filter((c) => c.newHire);
  if (pool.length === 0) return toPool(null, explainNobody(a, considered, skipped), decision);
  const picked = ranking
    ? [...pool].sort((x, y) => ranking.indexOf(x.rep.id) - ranking.indexOf(y.rep.id))[0]!
    : a.strategy === 'least_loaded'
      ? leastLoaded(pool)
      : a.strategy === 'direct'
        ? pool[0]!
        : await roundRobin(db, cursorKey(a), pool, now);
  return toRep(picked.rep.id, ruleReason(a), decision);
}

export function pickRecord(pick: AssignmentPick): Decided<unknown> {
  return {
    ...pick.decision,
    outcome: { ...(pick.decision.outcome ?? {}), picked: pick.kind === 'rep' ? pick.repId : null, poolId: pick.kind === 'pool' ? pick.poolId : null, reason: pick.reason },
  };
}

