// A template's formulas when item rows are inserted under its item row: cells below move down, so
// a reference below the item row moves with them, and a range that reaches the item row (the total
// =SUM(F10:F10) over the one item row of the template) grows to cover every item. A single
// reference to the item row stays on its first item. Text in quotes is left as it is; references to
// other sheets or workbooks never reach here (refused on upload). The item row's own formulas are
// copied down to every item row, as Excel copies a formula down (formulaCopiedDown).

/** A cell reference, or a range of two, not part of a name or a function call. */
const REFERENCE = /(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3})(\$?)(\d+)(?::(\$?[A-Z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(])/g;
const STRING = /("(?:[^"]|"")*")/;

/**
 * The formula (without its "=") after `inserted` rows went in under row `itemRow`. `widen` false:
 * a range only moves (for the cells a shared formula covers, which do not grow).
 */
export function formulaAfterInsert(formula: string, itemRow: number, inserted: number, widen = true): string {
  if (inserted <= 0) return formula;
  return formula
    .split(STRING)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REFERENCE, (_all, col: string, abs: string, row: string, endCol?: string, endAbs?: string, endRow?: string) => {
            const start = Number(row);
            if (endCol === undefined) return `${col}${abs}${start > itemRow ? start + inserted : start}`;
            const end = Number(endRow);
            const grows = widen ? end >= itemRow : end > itemRow;
            return `${col}${abs}${start > itemRow ? start + inserted : start}:${endCol}${endAbs}${grows ? end + inserted : end}`;
          }),
    )
    .join('');
}

/**
 * The formula (without its "=") copied `rows` rows down, as Excel copies it: every relative row
 * (no "$" before its number) moves with the copy, an absolute one stays. The item row's =B10*C10
 * is =B12*C12 on the third item.
 */
export function formulaCopiedDown(formula: string, rows: number): string {
  const move = (abs: string, row: string) => (abs === '$' ? row : String(Number(row) + rows));
  return formula
    .split(STRING)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REFERENCE, (_all, col: string, abs: string, row: string, endCol?: string, endAbs?: string, endRow?: string) =>
            endCol === undefined ? `${col}${abs}${move(abs, row)}` : `${col}${abs}${move(abs, row)}:${endCol}${endAbs}${move(endAbs!, endRow!)}`,
          ),
    )
    .join('');
}
