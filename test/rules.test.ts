// Rule sets as admins use them: versions, validation, publish/rollback, diff, explanations; and the
// product taking its caps, grades and deadlines from the published rules, each decision recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '3s', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
});
afterAll(() => h?.close());

const gradingDoc = (grade: string, name = 'everyone') => ({
  decision: 'grading',
  hitPolicy: 'first',
  rules: [{ name, conditions: { all: [] }, event: { type: 'grade', params: { grade } } }],
});

const count = async (table: 'rule_sets' | 'decision_records') =>
  Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('rule-set versions', () => {
  it('installs the shipped rule sets as published version 1 on first start', async () => {
    const res = await h.call(h.adminToken, 'GET', '/decisions');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((d: { name: string }) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(['approval', 'assignment', 'caps', 'grading', 'reclaim']);
    expect(byName.grading.published.version).toBe(1);
    expect(byName.approval.published.version).toBe(1);
    const v1 = await h.call(h.adminToken, 'GET', `/rule-sets/${byName.grading.published.id}`);
    expect(v1.body).toMatchObject({ version: 1, comment: 'shipped default', status: 'published' });
    expect(v1.body.document).toEqual(defaultRuleSets.grading);
  });

  it('refuses an invalid document with every problem at its JSON pointer, and stores nothing', async () => {
    const before = await count('rule_sets');
    const res = await h.call(h.adminToken, 'POST', '/rule-sets', {
      document: {
        decision: 'grading',
        hitPolicy: 'first',
        rules: [
          { conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'greaterThan', value: 'A' }] }, event: { type: 'grade', params: { grade: 'A' } } },
          { conditions: { any: [{ fact: 'rep', path: '$.id', operator: 'equal', value: 'x' }] }, event: { type: 'grade', params: { grade: 'Q' } } },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.location).toBe('document');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual([
      '/rules/0/conditions/all/0/operator',
      '/rules/1/conditions/any/0/fact',
      '/rules/1/event/params/grade',
    ]);
    expect(await count('rule_sets')).toBe(before);
    const check = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { document: { decision: 'grading' } });
    expect(check.status).toBe(200);
    expect(check.body.valid).toBe(false);
    expect(check.body.issues.map((i: { pointer: string }) => i.pointer)).toEqual(['/hitPolicy', '/rules']);
  });

  it('publishes a draft atomically, archives the previous version, and rolls back as a new version', async () => {
    const current = (await h.call(h.adminToken, 'GET', '/decisions')).body.items.find((d: { name: string }) => d.name === 'grading').published;
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: gradingDoc('B'), comment: 'everyone is B' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: current.version + 1, authorId: 'admin', comment: 'everyone is B' });
    expect(draft.body.hash).toMatch(/^[0-9a-f]{64}$/);

    const edited = await h.call(h.adminToken, 'PUT', `/rule-sets/${draft.body.id}`, { document: gradingDoc('D', 'all D') });
    expect(edited.status).toBe(200);
    expect(edited.body.document.rules[0].name).toBe('all D');
    expect(edited.body.hash).not.toBe(draft.body.hash);

    const published = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, { comment: 'go' });
    expect(published.status).toBe(200);
    expect(published.body.previous).toEqual({ id: current.id, version: current.version });
    expect((await h.call(h.adminToken, 'GET', `/rule-sets/${current.id}`)).body.status).toBe('archived');
    const again = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`);
    expect(again.status).toBe(409);
    const noEdit = await h.call(h.adminToken, 'PUT', `/rule-sets/${draft.body.id}`, { document: gradingDoc('A') });
    expect(noEdit.status).toBe(409);

    const rolled = await h.call(h.adminToken, 'POST', '/decisions/grading/rollback', { version: current.version });
    expect(rolled.status).toBe(200);
    expect(rolled.body.published).toMatchObject({ version: draft.body.version + 1, status: 'published', rolledBackFrom: current.id, hash: current.hash });
    const list = await h.call(h.adminToken, 'GET', '/rule-sets?decision=grading');
    expect(list.body.items.filter((r: { status: string }) => r.status === 'published')).toHaveLength(1);

    // Its rules are in force now: the same rollback again, or four at once, or one to the copy
    // itself publishes no copy after copy.
    const versionsBefore = (await h.db.selectFrom('rule_sets').select('id').where('decision', '=', 'grading').execute()).length;
    const repeated = await Promise.all(Array.from({ length: 4 }, () => h.call(h.adminToken, 'POST', '/decisions/grading/rollback', { version: current.version })));
    expect(repeated.map((r) => [r.status, r.body.error?.code])).toEqual(Array.from({ length: 4 }, () => [409, 'CONFLICT']));
    expect(repeated[0]!.body.error.details).toMatchObject({ publishedVersion: rolled.body.published.version });
    const toItself = await h.call(h.adminToken, 'POST', '/decisions/grading/rollback', { version: rolled.body.published.version });
    expect([toItself.status, toItself.body.error.message]).toEqual([409, `Version ${rolled.body.published.version} is already published.`]);
    expect(await h.db.selectFrom('rule_sets').select('id').where('decision', '=', 'grading').execute()).toHaveLength(versionsBefore);
  });

  it('keeps exactly one published version when eight drafts are published at once', async () => {
    const drafts = await Promise.all(['A', 'B', 'C', 'D', 'E', 'A', 'B', 'C'].map((g, i) => h.call(h.adminToken, 'POST', '/rule-sets', { document: gradingDoc(g, `race ${i}`) })));
    expect(drafts.every((d) => d.status === 201)).toBe(true);
    const versions = drafts.map((d) => d.body.version);
    expect(new Set(versions).size).toBe(8);
    const results = await Promise.all(drafts.map((d) => h.call(h.adminToken, 'POST', `/rule-sets/${d.body.id}/publish`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await h.db.selectFrom('rule_sets').select(['id', 'status']).where('decision', '=', 'grading').where('status', '=', 'published').execute();
    expect(rows).toHaveLength(1);
    // The one left published is the last publish to commit; each publish archived exactly its predecessor.
    const previous = results.map((r) => r.body.previous?.id);
    expect(new Set(previous).size).toBe(8);
    expect(drafts.map((d) => d.body.id)).toContain(rows[0]!.id);
  });

  it('diffs a draft against the published version rule by rule', async () => {
    const base = structuredClone(defaultRuleSets.caps) as { rules: { name: string; event: { params: Record<string, number> } }[] };
    await h.publishRuleSet(base as never);
    const changed = structuredClone(base);
    changed.rules[0]!.event.params.privateMax = 40;
    changed.rules.splice(1, 1);
    changed.rules.push({
      name: 'Managers',
      conditions: { all: [{ fact: 'rep', path: '$.role', operator: 'equal', value: 'manager' }] },
      event: { type: 'cap', params: { privateMax: 60, keyMax: 10, dailyClaimMax: 10 } },
    } as never);
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: changed });
    expect(draft.status).toBe(201);
    const diff = await h.call(h.adminToken, 'GET', `/rule-sets/${draft.body.id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    const first = diff.body.rules.find((r: { key: string }) => r.key === 'New hires (under 3 months)');
    expect(first.changes).toEqual([{ field: 'event.params', before: { privateMax: 30, keyMax: 5, dailyClaimMax: 10, collaborationMax: 5 }, after: { privateMax: 40, keyMax: 5, dailyClaimMax: 10, collaborationMax: 5 } }]);
    // As text: the rules language by default, both versions whole and the unified diff between them.
    const published = diff.body.before.version;
    expect(diff.body.text).toMatchObject({ format: 'dsl', before: expect.stringMatching(/^# caps — hit policy first/) });
    // (Postgres keeps a document's keys in its own order: the parameters print in that order.)
    expect(diff.body.text.after).toMatch(/\nrule "Managers"\n  when rep.role = "manager"\n  then cap .*privateMax 60.*\n$/);
    const unified: string = diff.body.text.unified;
    expect(unified.split('\n').slice(0, 2)).toEqual([`--- v${published}`, `+++ v${draft.body.version}`]);
    expect(unified).toMatch(/\n-  then cap .*privateMax 30 .*\n\+  then cap .*privateMax 40 .*\n/);
    expect(unified).toContain('\n-rule "Senior reps (2 years or more)" priority 90\n');
    expect(unified).toContain('\n+rule "Managers"\n');
    expect(unified).not.toContain('"privateMax"');
    // The JSON, on request.
    const json = await h.call(h.adminToken, 'GET', `/rule-sets/${draft.body.id}/diff?format=json`);
    expect(json.body.text.format).toBe('json');
    expect(json.body.text.unified).toMatch(/\n- +"privateMax": 30,\n\+ +"privateMax": 40,\n/);
    expect(json.body.rules).toEqual(diff.body.rules);
    // A comment-only change is no change to any rule, but the text shows it.
    const commented = await h.call(h.adminToken, 'POST', '/rule-sets', { document: { ...changed, rules: [{ ...changed.rules[0], comments: ['40 from next quarter'] }, ...changed.rules.slice(1)] } });
    const unknownAgainst = await h.call(h.adminToken, 'GET', `/rule-sets/${commented.body.id}/diff?against=no-such-version`);
    expect([unknownAgainst.status, unknownAgainst.body.error.details.issues]).toEqual([400, [expect.objectContaining({ pointer: '/against', code: 'unknown' })]]);
    const against = await h.call(h.adminToken, 'GET', `/rule-sets/${commented.body.id}/diff?against=${draft.body.id}`);
    expect(against.body.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(against.body.text.unified).toContain('\n+# 40 from next quarter\n rule "New hires (under 3 months)" priority 100\n');
    await h.publishRuleSet((await import('./support/rule-sets.js')).capsByTag([], { privateMax: 50, dailyClaimMax: 100, keyMax: 10 }));
  });

  it('explains which rules fire and every condition with the value it saw', async () => {
    const published = (await h.call(h.adminToken, 'GET', '/decisions')).body.items.find((d: { name: string }) => d.name === 'approval').published;
    const res = await h.call(h.adminToken, 'POST', `/rule-sets/${published.id}/explain`, {
      facts: { quote: { discountPct: 12, marginPct: 30, amountUsd: 5000, isFirstQuote: false }, customer: { grade: 'B', isNew: false }, rep: {} },
    });
    expect(res.status).toBe(200);
    expect(res.body.fired.map((f: { name: string }) => f.name)).toEqual(['Discount over 10%']);
    const discount = res.body.rules.find((r: { name: string }) => r.name === 'Discount over 10%');
    expect(discount.result).toBe(true);
    expect(discount.conditions.conditions[0]).toMatchObject({ kind: 'fact', fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10, factValue: 12, result: true });
    const margin = res.body.rules.find((r: { name: string }) => r.name === 'Margin under 15%');
    expect(margin.conditions.conditions[0]).toMatchObject({ factValue: 30, result: false });
  });

  it('refuses facts that do not fit the decision, as a test case would, at their pointers', async () => {
    const published = (await h.call(h.adminToken, 'GET', '/decisions')).body.items.find((d: { name: string }) => d.name === 'grading').published;
    const res = await h.call(h.adminToken, 'POST', `/rule-sets/${published.id}/explain`, { facts: { customer: { expectedCloseDays: '10', grade: 'Z' }, bogus: { a: 1 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/facts/bogus', '/facts/customer/expectedCloseDays', '/facts/customer/grade']);
  });

  it('is admin-only for writes and readable by managers, not reps', async () => {
    const manager = await h.createRep({ role: 'manager' });
    const rep = await h.createRep();
    expect((await h.call(manager.token, 'GET', '/decisions')).status).toBe(200);
    expect((await h.call(manager.token, 'GET', '/decisions/grading/schema')).body.properties.decision.const).toBe('grading');
    expect((await h.call(manager.token, 'POST', '/rule-sets', { document: gradingDoc('A') })).status).toBe(403);
    expect((await h.call(rep.token, 'GET', '/rule-sets')).status).toBe(403);
  });
});

describe('decisions the product takes from the published rules', () => {
  it('caps come from the caps rules at claim time; changing the rep’s tags changes the cap', async () => {
    await h.publishRuleSet({
      decision: 'caps',
      hitPolicy: 'first',
      rules: [
        { name: 'Juniors: one customer', priority: 10, conditions: { all: [{ fact: 'rep', path: '$.tags', operator: 'contains', value: 'junior' }] }, event: { type: 'cap', params: { privateMax: 1, keyMax: 0, dailyClaimMax: 5 } } },
        { name: 'Everyone', conditions: { all: [] }, event: { type: 'cap', params: { privateMax: 50, keyMax: 10, dailyClaimMax: 100 } } },
      ],
    } as never);
    const rep = await h.createRep({ tags: ['junior'] });
    expect((await h.call(rep.token, 'GET', '/me')).body.caps).toMatchObject({ privateMax: 1, rule: { name: 'Juniors: one customer' } });
    const [a, b] = [await h.createCustomer({ assign: false }), await h.createCustomer({ assign: false })];
    expect((await h.call(rep.token, 'POST', `/customers/${a}/claim`)).status).toBe(200);
    const refused = await h.call(rep.token, 'POST', `/customers/${b}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CAP_REACHED', details: { cap: 1, count: 1, rule: { name: 'Juniors: one customer' } } });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { tags: [] })).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${b}/claim`)).status).toBe(200);
    const records = await h.call(rep.token, 'GET', `/customers/${b}/decisions`);
    // The refused claim is on record too (a rep may dispute it), under the rule that refused it.
    const caps = records.body.items.find((r: { decision: string; trigger: string }) => r.decision === 'caps' && r.trigger === 'claim');
    expect(caps).toMatchObject({ trigger: 'claim', repId: rep.id, fired: [{ name: 'Everyone' }], facts: { rep: { id: rep.id, tags: [] } } });
    const refusal = records.body.items.find((r: { decision: string; trigger: string }) => r.decision === 'caps' && r.trigger === 'claim_refused');
    expect(refusal).toMatchObject({ repId: rep.id, fired: [{ name: 'Juniors: one customer' }], facts: { rep: { id: rep.id, tags: ['junior'] } } });
    await h.publishRuleSet((await import('./support/rule-sets.js')).capsByTag([], { privateMax: 50, dailyClaimMax: 100, keyMax: 10 }));
  });

  it('grades on create and after each follow-up, and the grade sets the next deadline', async () => {
    await h.publishRuleSet(defaultRuleSets.grading as never);
    const rep = await h.createRep();
    const created = await h.call(h.adminToken, 'POST', '/customers', { companyName: `Graded ${Date.now()} GmbH`, email: 'secret@graded.example', contactName: 'Ms Secret', assign: false });
    expect(created.body.grade).toBe('C');
    const id = created.body.id;
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const soon = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', expectedCloseDays: 20 });
    expect(soon.body.grade).toBe('A');
    // The fast reclaim rules: A customers are followed up within 3 s.
    expect(Date.parse(soon.body.deadline) - Date.now()).toBeLessThanOrEqual(3000);
    const none = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email', noDemand: true });
    expect(none.body.grade).toBe('E');

    const records = (await h.call(rep.token, 'GET', `/customers/${id}/decisions`)).body.items;
    const gradings = records.filter((r: { decision: string }) => r.decision === 'grading');
    expect(gradings.map((r: { trigger: string; outcome: { grade: string } }) => [r.trigger, r.outcome.grade])).toEqual([
      ['create', 'C'],
      ['follow_up', 'A'],
      ['follow_up', 'E'],
    ]);
    expect(gradings[1].fired[0].name).toBe('Close within 1 month: A');
    expect(gradings[1].ruleSet.version).toBeGreaterThan(1);
    expect(gradings[1].facts.customer).toMatchObject({ expectedCloseDays: 20, followUps: 1 });
    expect(JSON.stringify(records)).not.toMatch(/secret@graded|Ms Secret/);
    expect(records.filter((r: { decision: string }) => r.decision === 'reclaim').length).toBe(3);
  });

  it('takes the earliest deadline that fires: a deal due before the next follow-up reclaims as no_deal', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', deal: '3s', cooldown: '2m' }));
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expect(claim.body).toMatchObject({ deadlineKind: 'deal', deadlineReason: 'no_deal', cooldownMs: 120_000 });
    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
    const event = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'reclaimed').executeTakeFirstOrThrow();
    expect(event.reason).toBe('no_deal');
    const cooldown = await h.db.selectFrom('cooldowns').selectAll().where('customer_id', '=', id).executeTakeFirstOrThrow();
    expect(cooldown.until.getTime() - event.at.getTime()).toBe(120_000);
  });

  it('sets no deadline for a customer the reclaim rules exempt', async () => {
    await h.publishRuleSet({
      decision: 'reclaim',
      hitPolicy: 'collect',
      rules: [
        { name: 'VIP exempt', priority: 10, conditions: { all: [{ fact: 'customer', path: '$.region', operator: 'equal', value: 'VIP' }] }, event: { type: 'exempt', params: { reason: 'VIP region' } } },
        { name: 'everyone 2s', conditions: { all: [] }, event: { type: 'deadline', params: { name: 'follow_up', duration: '2s' } } },
      ],
    } as never);
    const rep = await h.createRep();
    const vip = await h.createCustomer({ region: 'VIP', assign: false });
    const claim = await h.call(rep.token, 'POST', `/customers/${vip}/claim`);
    expect(claim.body).toMatchObject({ status: 'owned', deadline: null });
    await new Promise((r) => setTimeout(r, 3000));
    expect((await h.customerRow(vip)).owner_id).toBe(rep.id);
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m' }));
  });

  it('previews the approval a quote needs, level by level', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const plain = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: 5000, currency: 'USD', discountPct: 3, marginPct: 30 } });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ required: false, levels: [] });
    const big = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: 480_000, currency: 'CNY', amountUsd: 66_000, discountPct: 12, marginPct: 12 } });
    expect(big.body.required).toBe(true);
    expect(big.body.levels.map((l: { level: number; approvers: unknown[] }) => [l.level, l.approvers])).toEqual([
      [1, [{ role: 'manager' }]],
      [2, [{ role: 'admin' }]],
    ]);
    // The customer is new (nobody owned it before this rep) and this is its first quote.
    expect(big.body.levels[0].reasons).toEqual(['discount over 10%', 'margin under 15%', 'large first quote to a new customer']);
    const bad = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: 1, currency: 'EUR', discountPct: 0, marginPct: 10 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].pointer).toBe('/quote/amountUsd');
  });
});
