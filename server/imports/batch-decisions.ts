// Grading and assignment for a whole batch of new customers in process: the published rule sets
// read once, the compiled engine per row, and the candidate reps with their caps and loads read
// once per batch and updated as rows are given out. The same rules, skips and strategies as the
// single-row path (decisions/assignment.ts), which test/import-batch-decisions.test.ts compares.
// New customers have no cooldowns, so none are read; customers given to a rep by an import whose
// tenure is still starting count against the rep's cap.
import { type Kysely, sql } from 'kysely';
import { type Assignment, assignmentOutcome, capsOutcome, gradingOutcome } from '../../rules/decide/outcomes.js';
import type { Customer, Database, Rep } from '../db/database.js';
import { type AssignmentPick, type Candidate, cursorKey, explainNobody, leastLoaded, keptReason, pickRecord, ruleReason, toPool, toRep } from '../decisions/assignment.js';
import { type Decided, type Decisions, decisionRecordRow } from '../decisions/decider.js';
import { type CustomerFacts, customerFacts, repFacts } from '../decisions/facts.js';
import { repsOnLeave } from '../calendars/leave.repository.js';

type Published = Awaited<ReturnType<Decisions['published']>>;

function decided<T>(entry: Published, decision: 'grading' | 'assignment', facts: Record<string, unknown>, interpret: (f: Decided<unknown>['fired']) => T): Decided<T> {
  const fired = entry ? entry.compiled.evaluate(facts).fired : [];
  return { decision, ruleSet: entry?.ref ?? null, fired, outcome: interpret(fired), facts };
}

export interface BatchDecider {
  /** The grade the grading rules give the customer, and its audit row. */
  grade(customer: Customer, record: { repId: string | null }): { grade: Customer['grade']; row: ReturnType<typeof decisionRecordRow> };
  /** The rep the assignment rules give the customer (or why it stays in the pool), counted against the rep's cap at once. */
  assign(customer: Customer): { pick: AssignmentPick; row: ReturnType<typeof decisionRecordRow> };
  /** Round-robin cursors moved by this batch: key → last rep. */
  cursors(): Map<string, string>;
}

/** Reads what a batch's decisions need: the published grading, assignment and caps rules, the reps, their leave, loads and cursors. */
export async function batchDecider(db: Kysely<Database>, decisions: Decisions, now: Date, options: { assign: boolean }): Promise<BatchDecider> {
  const [grading, assignment] = await Promise.all([decisions.published(db, 'grading'), options.assign ? decisions.published(db, 'assignment') : null]);
  let reps: Rep[] = [];
  const onLeave = new Set<string>();
  const owned = new Map<string, number>();
  const privateMax = new Map<string, number>();
  const factsOf = new Map<string, ReturnType<typeof repFacts>>();
  const cursors = new Map<string, string | null>();
  const moved = new Map<string, string>();
  if (options.assign) {
    reps = await db.selectFrom('reps').selectAll().where('role', 'in', ['rep', 'manager']).orderBy('id').execute();
    const ids = reps.map((r) => r.id);
    for (const id of await repsOnLeave(db, ids, now)) onLeave.add(id);
    if (ids.length > 0) {
      const counts = await db
        .selectFrom('customers')
        .select(['owner_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('owner_id', 'in', ids)
        .where('status', '=', 'owned')
        .groupBy('owner_id')
        .execute();
      for (const c of counts) owned.set(c.owner_id!, Number(c.n));
      // Customers an import gave to a rep whose tenure is still starting count against the cap too.
      const starting = await sql<{ rep_id: string; n: number }>`
        select r.assignment->>'repId' as rep_id, count(*)::int as n from import_job_rows r join customers c on c.id = r.customer_id
        where r.tenure = 'pending' and c.owner_id is null group by 1`.execute(db);
      for (const c of starting.rows) owned.set(c.rep_id, (owned.get(c.rep_id) ?? 0) + c.n);
    }
    const caps = await decisions.published(db, 'caps');
    for (const rep of reps) {
      factsOf.set(rep.id, repFacts(rep, now));
      const fired = caps ? caps.compiled.evaluate({ rep: factsOf.get(rep.id)! }).fired : [];
      privateMax.set(rep.id, capsOutcome(fired).privateMax);
    }
    for (const c of await db.selectFrom('assignment_cursors').select(['key', 'last_rep_id']).execute()) cursors.set(c.key, c.last_rep_id);
  }

  function candidates(a: Assignment) {
    const skipped: Record<string, number> = {};
    const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
    const considered = reps.filter((r) => (!a.rep || r.id === a.rep) && (!a.team || r.team_id === a.team));
    const eligible: Candidate[] = [];
    for (const rep of considered) {
      const facts = factsOf.get(rep.id)!;
      const load = owned.get(rep.id) ?? 0;
      const max = privateMax.get(rep.id) ?? 0;
      if (!rep.active) skip('inactive');
      else if (onLeave.has(rep.id)) skip('on leave');
      else if (a.repTags && !a.repTags.every((t) => rep.tags.includes(t))) skip('without the tags');
      else if (a.minSeniorityMonths !== undefined && facts.seniorityMonths < a.minSeniorityMonths) skip('not senior enough');
      else if (load >= max) skip('at their cap');
      else eligible.push({ rep, owned: load, privateMax: max, newHire: facts.newHire });
    }
    return { eligible, skipped, considered: considered.length };
  }

  function roundRobin(key: string, pool: Candidate[]): Candidate {
    const last = moved.get(key) ?? cursors.get(key) ?? null;
    const sorted = [...pool].sort((x, y) => x.rep.id.localeCompare(y.rep.id));
    const next = sorted.find((c) => last === null || c.rep.id > last) ?? sorted[0]!;
    moved.set(key, next.rep.id);
    return next;
  }

  // The customer fact graded, kept for its assignment (which sees the grade given): its grading's
  // record holds the facts as text already, so the object is updated in place (a copy of an
  // object this size by spread takes V8's slow path).
  const graded = new WeakMap<Customer, CustomerFacts>();
  const factsFor = (customer: Customer): CustomerFacts => {
    const facts = graded.get(customer);
    if (!facts) return customerFacts(customer, now);
    facts.grade = customer.grade;
    return facts;
  };

  function choose(customer: Customer): AssignmentPick {
    const d = decided(assignment, 'assignment', { customer: factsFor(customer), trigger: { type: 'import', previousOwnerId: null } }, assignmentOutcome);
    const a = d.outcome;
    if (!a) return toPool(null, { code: 'no_rule' }, d);
    if (a.pool) return toPool(a.pool, keptReason({ ...a, pool: a.pool }), d);
    const { eligible, skipped, considered } = candidates(a);
    let pool = eligible;
    if (a.preferNewHires && pool.some((c) => c.newHire)) pool = pool.filter((c) => c.newHire);
    if (pool.length === 0) return toPool(null, explainNobody(a, considered, skipped), d);
    const picked = a.strategy === 'least_loaded' ? leastLoaded(pool) : a.strategy === 'direct' ? pool[0]! : roundRobin(cursorKey(a), pool);
    return toRep(picked.rep.id, ruleReason(a), d);
  }

  return {
    grade(customer, record) {
      const facts = customerFacts(customer, now);
      graded.set(customer, facts);
      const d = decided(grading, 'grading', { customer: facts }, gradingOutcome);
      return { grade: d.outcome?.grade ?? customer.grade, row: decisionRecordRow(d, { customerId: customer.id, repId: record.repId, trigger: 'import', at: now }) };
    },
    assign(customer) {
      const pick = choose(customer);
      if (pick.kind === 'rep') owned.set(pick.repId, (owned.get(pick.repId) ?? 0) + 1);
      return { pick, row: decisionRecordRow(pickRecord(pick), { customerId: customer.id, repId: pick.kind === 'rep' ? pick.repId : null, trigger: 'import', at: now }) };
    },
    cursors: () => moved,
  };
}
