// A decision table back to a rule-set document: rows become rules in row order; a row that did not
// fit takes its rule from the original document. The original also gives what a table does not
// show: the description, the named conditions, the comments (each rule's go with its row), whether an
// event had a `params` object when it has no parameters, and the order a rule wrote its tests and
// its event's params in (rows keep it; new ones go after).
import { type DecisionTable, isUnfitRow, type TableRow } from './model.js';
import type { Condition, FactCondition, Rule, RuleSetDocument } from '../rule-set.js';
import { columnKey, ruleTests } from './to-table.js';

function ruleOf(row: TableRow, table: DecisionTable, original: Rule | undefined): Rule {
  const used = table.columns.conditions.flatMap((column, i) => {
    const cell = row.cells[i];
    return cell === null || cell === undefined ? [] : [{ column, value: cell.value }];
  });
  const written = original === undefined ? [] : ruleTests(original);
  const position = new Map(typeof written === 'string' ? [] : written.map((t, i) => [columnKey(t.column), i]));
  const rank = (key: string) => position.get(key) ?? Number.MAX_SAFE_INTEGER;
  used.sort((a, b) => rank(columnKey(a.column)) - rank(columnKey(b.column)));
  const all = used.map(({ column, value }): Condition => {
    if ('condition' in column) return { condition: column.condition };
    const test: FactCondition = { fact: column.fact, operator: column.operator, value: value as FactCondition['value'] };
    if (column.path !== undefined) test.path = column.path;
    return test;
  });
  const filled: Record<string, unknown> = {};
  table.columns.outputs.forEach((column, i) => {
    const cell = row.outputs[i];
    if (column.type === row.event && cell !== null && cell !== undefined) filled[column.param] = cell.value;
  });
  // In the order the rule wrote them (new ones after): the rules language prints params as they
  // come, so an edit of one cell reads as that one change in a diff, not as every rule rewritten.
  const before = original !== undefined && original.event.type === row.event ? Object.keys(original.event.params ?? {}) : [];
  const order = [...before.filter((k) => Object.hasOwn(filled, k)), ...Object.keys(filled).filter((k) => !before.includes(k))];
  const params: Record<string, unknown> = Object.fromEntries(order.map((k) => [k, filled[k]]));
  const keepEmpty = original !== undefined && original.event.params !== undefined;
  const rule: Rule = {
    ...(original?.comments === undefined ? {} : { comments: original.comments }),
    conditions: { all },
    event: Object.keys(params).length > 0 || keepEmpty ? { type: row.event, params } : { type: row.event },
  };
  if (row.name !== undefined) rule.name = row.name;
  if (row.priority !== undefined) rule.priority = row.priority;
  return rule;
}

/**
 * The document a table stands for.
 *
 * @example
 * fromTable(toTable(document, contract), document); // equal to document
 */
export function fromTable(table: DecisionTable, original: RuleSetDocument): RuleSetDocument {
  const rules = table.rows.map((row) => {
    const before = Number.isInteger(row.index) && row.index >= 0 ? original.rules[row.index] : undefined;
    if (isUnfitRow(row)) {
      if (before === undefined) throw new Error(`row ${row.index} does not fit the table and has no rule in the original document`);
      return before;
    }
    return ruleOf(row, table, before);
  });
  const doc: RuleSetDocument = { ...original, hitPolicy: table.hitPolicy, rules };
  return doc;
}
