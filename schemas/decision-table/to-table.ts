// A rule-set document as a decision table: each rule whose conditions are an `all` of literal fact
// tests and named-condition references becomes a row of cells; any other rule stays a row that only
// points at the rule (the UI opens it in the text view, fromTable keeps it unchanged).
import type { DecisionContract } from '../decisions/contract.js';
import type { ConditionColumn, DecisionTable, OutputColumn, TableCell, TableRow, UnfitReason, UnfitRow } from './model.js';
import type { Condition, Rule, RuleSetDocument } from '../rule-set.js';

/** A column's identity: fact, path and operator, or the named condition. */
export const columnKey = (c: ConditionColumn): string =>
  'condition' in c ? `condition\u0000${c.condition}` : `fact\u0000${c.fact}\u0000${c.path ?? ''}\u0000${c.path === undefined ? '-' : '+'}\u0000${c.operator}`;

export const outputKey = (c: OutputColumn): string => `${c.type}\u0000${c.param}`;

/** One test of a fitting rule: its column and its cell value. */
export interface RuleTest {
  column: ConditionColumn;
  value: unknown;
}

const isReference = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The tests of a rule, in the order written, or why it does not fit. */
export function ruleTests(rule: Rule): RuleTest[] | UnfitReason {
  const top = rule.conditions as Record<string, unknown>;
  if (!('all' in top) || !Array.isArray(top.all)) return 'top-level';
  if (top.name !== undefined || top.priority !== undefined) return 'condition-meta';
  const tests: RuleTest[] = [];
  const seen = new Set<string>();
  for (const c of top.all as Condition[]) {
    let test: RuleTest;
    if ('condition' in c) {
      if (c.name !== undefined || c.priority !== undefined) return 'condition-meta';
      test = { column: { condition: c.condition }, value: true };
    } else if ('fact' in c) {
      if (c.name !== undefined || c.priority !== undefined) return 'condition-meta';
      if (isReference(c.value)) return 'reference';
      test = { column: c.path === undefined ? { fact: c.fact, operator: c.operator } : { fact: c.fact, path: c.path, operator: c.operator }, value: c.value };
    } else return 'nested';
    const key = columnKey(test.column);
    if (seen.has(key)) return 'repeated';
    seen.add(key);
    tests.push(test);
  }
  return tests;
}

/** The contract's type of a fact field, when it knows the field. */
function fieldType(contract: DecisionContract | undefined, fact: string, path: string | undefined) {
  if (!contract || path === undefined || !Object.hasOwn(contract.facts, fact)) return undefined;
  const name = path.slice(2);
  const fields = contract.facts[fact]!.fields;
  return Object.hasOwn(fields, name) ? fields[name]!.type : undefined;
}

/**
 * The decision table of a document. Columns come in the order the rules first use them; with the
 * contract, the output columns end with every event parameter no rule uses yet.
 *
 * @example
 * const table = toTable(document, contracts.grading);
 * table.rows[0]; // { index: 0, name: 'No demand: E', priority: 100, cells: [{ value: true }, null, …], event: 'grade', outputs: [{ value: 'E' }, …] }
 */
export function toTable(document: RuleSetDocument, contract?: DecisionContract): DecisionTable {
  const conditions: ConditionColumn[] = [];
  const outputs: OutputColumn[] = [];
  const conditionAt = new Map<string, number>();
  const outputAt = new Map<string, number>();
  const fits = document.rules.map((rule) => ruleTests(rule));
  document.rules.forEach((rule, i) => {
    const tests = fits[i]!;
    if (typeof tests === 'string') return;
    for (const t of tests) {
      const key = columnKey(t.column);
      if (conditionAt.has(key)) continue;
      conditionAt.set(key, conditions.length);
      const type = 'fact' in t.column ? fieldType(contract, t.column.fact, t.column.path) : undefined;
      conditions.push(type === undefined ? t.column : { ...t.column, type });
    }
    for (const param of Object.keys(rule.event.params ?? {})) {
      const column = { type: rule.event.type, param };
      const key = outputKey(column);
      if (outputAt.has(key)) continue;
      outputAt.set(key, outputs.length);
      outputs.push(column);
    }
  });
  // Then every other parameter of the contract's events, so a row can give one no rule gives yet.
  for (const [type, spec] of Object.entries(contract?.events ?? {})) {
    for (const param of Object.keys(spec.paramLabels)) {
      const column = { type, param };
      if (outputAt.has(outputKey(column))) continue;
      outputAt.set(outputKey(column), outputs.length);
      outputs.push(column);
    }
  }
  const rows = document.rules.map((rule, index): TableRow | UnfitRow => {
    const base: { index: number; name?: string; priority?: number } = { index };
    if (rule.name !== undefined) base.name = rule.name;
    if (rule.priority !== undefined) base.priority = rule.priority;
    const tests = fits[index]!;
    if (typeof tests === 'string') return { ...base, unfit: true, reason: tests };
    const cells: TableCell[] = conditions.map(() => null);
    for (const t of tests) cells[conditionAt.get(columnKey(t.column))!] = { value: t.value };
    const outs: TableCell[] = outputs.map(() => null);
    for (const [param, value] of Object.entries(rule.event.params ?? {})) outs[outputAt.get(outputKey({ type: rule.event.type, param }))!] = { value };
    return { ...base, cells, event: rule.event.type, outputs: outs };
  });
  return { decision: document.decision, hitPolicy: document.hitPolicy, columns: { conditions, outputs }, rows };
}
