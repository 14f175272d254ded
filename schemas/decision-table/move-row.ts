// Moving a row. Under hit policy first the rule that fires first is the one of highest priority
// (then the one written first), not the one higher up the grid; so a row moved under `first` takes
// a priority between its new neighbours', or the move would change nothing but the picture.
import type { DecisionTable } from './model.js';

const MIN = 1;
const MAX = 10_000;

/**
 * The table with row `from` moved to place `to`; under `first`, the moved row's priority set so it
 * is tried after the rows above it and before the rows below (strictly between where there is
 * room, else equal to a neighbour, where its place decides). A priority already in order is kept.
 *
 * @example
 * moveRow(gradingTable, 11, 1).rows[1]; // { name: 'Ungraded: C', priority: 96, … } between 100 and 95
 */
export function moveRow(table: DecisionTable, from: number, to: number): DecisionTable {
  const rows = [...table.rows];
  const [row] = rows.splice(from, 1);
  if (row === undefined) return table;
  rows.splice(to, 0, row);
  if (table.hitPolicy !== 'first') return { ...table, rows };
  const at = rows.indexOf(row);
  const priority = (r: (typeof rows)[number] | undefined) => r?.priority ?? MIN;
  const hi = at > 0 ? priority(rows[at - 1]) : MAX + 1;
  const lo = at < rows.length - 1 ? priority(rows[at + 1]) : MIN - 1;
  const p = priority(row);
  if ((lo <= p && p <= hi) || lo > hi) return { ...table, rows };
  const wanted = lo + 1 <= hi - 1 ? (p < lo ? lo + 1 : hi - 1) : p < lo ? lo : hi;
  const next = Math.min(MAX, Math.max(MIN, wanted));
  rows[at] = next === MIN && row.priority === undefined ? row : { ...row, priority: next };
  return { ...table, rows };
}
