// The analysis on crafted documents with known gaps, shadowed and overlapping rules, and on the
// shipped sets, which it must leave alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contracts } from '../../schemas/decisions/index.js';
import type { Condition, DecisionName, HitPolicy, RuleSetDocument } from '../../schemas/rule-set.js';
import { defaultRuleSets } from '../defaults/index.js';
import { anyRuleSet } from '../engine/testing/rule-set-arbitraries.js';
import { mergeRegions } from './coverage.js';
import { analyzeRuleSet } from './index.js';

const c = (path: string, operator: string, value: unknown, fact = 'customer') => ({ fact, path: `$.${path}`, operator, value }) as Condition;
const rule = (name: string, priority: number, all: Condition[], params: Record<string, unknown> = {}, type = 'grade') => ({ name, priority, conditions: { all }, event: { type, params } });
const doc = (decision: DecisionName, hitPolicy: HitPolicy, rules: RuleSetDocument['rules']): RuleSetDocument => ({ decision, hitPolicy, rules });
const analyze = (d: RuleSetDocument) => analyzeRuleSet(d, contracts[d.decision]);
const codes = (d: RuleSetDocument) => analyze(d).map((w) => `${w.code} ${w.pointer}`);

describe('gaps', () => {
  it('names the enum values no rule covers, in English and Chinese', () => {
    const d = doc('grading', 'first', [rule('A', 10, [c('repGrade', 'equal', 'A')], { grade: 'A' }), rule('B', 10, [c('repGrade', 'in', ['B'])], { grade: 'B' })]);
    expect(analyze(d)).toEqual([
      {
        pointer: '/rules',
        code: 'analysis.gap',
        message: 'No rule for customer.repGrade in ["C", "D", "E"]; then: The grade stays as it is.',
        zh: '没有规则适用于 customer.repGrade（负责人评定等级） in ["C", "D", "E"]；此时：等级保持不变。',
      },
    ]);
  });

  it('names a numeric range between the thresholds the rules use', () => {
    const d = doc('grading', 'first', [rule('soon', 10, [c('expectedCloseDays', 'lessThanInclusive', 30)], { grade: 'A' }), rule('late', 10, [c('expectedCloseDays', 'greaterThan', 90)], { grade: 'D' })]);
    expect(analyze(d).map((w) => w.message)).toEqual(['No rule for 31 <= customer.expectedCloseDays <= 90; then: The grade stays as it is.']);
    // A fractional field keeps open bounds.
    const q = (op: string, value: number) => rule(op, 1, [c('discountPct', op, value, 'quote')], { level: 1, role: 'manager', timeout: '1d' }, 'require_approval');
    // (Approval looks for no gaps; the same rules against a contract with the quote's facts do.)
    expect(analyzeRuleSet(doc('grading', 'collect', [q('lessThanInclusive', 5), q('greaterThan', 10)]), { ...contracts.grading, facts: contracts.approval.facts }).map((w) => w.message)).toEqual([
      'No rule for 5 < quote.discountPct <= 10; then: The grade stays as it is.',
    ]);
  });

  it('names a combination of two fields (grade E in stage quote has no deadline)', () => {
    const d = doc('reclaim', 'collect', [
      rule('quote', 1, [c('stage', 'equal', 'quote'), c('grade', 'in', ['A', 'B', 'C', 'D'])], { name: 'quote', duration: '7d' }, 'deadline'),
      rule('others', 1, [c('stage', 'notEqual', 'quote')], { name: 'follow_up', duration: '7d' }, 'deadline'),
    ]);
    expect(analyze(d).map((w) => [w.message, w.zh])).toEqual([
      [
        'No rule for customer.stage = "quote" and customer.grade = "E"; then: No deadline: the customer is never reclaimed.',
        '没有规则适用于 customer.stage（跟进阶段） = "quote" 且 customer.grade（等级） = "E"；此时：没有回收期限：客户不会被回收。',
      ],
    ]);
  });

  it('sees no gap between 30 and 31 in a whole-number field, but does in a fractional one', () => {
    const days = doc('grading', 'first', [rule('soon', 10, [c('expectedCloseDays', 'lessThanInclusive', 30)], { grade: 'A' }), rule('later', 10, [c('expectedCloseDays', 'greaterThanInclusive', 31)], { grade: 'D' })]);
    expect(analyze(days)).toEqual([]);
    const days2 = doc('grading', 'first', [rule('soon', 10, [c('expectedCloseDays', 'lessThanInclusive', 30)], { grade: 'A' }), rule('later', 10, [c('expectedCloseDays', 'greaterThanInclusive', 32)], { grade: 'D' })]);
    expect(analyze(days2).map((w) => w.message)).toEqual(['No rule for customer.expectedCloseDays = 31; then: The grade stays as it is.']);
    const rep = (value: number, op: string) => rule(op, 1, [c('seniorityMonths', op, value, 'rep')], { privateMax: 1, keyMax: 1, dailyClaimMax: 1 }, 'cap');
    expect(analyze(doc('caps', 'first', [rep(12, 'lessThan'), rep(12, 'greaterThanInclusive')]))).toEqual([]);
  });

  it('does not count unknown (null) values as gaps: an unknown estimate keeps the grade', () => {
    const d = doc('grading', 'first', [rule('soon', 10, [c('expectedCloseDays', 'lessThanInclusive', 30)], { grade: 'A' }), rule('later', 10, [c('expectedCloseDays', 'greaterThan', 30)], { grade: 'D' })]);
    expect(analyze(d)).toEqual([]);
  });

  it('joins gaps that differ in one field only (25 days × grades C–E is one gap)', () => {
    const rules = Array.from({ length: 25 }, (_, k) => rule(`day ${k}`, 1, [c('daysInStage', 'equal', k), c('grade', 'in', ['A', 'B'])], { name: 'x', duration: '1d' }, 'deadline'));
    expect(analyze(doc('reclaim', 'collect', rules)).map((w) => w.message)).toEqual([
      'No rule for (customer.daysInStage <= -1 or 25 <= customer.daysInStage); then: No deadline: the customer is never reclaimed.',
      'No rule for 0 <= customer.daysInStage <= 24 and customer.grade in ["C", "D", "E"]; then: No deadline: the customer is never reclaimed.',
    ]);
  });

  it('reports 20 gaps and counts the rest', () => {
    // Day k has a rule for every follow-up count but k: 25 gaps, each differing from the others in two fields.
    const rules = Array.from({ length: 25 }, (_, k) => rule(`day ${k}`, 1, [c('daysInStage', 'equal', k), c('followUps', 'notEqual', k)], { name: 'x', duration: '1d' }, 'deadline'));
    const other = rule('other days', 1, [c('daysInStage', 'notIn', Array.from({ length: 25 }, (_, k) => k))], { name: 'x', duration: '1d' }, 'deadline');
    const warnings = analyze(doc('reclaim', 'collect', [...rules, other]));
    expect(warnings.filter((w) => w.code === 'analysis.gap')).toHaveLength(20);
    expect(warnings[0]!.message).toBe('No rule for customer.daysInStage = 0 and customer.followUps = 0; then: No deadline: the customer is never reclaimed.');
    expect(warnings.at(-1)).toMatchObject({ code: 'analysis.gap-more', message: '… and 5 more combinations no rule covers', zh: '……另有 5 种组合没有规则适用' });
  });

  it('says so when no rule applies at all', () => {
    expect(analyze(doc('caps', 'first', [])).map((w) => [w.message, w.zh])).toEqual([
      ['No rule for any case; then: The rep may not claim (all caps 0).', '没有规则适用于 任何情况；此时：该业务员不能认领客户（各项上限均为 0）。'],
    ]);
  });

  it('looks for gaps only among the values the decision sees: reclaim decides for owned and won customers, never for the pool', () => {
    const d = doc('reclaim', 'collect', [
      rule('won', 100, [c('status', 'equal', 'won')], { reason: 'won' }, 'exempt'),
      rule('owned', 1, [c('status', 'equal', 'owned')], { name: 'follow_up', duration: '7d' }, 'deadline'),
    ]);
    expect(analyze(d)).toEqual([]);
    expect(analyze({ ...d, rules: d.rules.slice(1) }).map((w) => w.message)).toEqual(['No rule for customer.status = "won"; then: No deadline: the customer is never reclaimed.']);
  });

  it('reports no gaps for approval, where no rule firing means no approval is needed', () => {
    expect(analyze(doc('approval', 'collect', [rule('big', 1, [c('amountUsd', 'greaterThan', 1000, 'quote')], { level: 1, role: 'manager', timeout: '1d' }, 'require_approval')]))).toEqual([]);
  });

  it('says which rules it could not read, and then looks for no gaps', () => {
    const d = doc('grading', 'first', [rule('A', 10, [c('repGrade', 'equal', 'A')], { grade: 'A' }), rule('ref', 5, [{ fact: 'customer', path: '$.grade', operator: 'equal', value: { fact: 'customer', path: '$.repGrade' } }], { grade: 'B' })]);
    expect(analyze(d)).toEqual([expect.objectContaining({ pointer: '/rules/1', code: 'analysis.skipped', message: expect.stringContaining('"ref" is left out') })]);
  });
});

describe('deadline gaps under collect', () => {
  const reclaim = defaultRuleSets.reclaim as RuleSetDocument;
  const without = (...names: string[]) => ({ ...reclaim, rules: reclaim.rules.filter((r) => !names.includes(r.name!)) });

  it('names the grade whose follow-up deadline is missing, though the 90-day deal deadline still applies there', () => {
    expect(analyze(without('D: follow up monthly')).map((w) => [w.code, w.pointer, w.message, w.zh])).toEqual([
      [
        'analysis.deadline-gap',
        '/rules',
        'No rule gives a "follow_up" deadline for customer.status = "owned" and trigger.type != "claim" and customer.grade = "D" and customer.keyCustomer = false; then: only the other deadlines apply.',
        '没有规则为 customer.status（客户状态） = "owned" 且 trigger.type（触发原因） != "claim" 且 customer.grade（等级） = "D" 且 customer.keyCustomer（紧密客户） = false 给出 "follow_up" 回收期限；此时：只有其他回收期限生效。',
      ],
    ]);
  });

  it('names a grade × stage combination with no quote deadline; exempt customers and cases no rule covers at all are not repeated', () => {
    const deadline = (name: string, all: Condition[]) => rule(name, 1, all, { name, duration: '7d' }, 'deadline');
    const d = doc('reclaim', 'collect', [
      { ...rule('won', 100, [c('status', 'equal', 'won')], { reason: 'won' }, 'exempt') },
      deadline('follow_up', [c('grade', 'in', ['A', 'B', 'C', 'D', 'E'])]),
      { ...deadline('quote', [c('stage', 'equal', 'quote'), c('grade', 'in', ['A', 'B'])]), name: 'quote A/B' },
      { ...deadline('quote', [c('stage', 'equal', 'costing'), c('grade', 'in', ['A', 'B', 'C', 'D'])]), name: 'costing A-D' },
      { ...deadline('quote', [c('stage', 'in', ['quote', 'costing']), c('grade', 'equal', 'E')]), name: 'quote E' },
    ]);
    expect(analyze(d).map((w) => [w.code, w.message])).toEqual([
      ['analysis.deadline-gap', 'No rule gives a "quote" deadline for customer.status = "owned" and customer.grade in ["C", "D"] and customer.stage = "quote"; then: only the other deadlines apply.'],
    ]);
  });

  it('where no rule gives any deadline, the case is told once, as a gap', () => {
    const d = doc('reclaim', 'collect', ['A', 'B'].map((g) => rule(g, 1, [c('grade', 'equal', g)], { name: 'follow_up', duration: '1d' }, 'deadline')));
    expect(analyze(d).map((w) => w.message)).toEqual(['No rule for customer.grade in ["C", "D", "E"]; then: No deadline: the customer is never reclaimed.']);
    // Removed with the 90-day deal deadline, grade D has no deadline at all outside the pipeline stages, and no follow-up in them.
    expect(analyze(without('D: follow up monthly', 'A deal within 90 days')).map((w) => w.message)).toEqual([
      'No rule for customer.status = "owned" and trigger.type != "claim" and customer.grade = "D" and customer.keyCustomer = false and customer.stage in ["claimed", "follow_up", "quote", "won"]; then: No deadline: the customer is never reclaimed.',
      'No rule gives a "follow_up" deadline for customer.status = "owned" and trigger.type != "claim" and customer.grade = "D" and customer.keyCustomer = false; then: only the other deadlines apply.',
      'No rule gives a "deal" deadline for customer.status = "owned" and customer.keyCustomer = false and customer.stage != "sample"; then: only the other deadlines apply.',
    ]);
  });

  it('the shipped reclaim set without the key customers’ deal deadline: key customers outside the sample stage get none', () => {
    expect(analyze(without('Key customers: a deal within 180 days')).map((w) => w.message)).toEqual([
      'No rule gives a "deal" deadline for customer.status = "owned" and customer.keyCustomer = true and customer.stage != "sample"; then: only the other deadlines apply.',
    ]);
  });
});

describe('rules that never fire', () => {
  it('under first, a rule covered by a higher-priority one is shadowed', () => {
    const d = doc('grading', 'first', [
      rule('late samples', 50, [c('stage', 'equal', 'sample'), c('expectedCloseDays', 'greaterThan', 100)], { grade: 'B' }),
      rule('samples', 90, [c('stage', 'equal', 'sample')], { grade: 'A' }),
      rule('rest', 1, [], { grade: 'C' }),
    ]);
    expect(analyze(d)).toEqual([
      {
        pointer: '/rules/0',
        code: 'analysis.shadowed',
        message: 'Rule "late samples" can never fire: "samples" comes first and covers every case it covers',
        zh: '规则 "late samples" 永远不会触发：排在它前面的 "samples" 已覆盖它的所有情况',
      },
    ]);
  });

  it('counts the unknown value: a rule is shadowed by two ranges only once null is covered too', () => {
    const rules = [rule('≤30', 9, [c('expectedCloseDays', 'lessThanInclusive', 30)], { grade: 'A' }), rule('>30', 9, [c('expectedCloseDays', 'greaterThan', 30)], { grade: 'D' }), rule('B owner', 5, [c('repGrade', 'equal', 'B')], { grade: 'B' })];
    expect(codes(doc('grading', 'first', rules))).not.toContain('analysis.shadowed /rules/2');
    const withNull = [...rules.slice(0, 2), rule('unknown', 9, [c('expectedCloseDays', 'equal', null)], { grade: 'C' }), rules[2]!];
    expect(analyze(doc('grading', 'first', withNull)).filter((w) => w.code === 'analysis.shadowed')).toEqual([
      expect.objectContaining({ pointer: '/rules/3', message: 'Rule "B owner" can never fire: "≤30", ">30" and "unknown" come first and cover every case it covers' }),
    ]);
  });

  it('names the one rule that covers a shadowed rule alone, however many earlier rules touch it', () => {
    // Twelve higher rules meet "no demand" customers somewhere; only "No demand: E" covers them all.
    const touching = Array.from({ length: 12 }, (_, i) => rule(`close within ${i + 1} months`, 90 - i, [c('expectedCloseDays', 'lessThanInclusive', 30 * (i + 1))], { grade: 'B' }));
    const d = doc('grading', 'first', [rule('No demand: E', 100, [c('noDemand', 'equal', true)], { grade: 'E' }), ...touching, rule('No demand: D', 40, [c('noDemand', 'equal', true)], { grade: 'D' }), rule('rest', 1, [], { grade: 'C' })]);
    expect(analyze(d).filter((w) => w.code === 'analysis.shadowed')).toEqual([
      expect.objectContaining({ pointer: '/rules/13', message: 'Rule "No demand: D" can never fire: "No demand: E" comes first and covers every case it covers' }),
    ]);
  });

  it('under collect, covered rules still fire: nothing is shadowed', () => {
    const d = doc('reclaim', 'collect', [rule('all', 9, [], { name: 'a', duration: '1d' }, 'deadline'), rule('A', 1, [c('grade', 'equal', 'A')], { name: 'b', duration: '1d' }, 'deadline')]);
    expect(analyze(d)).toEqual([]);
  });

  it('a rule whose conditions contradict each other never fires, whatever the hit policy', () => {
    const d = doc('reclaim', 'collect', [rule('all', 9, [], { name: 'a', duration: '1d' }, 'deadline'), rule('odd', 1, [c('grade', 'equal', 'A'), c('grade', 'in', ['B'])], { name: 'b', duration: '1d' }, 'deadline')]);
    expect(analyze(d)).toEqual([expect.objectContaining({ pointer: '/rules/1', code: 'analysis.never', zh: '规则 "odd" 永远不会触发：它的条件互相矛盾' })]);
  });
});

describe('overlaps', () => {
  const soon = rule('soon', 10, [c('expectedCloseDays', 'lessThanInclusive', 90)], { grade: 'B' });
  const samples = rule('samples', 10, [c('stage', 'equal', 'sample')], { grade: 'A' });
  const rest = rule('rest', 1, [], { grade: 'C' });

  it('two rules of the same priority, different outcomes and a case where both apply: the later one is told', () => {
    expect(analyze(doc('grading', 'first', [soon, samples, rest]))).toEqual([
      {
        pointer: '/rules/1',
        code: 'analysis.overlap',
        message: 'Rules "soon" and "samples" have the same priority and different outcomes, and both apply when customer.expectedCloseDays <= 90 and customer.stage = "sample"; "soon" wins only because it is written first',
        zh: '规则 "soon" 和 "samples" 优先级相同、结果不同，在 customer.expectedCloseDays（预计成交天数） <= 90 且 customer.stage（跟进阶段） = "sample" 时都适用；"soon" 胜出只是因为它写在前面',
      },
    ]);
  });

  it('is quiet when priorities order the rules, when the outcomes are the same, or when a rule ahead decides the shared cases', () => {
    expect(analyze(doc('grading', 'first', [soon, { ...samples, priority: 20 }, rest]))).toEqual([]);
    expect(analyze(doc('grading', 'first', [soon, { ...samples, event: soon.event }, rest]))).toEqual([]);
    const ahead = rule('samples first', 50, [c('stage', 'equal', 'sample')], { grade: 'A' });
    expect(analyze(doc('grading', 'first', [ahead, soon, samples, rest])).map((w) => w.code)).toEqual(['analysis.shadowed']);
  });
});

describe('the shipped sets', () => {
  // None reports anything, by design:
  // - assignment and caps end in a catch-all (`all: []`), so no gap; their rules differ in priority.
  // - grading overlaps everywhere (no demand, samples, the estimate bands, the owner's grade, ungraded),
  //   but at distinct priorities: under `first` that order is the policy, not an accident, so only
  //   same-priority overlaps are reported (the five "Owner says" rules share 50 but never overlap).
  //   Its only uncovered cases have the estimate and the owner's grade unknown, where "the grade stays
  //   as it is" is meant; unknown values are not counted as gaps.
  // - reclaim is `collect`: nothing is shadowed; keyCustomer true/false each have a deal deadline, so
  //   every known case gets at least one deadline; and each deadline name has no hole: follow-ups
  //   cover every grade (and key customers) after the claim, deals both key flags. "C (or ungraded)" (an `any` over the grade) and the
  //   named condition "regular" are read through.
  // - approval: no rule firing means no approval is needed, so gaps are not looked for.
  it.each(Object.entries(defaultRuleSets))('%s: no warnings', (decision, d) => {
    expect(analyzeRuleSet(d as RuleSetDocument, contracts[decision as DecisionName])).toEqual([]);
  });

  it('the shipped reclaim set with the key-customer deal deadline removed has a gap for key customers', () => {
    const reclaim = defaultRuleSets.reclaim as RuleSetDocument;
    const d = { ...reclaim, rules: reclaim.rules.filter((r) => r.name !== 'Key customers: a deal within 180 days' && r.name !== 'Key customers: follow up monthly') };
    expect(analyze(d).map((w) => w.message)).toEqual([
      'No rule for customer.status = "owned" and trigger.type != "claim" and customer.stage in ["claimed", "follow_up", "quote", "won"] and customer.keyCustomer = true; then: No deadline: the customer is never reclaimed.',
      // Just claimed, they get a first follow-up deadline but no deal deadline either.
      'No rule gives a "deal" deadline for customer.status = "owned" and customer.stage != "sample" and customer.keyCustomer = true; then: only the other deadlines apply.',
    ]);
  });
});

it('never throws on any generated document, and every warning speaks both languages', () => {
  fc.assert(
    fc.property(anyRuleSet, (d) => {
      for (const w of analyzeRuleSet(d, contracts[d.decision])) {
        expect(w.code).toMatch(/^analysis\./);
        expect(w.message.length).toBeGreaterThan(0);
        expect(w.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }),
    { numRuns: 1_000 },
  );
}, 60_000);

it('analyses the largest rule set allowed (500 rules) quickly, saying when it stopped short', () => {
  const grades = ['A', 'B', 'C', 'D', 'E'];
  const stages = ['claimed', 'follow_up', 'inquiry', 'costing', 'quote', 'sample', 'won'];
  const rules = Array.from({ length: 500 }, (_, i) =>
    rule(`r${i}`, (i % 3) + 1, [
      c('daysInStage', 'greaterThan', i % 97),
      c('followUps', 'lessThanInclusive', (i * 7) % 89),
      c('grade', 'equal', grades[i % 5]),
      c('stage', 'in', [stages[i % 7], stages[(i + 3) % 7]]),
      c('reclaims', 'notEqual', i % 13),
    ], { grade: grades[i % 5] }),
  );
  const started = performance.now();
  const warnings = analyze(doc('grading', 'first', rules));
  // Live validation runs this on every pause in typing; well under a second on a quiet machine.
  expect(performance.now() - started).toBeLessThan(3_000);
  expect(warnings.map((w) => w.code)).toContain('analysis.stopped');
});

describe('rule sets whose gaps are many small pieces', () => {
  // Each rule bounds eight fields at thresholds of its own: the gaps come out as thousands of small
  // regions to join, which once took a quadratic pass per join (35 s for 100 rules, the server's
  // event loop blocked meanwhile).
  const grades = ['A', 'B', 'C', 'D', 'E'];
  const wide = (count: number, source: boolean) =>
    doc(
      'grading',
      'first',
      Array.from({ length: count }, (_, k) => {
        const i = k + 1;
        return rule(`r${i}`, i, [
          c('daysSinceCreated', 'lessThanInclusive', 7 * i),
          c('followUps', 'greaterThanInclusive', 20 + 7 * i),
          c('reclaims', 'lessThanInclusive', 33 + 7 * i),
          c('expectedCloseDays', 'greaterThanInclusive', 46 + 7 * i),
          c('daysInStage', 'lessThanInclusive', 59 + 7 * i),
          c('daysSinceClaim', 'greaterThanInclusive', 72 + 7 * i),
          c('daysSinceLastFollowUp', 'lessThanInclusive', 85 + 7 * i),
          c('country', 'equal', `X${i}`),
          ...(source ? [c('source', 'equal', `S${i}`)] : []),
        ], { grade: grades[i % 5] });
      }),
    );

  it('joins the pieces of a gap in time proportionate to them, and still reports the gaps', () => {
    const started = performance.now();
    const warnings = analyze(wide(100, false));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(warnings.filter((w) => w.code === 'analysis.gap').length).toBeGreaterThan(0);
  });

  it('says so when it stopped looking for gaps before finding any, rather than reporting none', () => {
    const warnings = analyze(wide(280, true));
    expect(warnings.map((w) => w.code)).toContain('analysis.gaps-stopped');
    expect(warnings.find((w) => w.code === 'analysis.gaps-stopped')).toMatchObject({ pointer: '/rules', message: expect.stringMatching(/not every combination/), zh: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });
});

describe('joining regions', () => {
  it('leaves no two regions that differ in one field only, and covers exactly what it was given', () => {
    const region = fc.array(fc.integer({ min: 1, max: 7 }).map(BigInt), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(region, { maxLength: 40 }), (regions) => {
        const merged = mergeRegions(regions);
        for (let a = 0; a < merged.length; a++)
          for (let b = a + 1; b < merged.length; b++) expect(merged[a]!.filter((m, i) => m !== merged[b]![i]).length).not.toBeLessThanOrEqual(1);
        // Every point of the input lies in the output, and every point of the output in the input.
        const points = (rs: bigint[][]) => {
          const out = new Set<string>();
          for (const r of rs) for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) for (let z = 0; z < 3; z++) if ((r[0]! >> BigInt(x)) & (r[1]! >> BigInt(y)) & (r[2]! >> BigInt(z)) & 1n) out.add(`${x}${y}${z}`);
          return [...out].sort();
        };
        expect(points(merged)).toEqual(points(regions));
      }),
      { numRuns: 500 },
    );
  });
});
