// The batch path of an import (grading and assignment decided in process for a whole batch) gives
// the same outcome as the single-row path of POST /customers (decideGrade, pickAssignee) on a
// mixed set: grades A to E, reps of different seniority, caps that fill, a rep on leave, an
// inactive rep, a new hire preferred, round robin and least loaded. And the seam where near-duplicate
// flagging (similar company names) fills the report rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../server/ids.js';
import { defaultRuleSets } from '../rules/defaults/index.js';
import type { Customer } from '../server/db/database.js';
import { pickAssignee } from '../server/decisions/assignment.js';
import { decideGrade } from '../server/decisions/grading.js';
import { batchDecider } from '../server/imports/batch-decisions.js';
import { nameKeyColumns } from '../server/customers/near-duplicates.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
  await h.publishRuleSet(defaultRuleSets.assignment as never);
  await h.publishRuleSet(defaultRuleSets.grading as never);
  await h.db.updateTable('reps').set({ active: false }).where('role', '!=', 'admin').execute();
  await h.createRep({ id: 'senior1', hiredAt: '2019-01-01', privateCap: 3 });
  await h.createRep({ id: 'senior2', hiredAt: '2018-06-01', privateCap: 2 });
  await h.createRep({ id: 'junior', hiredAt: '2024-05-01', privateCap: 4 });
  await h.createRep({ id: 'newhire', hiredAt: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), privateCap: 2 });
  await h.createRep({ id: 'leaving', hiredAt: '2020-01-01', privateCap: 9 });
  await h.db.updateTable('reps').set({ active: false }).where('id', '=', 'leaving').execute();
  await h.createRep({ id: 'away', hiredAt: '2017-01-01', privateCap: 9 });
  await h.db.insertInto('rep_leave').values({ id: newId(), rep_id: 'away', starts_on: '2000-01-01', ends_on: '2100-01-01', reason: null }).execute();
}, 120_000);
afterAll(() => h?.close());

const GRADES = ['A', 'B', null, 'A', 'C', 'E', null, 'A', 'D', 'B', 'A', null, 'A', 'C', 'B', 'A'] as const;

function customer(i: number, now: Date): Customer {
  return {
    id: newId(), company_name: `Equivalence ${i}`, contact_name: null, email: null, phone: null, website: null, country: i % 3 === 0 ? 'DE' : 'CN', region: null,
    source: i % 2 ? 'canton_fair' : null, product_line: null, language: null, pool_id: 'default', status: 'pool', stage: null, owner_id: null, grade: GRADES[i % GRADES.length]!,
    key_customer: false, deadline: null, deadline_kind: null, tenure_id: null, claimed_at: null, last_follow_up_at: null, version: 1, follow_ups: 0, reclaims: 0,
    expected_close_days: null, no_demand: false, rep_grade: GRADES[i % GRADES.length]!, previous_owner_id: null, merged_into_id: null, won_at: null, stage_at: null,
    deadline_trigger: null, deadline_from: null, deadline_actor_role: null, created_by: 'admin', created_at: now, updated_at: now,
    ...nameKeyColumns(`Equivalence ${i}`),
  };
}

describe('batch grading and assignment', () => {
  it('agree with the single-row path customer by customer, caps filling as rows are assigned', async () => {
    const now = new Date();
    const customers = Array.from({ length: 24 }, (_, i) => customer(i, now));

    // The batch path: nothing written, loads counted in memory.
    await h.db.deleteFrom('assignment_cursors').execute();
    const batch = await batchDecider(h.db, h.decisions, now, { assign: true });
    const batchOut = customers.map((c) => {
      const graded = { ...c, grade: batch.grade(c, { repId: 'admin' }).grade };
      const { pick } = batch.assign(graded);
      return { grade: graded.grade, pick: pick.kind === 'rep' ? pick.repId : 'pool', reason: pick.reason };
    });

    // The single-row path: each customer inserted, graded and picked; a pick is applied as a tenure would (owned).
    await h.db.deleteFrom('assignment_cursors').execute();
    const singleOut = [];
    for (const c of customers) {
      await h.db.insertInto('customers').values({ ...c, key_customer: false }).execute();
      const grading = await decideGrade(h.decisions, h.db, c, now, { customerId: c.id, repId: 'admin', trigger: 'import', at: now });
      const graded = { ...c, grade: grading.outcome?.grade ?? c.grade };
      await h.db.updateTable('customers').set({ grade: graded.grade }).where('id', '=', c.id).execute();
      const pick = await pickAssignee(h.db, h.decisions, graded, { type: 'import', previousOwnerId: null }, now);
      if (pick.kind === 'rep') await h.db.updateTable('customers').set({ status: 'owned', owner_id: pick.repId }).where('id', '=', c.id).execute();
      singleOut.push({ grade: graded.grade, pick: pick.kind === 'rep' ? pick.repId : 'pool', reason: pick.reason });
    }

    expect(batchOut).toEqual(singleOut);
    // The set is mixed: several reps, caps reached (the pool with its reason), several grades.
    const picks = new Set(batchOut.map((o) => o.pick));
    expect(picks).toEqual(new Set(['senior1', 'senior2', 'junior', 'newhire', 'pool']));
    expect(batchOut.filter((o) => o.pick === 'pool').every((o) => /at their cap/.test(o.reason))).toBe(true);
    expect(new Set(batchOut.map((o) => o.grade)).size).toBeGreaterThan(2);
  });
});
