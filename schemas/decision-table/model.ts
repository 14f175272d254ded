// A rule set seen as a decision table (DMN-like): one condition column per tested field and operator
// (or per named condition), one output column per event parameter, one row per rule. to-table.ts and
// from-table.ts convert documents to tables and back; the admin UI's grid edits them.
import { z } from 'zod';
import { FieldType } from '../decisions/contract.js';
import { DecisionName, HitPolicy, Operator } from '../rule-set.js';

/**
 * A cell: `{ value }` is a test (or a parameter) with that value; `null` is "any" (no test, no
 * parameter). Wrapped, because `null` is also a value a rule may test (`customer.grade = null`).
 */
export const TableCell = z.object({ value: z.unknown() }).nullable().meta({ id: 'TableCell' });
export type TableCell = { value: unknown } | null;

/** A column testing a fact field with one operator; its cells hold the operator's literal value. */
export const FactColumn = z.object({
  fact: z.string(),
  path: z.string().optional().meta({ description: 'Absent: the whole fact.' }),
  operator: Operator,
  type: FieldType.optional().meta({ description: "The field's type in the decision's contract, when it has one." }),
});
export type FactColumn = z.infer<typeof FactColumn>;

/** A column for a named condition (`condition regular = …`); a cell `{ value: true }` means the rule requires it. */
export const NamedConditionColumn = z.object({ condition: z.string() });
export type NamedConditionColumn = z.infer<typeof NamedConditionColumn>;

export const ConditionColumn = z.union([FactColumn, NamedConditionColumn]).meta({ id: 'TableConditionColumn' });
export type ConditionColumn = z.infer<typeof ConditionColumn>;

/** One parameter of one event type. */
export const OutputColumn = z.object({ type: z.string(), param: z.string() }).meta({ id: 'TableOutputColumn' });
export type OutputColumn = z.infer<typeof OutputColumn>;

const rowBase = {
  /** The rule's position in the document the table was made from (new rows: any number not used). */
  index: z.number().int(),
  name: z.string().optional(),
  priority: z.number().int().optional(),
};

/** A rule that fits: one cell per condition column, its event type, one cell per output column. */
export const TableRow = z
  .object({
    ...rowBase,
    cells: z.array(TableCell),
    event: z.string().meta({ description: "The event type; output cells of other types' columns are null." }),
    outputs: z.array(TableCell),
  })
  .meta({ id: 'TableRow' });
export type TableRow = z.infer<typeof TableRow>;

/** Why a rule is not a row of cells. */
export const UnfitReason = z.enum(['nested', 'reference', 'repeated', 'condition-meta', 'top-level']).meta({
  description:
    'nested: any/not/all inside the rule; reference: a value that names another fact; repeated: the same field and operator (or named condition) tested twice; condition-meta: a condition with its own name or priority; top-level: the rule is not an "all".',
});
export type UnfitReason = z.infer<typeof UnfitReason>;

/** A rule that does not fit the grid; the UI opens it in the text view, and fromTable keeps it as it was. */
export const UnfitRow = z.object({ ...rowBase, unfit: z.literal(true), reason: UnfitReason }).meta({ id: 'TableUnfitRow' });
export type UnfitRow = z.infer<typeof UnfitRow>;

export const DecisionTable = z
  .object({
    decision: DecisionName,
    hitPolicy: HitPolicy,
    columns: z.object({ conditions: z.array(ConditionColumn), outputs: z.array(OutputColumn) }),
    rows: z.array(z.union([UnfitRow, TableRow])),
  })
  .meta({ id: 'DecisionTable' });
export type DecisionTable = z.infer<typeof DecisionTable>;

export const isUnfitRow = (row: TableRow | UnfitRow): row is UnfitRow => 'unfit' in row;
