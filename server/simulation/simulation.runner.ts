// Simulation (dry run on live data): evaluates a candidate rule set and a baseline over customers
// (or reps, for caps) read in keyset pages, and counts what would change. Reads only.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type CustomerField, columnsFor, customerFacts, customerFields, repFacts } from '../decisions/facts.js';
import type { FiredRule } from '../../rules/engine/index.js';
import { type OutcomeContext, outcomeOf } from '../../rules/simulate/outcome.js';
import { createSummary } from '../../rules/simulate/summary.js';
import type { DecisionName } from '../../schemas/rule-set.js';
import type { WorkingCalendar } from '../../rules/decide/working-days.js';
import { loadWorkingCalendar } from '../calendars/calendar-context.js';
import type { Customer, Database, Rep } from '../db/database.js';
import { deadlineSetBy } from '../decisions/reclaim.js';

type Scope =
  | { kind: 'all' }
  | { kind: 'sample'; size: number }
  | { kind: 'filter'; status?: 'pool' | 'owned' | 'won' | undefined; poolId?: string | undefined; country?: string | undefined; region?: string | undefined; grade?: string | undefined; ownerId?: string | undefined; source?: string | undefined };

export type Evaluate = (facts: Record<string, unknown>) => readonly FiredRule[] | Promise<readonly FiredRule[]>;

export interface Evaluators {
  candidate: Evaluate;
  /** Null when the decision has no published version: nothing fires. */
  baseline: Evaluate | null;
  explainCandidate?: (facts: Record<string, unknown>) => unknown;
  explainBaseline?: (facts: Record<string, unknown>) => unknown;
  /** The customer fields the rule sets read; only their columns are selected. Default: all. */
  customerFields?: readonly CustomerField[];
}

/** Columns the runner itself needs besides the facts (trigger, tenure, owner), per decision. */
const RUNNER_COLUMNS: Record<DecisionName, readonly (keyof Customer)[]> = {
  grading: ['id', 'grade'],
  assignment: ['id', 'reclaims', 'previous_owner_id'],
  reclaim: ['id', 'owner_id', 'claimed_at', 'stage_at', 'last_follow_up_at', 'follow_ups', 'previous_owner_id', 'deadline_trigger', 'deadline_from', 'deadline_actor_role'],
  approval: ['id', 'owner_id'],
  caps: ['id'],
};

export interface RunOptions {
  decision: DecisionName;
  scope: Scope;
  /** Quote facts for approval simulations (applied to every customer). */
  quote?: Record<string, unknown> | undefined;
  now: Date;
  pageSize?: number;
  onProgress?: (processed: number, total: number) => Promise<void> | void;
  shouldCancel?: () => Promise<boolean> | boolean;
  maxExamples?: number;
}

const DEFAULT_QUOTE = { amount: 10_000, currency: 'USD', amountUsd: 10_000, discountPct: 5, marginPct: 20, itemCount: 3, isFirstQuote: false };

const NOTHING_FIRED: readonly FiredRule[] = [];
const evaluate = (ev: Evaluate | null, facts: Record<string, unknown>) => (ev ? ev(facts) : NOTHING_FIRED);

function customerQuery(db: Kysely<Database>, decision: DecisionName, scope: Scope, fields: readonly CustomerField[]): SelectQueryBuilder<Database, 'customers', Customer> {
  const columns = [...new Set([...RUNNER_COLUMNS[decision], ...columnsFor(fields)])];
  // Partial rows: only customerFacts(…, fields) and the runner read them.
  let q = db.selectFrom('customers').select(columns) as unknown as SelectQueryBuilder<Database, 'customers', Customer>;
  // Deadlines only exist for owned customers.
  if (decision === 'reclaim') q = q.where('status', '=', 'owned');
  if (scope.kind === 'filter') {
    if (scope.status) q = q.where('status', '=', scope.status);
    if (scope.poolId) q = q.where('pool_id', '=', scope.poolId);
    if (scope.country) q = q.where('country', '=', scope.country);
    if (scope.region) q = q.where('region', '=', scope.region);
    if (scope.grade) q = q.where('grade', '=', scope.grade as Customer['grade'] & string);
    if (scope.ownerId) q = q.where('owner_id', '=', scope.ownerId);
    if (scope.source) q = q.where('source', '=', scope.source);
  }
  return q;
}

export async function runSimulation(db: Kysely<Database>, evaluators: Evaluators, o: RunOptions) {
  const started = performance.now();
  const pageSize = o.pageSize ?? 5000;
  const summary = createSummary(o.decision, o.maxExamples ?? 10);
  const exampleFacts: Record<string, unknown>[] = [];
  const reps = new Map((await db.selectFrom('reps').selectAll().execute()).map((r) => [r.id, r]));
  let processed = 0;
  let cancelled = false;
  // Deadlines count working days as the lifecycle does: the owner's holidays, make-up days and
  // leave, loaded whole (a few dozen rows a rep) once per owner.
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const calendarOf = (rep: Rep): Promise<WorkingCalendar> => {
    let calendar = calendars.get(rep.id);
    if (calendar === undefined) calendars.set(rep.id, (calendar = loadWorkingCalendar(db, rep)));
    return calendar;
  };

  /** The candidate's rules that fired for some subject (the editor warns about the others). */
  const firedRules = new Set<number>();
  const record = (subjectId: string, subject: string, facts: Record<string, unknown>, ctx: OutcomeContext, before: readonly FiredRule[], after: readonly FiredRule[]) => {
    for (const f of after) firedRules.add(f.index);
    if (summary.add(subjectId, subject, outcomeOf(o.decision, before, ctx), outcomeOf(o.decision, after, ctx))) exampleFacts.push(facts);
  };
  /**
   * Baseline, then candidate, for one subject. Synchronous evaluators (the compiled engine) get no
   * promise per subject; a promise is returned only when an evaluator is asynchronous.
   */
  const compare = (subjectId: string, subject: string, facts: Record<string, unknown>, ctx: OutcomeContext): Promise<void> | undefined => {
    const before = evaluate(evaluators.baseline, facts);
    if (before instanceof Promise) return before.then(async (b) => record(subjectId, subject, facts, ctx, b, await evaluate(evaluators.candidate, facts)));
    const after = evaluate(evaluators.candidate, facts);
    if (after instanceof Promise) return after.then((a) => record(subjectId, subject, facts, ctx, before, a));
    record(subjectId, subject, facts, ctx, before, after);
    return undefined;
  };

  if (o.decision === 'caps') {
    const list: Rep[] = [...reps.values()].filter((r) => r.role !== 'admin' && (o.scope.kind !== 'filter' || !o.scope.ownerId || r.id === o.scope.ownerId));
    const subjects = o.scope.kind === 'sample' ? list.sort(() => Math.random() - 0.5).slice(0, o.scope.size) : list;
    for (const r of subjects) {
      await compare(r.id, r.name, { rep: repFacts(r, o.now) }, { grade: null, deadlineFrom: o.now, claimedAt: null, timeZone: r.time_zone });
    }
    processed = subjects.length;
    await o.onProgress?.(processed, subjects.length);
  } else {
    const fields = evaluators.customerFields ?? (Object.keys(customerFields) as CustomerField[]);
    let base = customerQuery(db, o.decision, o.scope, fields);
    let total: number;
    if (o.scope.kind === 'sample') {
      const ids = (await base.clearSelect().select('id').orderBy(sql`random()`).limit(o.scope.size).execute()).map((r) => r.id);
      total = ids.length;
      base = ids.length > 0 ? base.where('id', 'in', ids) : base.where(sql<boolean>`false`);
    } else {
      total = Number((await base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    }
    await o.onProgress?.(0, total);
    const fetchPage = (after: string) => base.where('id', '>', after).orderBy('id').limit(pageSize).execute();
    // The next page is read while this one is evaluated.
    let next = fetchPage('');
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = fetchPage(page[page.length - 1]!.id);
      for (const c of page) {
        const owner = c.owner_id ? reps.get(c.owner_id) : undefined;
        const customer = customerFacts(c, o.now, fields);
        const facts: Record<string, unknown> =
          o.decision === 'grading'
            ? { customer }
            : o.decision === 'assignment'
              ? { customer, trigger: { type: c.reclaims > 0 ? 'reclaim' : 'create', previousOwnerId: c.previous_owner_id } }
              : o.decision === 'reclaim'
                ? { customer, rep: owner ? repFacts(owner, o.now) : {}, trigger: { type: deadlineSetBy(c, o.now).trigger, previousOwnerId: c.previous_owner_id }, actor: { role: deadlineSetBy(c, o.now).actorRole } }
                : { quote: { ...DEFAULT_QUOTE, ...o.quote }, customer, rep: owner ? repFacts(owner, o.now) : {} };
        const pending = compare(c.id, '', facts, {
          grade: c.grade,
          // The deadline in force as what set it, as the forecast takes it.
          deadlineFrom: deadlineSetBy(c, o.now).from,
          claimedAt: c.claimed_at,
          stageAt: c.stage_at,
          timeZone: owner?.time_zone ?? 'UTC',
          calendar: o.decision === 'reclaim' && owner ? await calendarOf(owner) : undefined,
        });
        if (pending) await pending;
      }
      processed += page.length;
      await o.onProgress?.(processed, total);
      if (await o.shouldCancel?.()) {
        cancelled = true;
        await next.catch(() => {});
        break;
      }
    }
  }

  const result = summary.result();
  // Names for the examples only, rather than a text column in every row read.
  const named = result.examples.filter((e) => e.subject === '').map((e) => e.subjectId);
  if (named.length > 0) {
    const names = new Map((await db.selectFrom('customers').select(['id', 'company_name']).where('id', 'in', named).execute()).map((r) => [r.id, r.company_name]));
    for (const e of result.examples) if (e.subject === '') e.subject = names.get(e.subjectId) ?? e.subjectId;
  }
  // Explanations only for the examples: both versions, every condition with the values it saw.
  result.examples.forEach((e, i) => {
    const facts = exampleFacts[i]!;
    e.explanation = { baseline: evaluators.explainBaseline?.(facts) ?? null, candidate: evaluators.explainCandidate?.(facts) ?? null };
    e.facts = facts;
  });
  return { ...result, firedRules: [...firedRules].sort((a, b) => a - b), processed, cancelled, durationMs: Math.round(performance.now() - started) };
}
