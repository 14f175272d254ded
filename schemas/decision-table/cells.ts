// How the decision-table grid edits a cell: the input a column asks for (a number, a text, true or
// false, one of the contract's values, a list, a named condition's "required") and the typed text
// back to a cell. Pure, so the grid and the tests share it.
import type { FieldSpec } from '../decisions/contract.js';
import type { Operator } from '../rule-set.js';
import type { TableCell } from './model.js';

export type CellKind = 'number' | 'text' | 'boolean' | 'enum' | 'list' | 'flag';

export interface CellInput {
  kind: CellKind;
  /** The values to choose from (kind enum). */
  options?: readonly string[];
  /** A list of numbers (kind list). */
  numeric?: boolean;
}

const isList = (op: Operator) => op === 'in' || op === 'notIn';

/** A condition column's input: by its field's type (a named condition is a flag). */
export function conditionInput(column: { condition: string } | { operator: Operator; type?: string | undefined }, field: FieldSpec | undefined): CellInput {
  if ('condition' in column) return { kind: 'flag' };
  const type = column.type ?? field?.type;
  if (isList(column.operator)) return { kind: 'list', numeric: type === 'number' };
  if (type === 'number') return { kind: 'number' };
  if (type === 'boolean') return { kind: 'boolean' };
  if (field?.enum) return { kind: 'enum', options: field.enum };
  return { kind: 'text' };
}

/**
 * An output column's input, from its parameter as GET /decisions describes it: a JSON Schema type
 * ("integer" for whole numbers such as a cap, "array" for a list such as rep tags) and its values.
 */
export function paramInput(param: { type?: string | undefined; enum?: readonly string[] | undefined } | undefined): CellInput {
  switch (param?.type) {
    case 'number':
    case 'integer':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'list' };
    default:
      return param?.enum ? { kind: 'enum', options: param.enum } : { kind: 'text' };
  }
}

/** A number as typed, full-width digits too (a Chinese input method types ３０); otherwise the text, for validation to name. */
const numberOr = (s: string): unknown => {
  const n = Number(s.normalize('NFKC'));
  return Number.isFinite(n) ? n : s;
};

/** The input's text back to a cell: empty is "any". */
export function parseCell(raw: string, input: CellInput): TableCell {
  const s = raw.trim();
  if (s === '') return null;
  switch (input.kind) {
    case 'number':
      return { value: numberOr(s) };
    case 'boolean':
    case 'flag':
      return { value: s === 'true' };
    case 'list':
      // Commas, full-width commas and 顿号 all separate values.
      return { value: s.split(/[,，、]/).map((x) => x.trim()).filter((x) => x !== '').map((x) => (input.numeric ? numberOr(x) : x)) };
    default:
      return { value: s === 'null' ? null : s };
  }
}
