// Decision tables lose nothing: document → table → document gives the document back, for every
// generated document and the shipped sets; edits to cells land in the right conditions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contracts } from '../../schemas/decisions/index.js';
import { isUnfitRow, moveRow, paramInput, parseCell } from '../../schemas/decision-table/index.js';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { defaultRuleSets } from '../defaults/index.js';
import { anyRuleSet } from '../engine/testing/rule-set-arbitraries.js';
import { compileRuleSet } from '../engine/index.js';
import { validateRuleSet } from '../validate/index.js';
import { parseRules, printRules } from '../dsl/index.js';
import { fromTable, toTable } from './index.js';

/** The literal tests and plain references anywhere in a condition tree, each column once. */
function flatten(node: Condition, seen: Set<string>): Condition[] {
  if ('fact' in node) {
    const { name: _n, priority: _p, ...test } = node;
    const key = JSON.stringify([test.fact, test.path ?? null, 'path' in test, test.operator]);
    if (typeof test.value === 'object' && test.value !== null && !Array.isArray(test.value)) return [];
    if (seen.has(key)) return [];
    seen.add(key);
    return [test];
  }
  if ('condition' in node) {
    if (seen.has(`@${node.condition}`)) return [];
    seen.add(`@${node.condition}`);
    return [{ condition: node.condition }];
  }
  if ('not' in node) return flatten(node.not, seen);
  return ('all' in node ? node.all : node.any).flatMap((c) => flatten(c, seen));
}

/** Generated documents made into conjunctions: every rule an `all` of its literal tests and references. */
const conjunctions = anyRuleSet.map((doc): RuleSetDocument => ({
  ...doc,
  rules: doc.rules.map((r) => ({ ...r, conditions: { all: flatten(r.conditions, new Set()) } })),
}));

const shipped = Object.entries(defaultRuleSets) as [keyof typeof contracts, RuleSetDocument][];

describe('decision tables', () => {
  it('document → table → document is unchanged for every generated document', () => {
    let fitting = 0;
    fc.assert(
      fc.property(anyRuleSet, (doc) => {
        const table = toTable(doc, contracts[doc.decision]);
        fitting += table.rows.filter((r) => !isUnfitRow(r)).length;
        expect(fromTable(table, doc)).toEqual(doc);
        // Key order too, which toEqual does not see: the rules language prints params as they come.
        expect(printRules(fromTable(table, doc))).toBe(printRules(doc));
        // The table survives JSON too (the API and the UI carry it as JSON; JSON has no -0).
        const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
        expect(fromTable(json(table), json(doc))).toEqual(json(doc));
      }),
      { numRuns: 3_000 },
    );
    // A fair share of generated rules are rows of cells (the next property has only such rows).
    expect(fitting).toBeGreaterThan(300);
  }, 120_000);

  it('every rule of a conjunction document is a row of cells, and the round trip keeps it', () => {
    fc.assert(
      fc.property(conjunctions, (doc) => {
        const table = toTable(doc, contracts[doc.decision]);
        expect(table.rows.filter(isUnfitRow)).toEqual([]);
        expect(fromTable(table, doc)).toEqual(doc);
      }),
      { numRuns: 3_000 },
    );
  }, 120_000);

  it.each(shipped)('the shipped %s set round-trips, every rule a row of cells but reclaim\'s "C (or ungraded)"', (decision, doc) => {
    const table = toTable(doc, contracts[decision]);
    expect(fromTable(table, doc)).toEqual(doc);
    const unfit = table.rows.filter(isUnfitRow);
    if (decision === 'reclaim') expect(unfit.map((r) => [r.name, r.reason])).toEqual([['C (or ungraded): follow up every 15 days', 'nested']]);
    else expect(unfit).toEqual([]);
  });

  it('the reclaim set reads as columns, its named condition "regular" one of them', () => {
    const table = toTable(defaultRuleSets.reclaim as RuleSetDocument, contracts.reclaim);
    expect(table.columns.conditions).toEqual([
      { fact: 'customer', path: '$.status', operator: 'equal', type: 'string' },
      { fact: 'trigger', path: '$.type', operator: 'equal', type: 'string' },
      { condition: 'regular' },
      { fact: 'customer', path: '$.grade', operator: 'equal', type: 'string' },
      { fact: 'customer', path: '$.keyCustomer', operator: 'equal', type: 'boolean' },
      { fact: 'trigger', path: '$.type', operator: 'notEqual', type: 'string' },
      { fact: 'customer', path: '$.stage', operator: 'in', type: 'string' },
      { fact: 'customer', path: '$.stage', operator: 'equal', type: 'string' },
    ]);
    const a = table.rows[2]!;
    expect(a).toMatchObject({ name: 'A: follow up daily', event: 'deadline', cells: [null, null, { value: true }, { value: 'A' }, null, null, null, null] });
    expect(table.columns.outputs.slice(0, 2)).toEqual([
      { type: 'exempt', param: 'reason' },
      { type: 'deadline', param: 'name' },
    ]);
  });

  it('an edited cell, a cleared cell and a new row come back as conditions and a rule', () => {
    const doc = defaultRuleSets.caps as RuleSetDocument;
    const table = toTable(doc, contracts.caps);
    const [newHire, senior, rest] = table.rows as Extract<(typeof table.rows)[number], { cells: unknown }>[];
    senior!.cells[1] = { value: 36 };
    newHire!.cells[0] = null;
    const added = { index: -1, name: 'Managers', priority: 95, cells: [null, { value: 12 }], event: 'cap', outputs: [{ value: 1 }, { value: 2 }, { value: 3 }] };
    const back = fromTable({ ...table, rows: [newHire!, added, senior!, rest!] }, doc);
    expect(back.rules.map((r) => r.conditions)).toEqual([
      { all: [] },
      { all: [{ fact: 'rep', path: '$.seniorityMonths', operator: 'greaterThanInclusive', value: 12 }] },
      { all: [{ fact: 'rep', path: '$.seniorityMonths', operator: 'greaterThanInclusive', value: 36 }] },
      { all: [] },
    ]);
    expect(back.rules[1]).toMatchObject({ name: 'Managers', priority: 95, event: { type: 'cap', params: { privateMax: 1, keyMax: 2, dailyClaimMax: 3 } } });
  });

  it('one cell edited in the shipped approval table changes one line of the rules language, not every rule', () => {
    // Its params in another order than the contract's (as a document saved as JSON may have them).
    const shipped = defaultRuleSets.approval as RuleSetDocument;
    const doc = { ...shipped, rules: shipped.rules.map((r) => ({ ...r, event: { ...r.event, params: Object.fromEntries(Object.entries(r.event.params ?? {}).reverse()) } })) };
    const table = toTable(doc, contracts.approval);
    const row = table.rows.find((r) => !isUnfitRow(r) && r.cells.some((c) => typeof c?.value === 'number'))!;
    if (isUnfitRow(row)) throw new Error('unreachable');
    const k = row.cells.findIndex((c) => typeof c?.value === 'number');
    row.cells[k] = { value: (row.cells[k]!.value as number) - 1 };
    const [before, after] = [printRules(doc).split('\n'), printRules(fromTable(table, doc)).split('\n')];
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, i) => line !== before[i])).toHaveLength(1);
  });

  it('comments written in the rules language survive editing the table and come back in the text', () => {
    const source = `# caps by seniority
decision caps
hit policy first

# 新员工：少一些
rule "New hires" priority 100
  when rep.newHire = true   # under 3 months
  then cap privateMax 30 keyMax 5 dailyClaimMax 10

# senior reps carry more
rule "Seniors" priority 90
  when rep.seniorityMonths >= 24
  then cap privateMax 150 keyMax 20 dailyClaimMax 30

rule "Everyone else"
  when always
  then cap privateMax 80 keyMax 10 dailyClaimMax 20
# end of caps
`;
    const doc = parseRules(source).document!;
    const table = toTable(doc, contracts.caps);
    const [newHire, senior, rest] = table.rows as Extract<(typeof table.rows)[number], { cells: unknown }>[];
    // A cell edited, a row added at the top, the seniors' row moved last.
    senior!.cells[1] = { value: 36 };
    const added = { index: -1, name: 'Interns', priority: 110, cells: [{ value: true }, null], event: 'cap', outputs: [{ value: 5 }, { value: 1 }, { value: 2 }, null] };
    const edited = fromTable({ ...table, rows: [added, newHire!, rest!, senior!] }, doc);
    // The document carries them through JSON, as the editor and the API do.
    const text = printRules(JSON.parse(JSON.stringify(edited)) as RuleSetDocument);
    expect(text).toBe(`# caps by seniority
decision caps
hit policy first

rule "Interns" priority 110
  when rep.newHire = true
  then cap privateMax 5 keyMax 1 dailyClaimMax 2

# 新员工：少一些
# under 3 months
rule "New hires" priority 100
  when rep.newHire = true
  then cap privateMax 30 keyMax 5 dailyClaimMax 10

rule "Everyone else"
  when always
  then cap privateMax 80 keyMax 10 dailyClaimMax 20

# senior reps carry more
rule "Seniors" priority 90
  when rep.seniorityMonths >= 36
  then cap privateMax 150 keyMax 20 dailyClaimMax 30

# end of caps
`);
    expect(validateRuleSet(edited)).toEqual({ ok: true, document: edited });
  });

  it('what an admin types into an output cell comes back as the value its parameter takes', () => {
    // As GET /decisions describes the params: JSON Schema types, "integer" for whole numbers.
    const typed = (raw: string, param: { type?: string; enum?: string[] }) => parseCell(raw, paramInput(param));
    expect(typed('50', { type: 'integer' })).toEqual({ value: 50 });
    expect(typed('12.5', { type: 'number' })).toEqual({ value: 12.5 });
    expect(typed('senior, spanish', { type: 'array' })).toEqual({ value: ['senior', 'spanish'] });
    expect(typed('true', { type: 'boolean' })).toEqual({ value: true });
    expect(typed('3d', { type: 'string' })).toEqual({ value: '3d' });
    expect(typed(' ', { type: 'integer' })).toBeNull();
    expect(paramInput({ type: 'string', enum: ['direct', 'round_robin', 'least_loaded'] })).toEqual({ kind: 'enum', options: ['direct', 'round_robin', 'least_loaded'] });

    // A list typed with a Chinese input method: full-width commas and 顿号 separate values too.
    expect(parseCell('inquiry，costing、quote', { kind: 'list' })).toEqual({ value: ['inquiry', 'costing', 'quote'] });
    expect(parseCell('１０, 20', { kind: 'list', numeric: true })).toEqual({ value: [10, 20] });
    expect(parseCell('３０', { kind: 'number' })).toEqual({ value: 30 });
    // A new caps row filled in the grid is a valid rule.
    const doc = defaultRuleSets.caps as RuleSetDocument;
    const table = toTable(doc, contracts.caps);
    const row = { index: -1, name: 'Interns', priority: 99, cells: [{ value: true }, null], event: 'cap', outputs: ['5', '1', '2'].map((raw) => typed(raw, { type: 'integer' })) };
    const back = fromTable({ ...table, rows: [row, ...table.rows] }, doc);
    expect(validateRuleSet(back)).toEqual({ ok: true, document: back });
  });

  it('offers a column for every parameter of the decision’s events, so a row can give one no rule gives yet', () => {
    // An empty rule set: a new row can still say which grade.
    const empty = toTable({ decision: 'grading', hitPolicy: 'first', rules: [] }, contracts.grading);
    expect(empty.columns.outputs).toEqual([{ type: 'grade', param: 'grade' }, { type: 'grade', param: 'reason' }]);
    // The shipped caps never set collaborationMax; the shipped reclaim set never sends a customer to another pool.
    expect(toTable(defaultRuleSets.caps as RuleSetDocument, contracts.caps).columns.outputs.map((o) => o.param)).toEqual(['privateMax', 'keyMax', 'dailyClaimMax', 'collaborationMax']);
    const reclaim = toTable(defaultRuleSets.reclaim as RuleSetDocument, contracts.reclaim);
    expect(reclaim.columns.outputs.slice(6)).toEqual([{ type: 'deadline', param: 'workingDays' }, { type: 'deadline', param: 'cooldown' }, { type: 'deadline', param: 'pool' }]);
    const row = { index: -1, name: 'Team pool', cells: reclaim.columns.conditions.map(() => null), event: 'deadline', outputs: reclaim.columns.outputs.map((o) => (o.type !== 'deadline' ? null : { name: { value: 'x' }, duration: { value: '5d' }, pool: { value: 'emea' } }[o.param as string] ?? null)) };
    const back = fromTable({ ...reclaim, rows: [...reclaim.rows, row] }, defaultRuleSets.reclaim as RuleSetDocument);
    expect(back.rules.at(-1)).toEqual({ name: 'Team pool', conditions: { all: [] }, event: { type: 'deadline', params: { name: 'x', duration: '5d', pool: 'emea' } } });
  });

  it('under first, a row moved up or down takes effect: its priority places it between its new neighbours', () => {
    const doc = defaultRuleSets.grading as RuleSetDocument;
    const table = toTable(doc, contracts.grading);
    const names = (t: typeof table) => t.rows.map((r) => `${r.name} ${r.priority ?? 1}`);
    const ungraded = table.rows.findIndex((r) => r.name === 'Ungraded: C');
    // "Ungraded: C" (priority 1) moved up to second place, between "No demand: E" (100) and "Sample stage: A" (95).
    const up = moveRow(table, ungraded, 1);
    expect(names(up).slice(0, 3)).toEqual(['No demand: E 100', 'Ungraded: C 96', 'Sample stage: A 95']);
    const grade = (t: typeof table) => compileRuleSet(fromTable(t, doc)).evaluate({ customer: { stage: 'sample', grade: null, noDemand: false, expectedCloseDays: null, repGrade: null } }).fired[0]?.name;
    expect(grade(table)).toBe('Sample stage: A');
    expect(grade(up)).toBe('Ungraded: C');
    // To the top: above the highest; to the bottom: below the lowest (never under 1); no room between equals: the same priority, and the row's place decides.
    expect(names(moveRow(table, ungraded, 0))[0]).toBe('Ungraded: C 101');
    expect(names(moveRow(table, 0, table.rows.length - 1)).at(-1)).toBe('No demand: E 1');
    const owner = table.rows.findIndex((r) => r.name === 'Owner says C');
    expect(names(moveRow(table, table.rows.findIndex((r) => r.name === 'Close later: D'), owner))[owner]).toBe('Close later: D 50');
    // A move that keeps the order of priorities changes none; under collect nothing changes but the order.
    expect(moveRow(table, owner, owner - 1).rows.map((r) => r.priority)).toEqual(table.rows.map((r) => r.priority));
    const reclaim = toTable(defaultRuleSets.reclaim as RuleSetDocument, contracts.reclaim);
    expect(moveRow(reclaim, 0, 5).rows[5]).toEqual(reclaim.rows[0]);
  });
});
