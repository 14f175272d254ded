// The forecast of a reclaim, assignment or caps draft (schemas/forecasts.ts): every open tenure's
// next deadline under the published reclaim rules and, for a reclaim draft, under the draft,
// computed as the lifecycle computes it (the deadline clock's start, working days over the owner's
// holidays, make-up days and leave); then who gets the reclaimed customers (assignment) or where
// each rep stands against the private cap today and at the horizon's end, after the reclaims (caps).
// Reads only; assumes nobody does anything more.
import type { Kysely } from 'kysely';
import { capsOutcome, reclaimOutcome } from '../../rules/decide/outcomes.js';
import type { WorkingCalendar } from '../../rules/decide/working-days.js';
import { type CompiledRuleSet, compileRuleSet } from '../../rules/engine/index.js';
import { capStanding } from '../../rules/forecast/caps.js';
import { createReclaimTally, deadlineMove, horizonEnd, type Reclaim } from '../../rules/forecast/tally.js';
import { outcomeOf } from '../../rules/simulate/outcome.js';
import type { ForecastView } from '../../schemas/forecasts.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import { loadWorkingCalendar } from '../calendars/calendar-context.js';
import type { Database, Rep } from '../db/database.js';
import { customerFacts, repFacts } from '../decisions/facts.js';
import { deadlineSetBy } from '../decisions/reclaim.js';

const PAGE = 5000;

export interface ForecastInput {
  decision: Extract<DecisionName, 'reclaim' | 'assignment' | 'caps'>;
  candidate: RuleSetDocument;
  /** The published version of each decision the forecast needs (null: none published). */
  published: { reclaim: RuleSetDocument | null; assignment: RuleSetDocument | null; caps: RuleSetDocument | null };
  days: number;
  now: Date;
  /** Where the listed days start: today in this zone (the reader's). */
  timeZone: string;
  /** Only the tenures owned by this team's reps, and only its reps against the caps (a manager's forecast); null: every team. */
  teamId: string | null;
}

const countBy = (labels: string[]) =>
  [...labels.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>())]
    .map(([target, count]) => ({ target, count }))
    .sort((a, b) => b.count - a.count || a.target.localeCompare(b.target));

export async function runForecast(db: Kysely<Database>, input: ForecastInput): Promise<ForecastView> {
  const started = performance.now();
  const { decision, now } = input;
  const until = horizonEnd(now, input.days, input.timeZone);
  const compile = (d: RuleSetDocument | null) => (d ? compileRuleSet(d) : null);
  const reclaimBaseline = compile(input.published.reclaim);
  const reclaimCandidate = decision === 'reclaim' ? compileRuleSet(input.candidate) : reclaimBaseline;
  const assignment = decision === 'assignment' ? { baseline: compile(input.published.assignment), candidate: compileRuleSet(input.candidate) } : null;

  const { teamId } = input;
  const repsQuery = db.selectFrom('reps').selectAll();
  const reps = new Map((await (teamId === null ? repsQuery : repsQuery.where('team_id', '=', teamId)).execute()).map((r) => [r.id, r]));
  // The owned customers in scope: every one, or those of the team's reps.
  const ownedCustomers = () => {
    const q = db.selectFrom('customers').where('status', '=', 'owned');
    return teamId === null ? q : q.where('owner_id', 'in', db.selectFrom('reps').select('id').where('team_id', '=', teamId));
  };
  // Per owner, once: the working calendar and the rep fact (both the same for all their customers).
  const owners = new Map<string, { calendar: WorkingCalendar; facts: ReturnType<typeof repFacts> }>();
  const ownerOf = async (rep: Rep) => {
    let o = owners.get(rep.id);
    if (!o) owners.set(rep.id, (o = { calendar: await loadWorkingCalendar(db, rep), facts: repFacts(rep, now) }));
    return o;
  };

  const tally = { baseline: createReclaimTally(now, until, input.timeZone), candidate: createReclaimTally(now, until, input.timeZone) };
  const moves = { earlier: 0, later: 0, same: 0, added: 0, removed: 0 };
  const targets = { baseline: [] as string[], candidate: [] as string[] };
  const reclaimedPerRep = new Map<string, number>();
  let evaluated = 0;

  const nextReclaim = (rules: CompiledRuleSet | null, facts: Record<string, unknown>, ctx: Parameters<typeof reclaimOutcome>[1]): Reclaim | null => {
    if (!rules) return null;
    const r = reclaimOutcome(rules.evaluate(facts).fired, ctx);
    return r.kind === 'deadline' ? { at: r.deadline, reason: r.reason } : null;
  };

  for (let after = ''; ; ) {
    const page = await ownedCustomers().selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    for (const c of page) {
      const owner = c.owner_id ? reps.get(c.owner_id) : undefined;
      if (!owner) continue;
      evaluated++;
      const customer = customerFacts(c, now);
      const o = owners.get(owner.id) ?? (await ownerOf(owner));
      // The deadline in force, as the trigger and at the moment that set it.
      const { trigger, from, actorRole } = deadlineSetBy(c, now);
      const facts = { customer, rep: o.facts, trigger: { type: trigger, previousOwnerId: c.previous_owner_id }, actor: { role: actorRole } };
      const ctx = { now: from, claimedAt: c.claimed_at, stageAt: c.stage_at, timeZone: owner.time_zone, calendar: o.calendar };
      const tenure = { id: c.id, name: c.company_name, ownerId: owner.id, ownerName: owner.name, timeZone: owner.time_zone };
      const before = nextReclaim(reclaimBaseline, facts, ctx);
      const after_ = reclaimCandidate === reclaimBaseline ? before : nextReclaim(reclaimCandidate, facts, ctx);
      const reclaimedBefore = tally.baseline.add(tenure, before);
      tally.candidate.add(tenure, after_);
      if (decision === 'reclaim') {
        const move = deadlineMove(before, after_);
        if (move) moves[move]++;
      }
      if (reclaimedBefore) reclaimedPerRep.set(owner.id, (reclaimedPerRep.get(owner.id) ?? 0) + 1);
      if (assignment && reclaimedBefore) {
        // Back in the pool (no longer anyone's key customer), the assignment rules decide again (trigger "reclaim").
        const pooled = { customer: { ...customer, status: 'pool', stage: null, keyCustomer: false }, trigger: { type: 'reclaim', previousOwnerId: owner.id } };
        const outcome = (rules: CompiledRuleSet | null) => outcomeOf('assignment', rules ? rules.evaluate(pooled).fired : [], { grade: c.grade, deadlineFrom: now, claimedAt: null, timeZone: owner.time_zone }).label;
        targets.baseline.push(outcome(assignment.baseline));
        targets.candidate.push(outcome(assignment.candidate));
      }
    }
  }

  let caps: ForecastView['caps'] = null;
  if (decision === 'caps') {
    const owned = new Map(
      (await ownedCustomers().select((eb) => ['owner_id', eb.fn.countAll<string>().as('n')]).groupBy('owner_id').execute()).map((r) => [r.owner_id, Number(r.n)]),
    );
    const baseline = compile(input.published.caps);
    const candidate = compileRuleSet(input.candidate);
    // The cap the rules give a rep at a moment (their facts then: seniority, new hire …).
    const privateMax = (rules: CompiledRuleSet | null, rep: Rep, at: Date) => capsOutcome(rules ? rules.evaluate({ rep: repFacts(rep, at) }).fired : []).privateMax;
    const standing = (rules: CompiledRuleSet | null, rep: Rep, owned: number, ownedAfter: number) => ({
      ...capStanding(owned, privateMax(rules, rep, now)),
      end: capStanding(ownedAfter, privateMax(rules, rep, until)),
    });
    caps = [...reps.values()]
      .filter((r) => r.role !== 'admin' && r.active !== false)
      .map((r) => {
        const today = owned.get(r.id) ?? 0;
        const reclaimed = reclaimedPerRep.get(r.id) ?? 0;
        const ownedAfter = today - reclaimed;
        return { repId: r.id, name: r.name, owned: today, reclaimed, ownedAfter, baseline: standing(baseline, r, today, ownedAfter), candidate: standing(candidate, r, today, ownedAfter) };
      })
      // The draft's reps over their cap first, then those at it, today, then at the end.
      .sort((a, b) => b.candidate.over - a.candidate.over || Number(b.candidate.atCap) - Number(a.candidate.atCap) || Number(b.candidate.end.atCap) - Number(a.candidate.end.atCap) || b.owned - a.owned || a.repId.localeCompare(b.repId));
  }

  return {
    decision,
    days: input.days,
    teamId,
    from: now.toISOString(),
    until: until.toISOString(),
    evaluated,
    reclaims: { baseline: tally.baseline.result(), candidate: tally.candidate.result() },
    deadlines: decision === 'reclaim' ? moves : null,
    assignments: assignment ? { baseline: countBy(targets.baseline), candidate: countBy(targets.candidate) } : null,
    caps,
    durationMs: Math.round(performance.now() - started),
  };
}
