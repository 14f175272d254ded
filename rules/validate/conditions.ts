// Checks condition trees: structure, known facts and paths, operators valid for the field type,
// values of the right type, references that resolve; with depth and size limits.
import type { DecisionContract, FieldSpec } from '../../schemas/decisions/contract.js';
import { operatorsFor } from '../../schemas/decisions/contract.js';
import { OPERATORS, type Operator } from '../../schemas/rule-set.js';
import { FORBIDDEN_KEYS, type Issues, isPlainObject } from './issues.js';
import { LIMITS } from './limits.js';
import { nearest } from './nearest.js';
import { type Notation, spellOperator } from './notation.js';
import type { ValueRole } from './wording.js';

type Path = (string | number)[];

const PATH_RE = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const BOOLEAN_KEYS = ['all', 'any', 'not', 'condition'] as const;
const META_KEYS = ['name', 'priority'];
const FACT_KEYS = ['fact', 'path', 'operator', 'value', ...META_KEYS];

export interface ConditionContext {
  contract: DecisionContract;
  issues: Issues;
  /** Names of the document's named conditions. */
  named: Set<string>;
  /** Named conditions each tree refers to, for cycle detection. */
  references: Set<string>;
  nodes: number;
  /** Objects on the current path, to catch a tree that contains itself (possible from code, not JSON). */
  ancestors: Set<object>;
  /** How the person wrote the rule set: operators are named as they were written. */
  notation: Notation;
}

function checkMeta(node: Record<string, unknown>, path: Path, ctx: ConditionContext) {
  if ('name' in node && (typeof node.name !== 'string' || node.name.length > 200)) {
    ctx.issues.add([...path, 'name'], 'rules.condition-name-invalid');
  }
  if ('priority' in node && !(Number.isInteger(node.priority) && (node.priority as number) >= 1 && (node.priority as number) <= 10_000)) {
    ctx.issues.add([...path, 'priority'], 'rules.condition-priority-invalid');
  }
}

function unknownKeys(node: Record<string, unknown>, allowed: readonly string[], path: Path, ctx: ConditionContext) {
  for (const key of Object.keys(node)) {
    if (FORBIDDEN_KEYS.has(key)) ctx.issues.add([...path, key], 'rules.forbidden-key', key);
    else if (!allowed.includes(key)) ctx.issues.add([...path, key], 'rules.unknown-key', key, allowed);
  }
}

/** Resolves "$.field" of a fact to its field spec, reporting what is wrong. */
function resolveField(fact: unknown, factPath: unknown, path: Path, ctx: ConditionContext): FieldSpec | undefined {
  const facts = ctx.contract.facts;
  if (typeof fact !== 'string' || !Object.hasOwn(facts, fact)) {
    ctx.issues.add([...path, 'fact'], 'rules.unknown-fact', fact, ctx.contract.name, Object.keys(facts));
    return undefined;
  }
  const spec = facts[fact]!;
  if (factPath === undefined) {
    ctx.issues.add([...path, 'path'], 'rules.missing-path', fact, Object.keys(spec.fields)[0]!);
    return undefined;
  }
  if (typeof factPath !== 'string' || !PATH_RE.test(factPath)) {
    ctx.issues.add([...path, 'path'], 'rules.path-invalid', Object.keys(spec.fields)[0]!, factPath);
    return undefined;
  }
  const segments = factPath.slice(2).split('.');
  const field = segments.length === 1 && Object.hasOwn(spec.fields, segments[0]!) ? spec.fields[segments[0]!] : undefined;
  if (!field) {
    const fields = Object.keys(spec.fields);
    ctx.issues.add([...path, 'path'], 'rules.unknown-field', fact, factPath, fields, nearest(segments.join('.'), fields));
  }
  return field;
}

function checkScalar(value: unknown, field: FieldSpec, path: Path, ctx: ConditionContext, what: ValueRole = 'the value'): void {
  if (value === null) {
    if (!field.nullable) ctx.issues.add(path, 'rules.null-not-allowed', what);
    return;
  }
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) ctx.issues.add(path, 'rules.wrong-value-type', what, field.type, value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') ctx.issues.add(path, 'rules.wrong-value-type', what, field.type, value);
      return;
    case 'date':
      if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) ctx.issues.add(path, 'rules.wrong-value-type', what, field.type, value);
      return;
    case 'string':
    case 'string[]':
      if (typeof value !== 'string') ctx.issues.add(path, 'rules.wrong-value-type', what, field.type, value);
      else if (value.length > LIMITS.stringLength) ctx.issues.add(path, 'rules.value-too-long', what, LIMITS.stringLength);
      else if (field.type === 'string' && field.enum && !field.enum.includes(value)) ctx.issues.add(path, 'rules.value-not-in-enum', value, field.enum);
  }
}

function checkValue(operator: Operator, value: unknown, field: FieldSpec, path: Path, ctx: ConditionContext) {
  const vpath = [...path, 'value'];
  if (isPlainObject(value)) {
    // A fact reference: compare with another fact's field of the same type.
    unknownKeys(value, ['fact', 'path'], vpath, ctx);
    const other = resolveField(value.fact, value.path, vpath, ctx);
    if (other && other.type !== field.type) ctx.issues.add(vpath, 'rules.reference-type-mismatch', field.type, other.type);
    if (['in', 'notIn', 'contains', 'doesNotContain'].includes(operator)) ctx.issues.add(vpath, 'rules.reference-not-allowed', spellOperator(operator, ctx.notation));
    return;
  }
  if (operator === 'in' || operator === 'notIn') {
    if (!Array.isArray(value)) {
      ctx.issues.add(vpath, 'rules.list-expected', spellOperator(operator, ctx.notation), field.enum ? `"${field.enum[0]}"` : '"…"', value);
      return;
    }
    if (value.length > LIMITS.listValues) {
      ctx.issues.add(vpath, 'rules.list-too-long', LIMITS.listValues, value.length);
      return;
    }
    value.forEach((v, i) => checkScalar(v, field, [...vpath, i], ctx, 'each value'));
    return;
  }
  if (Array.isArray(value)) {
    ctx.issues.add(vpath, 'rules.single-value-expected', spellOperator(operator, ctx.notation));
    return;
  }
  if (operator === 'contains' || operator === 'doesNotContain') {
    checkScalar(value, { ...field, type: 'string', nullable: false }, vpath, ctx);
    return;
  }
  checkScalar(value, field, vpath, ctx);
}

function checkFactCondition(node: Record<string, unknown>, path: Path, ctx: ConditionContext) {
  unknownKeys(node, FACT_KEYS, path, ctx);
  checkMeta(node, path, ctx);
  const field = resolveField(node.fact, node.path, path, ctx);
  const operator = node.operator;
  if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
    ctx.issues.add([...path, 'operator'], 'rules.unknown-operator', operator, OPERATORS);
    return;
  }
  if (!('value' in node)) {
    ctx.issues.add(path, 'rules.missing-value');
    return;
  }
  if (!field) return;
  const allowed = operatorsFor[field.type];
  if (!allowed.includes(operator as Operator)) {
    const spell = (op: string) => spellOperator(op, ctx.notation);
    ctx.issues.add([...path, 'operator'], 'rules.operator-not-allowed', spell(operator), `${String(node.fact)}${String(node.path).slice(1)}`, field.type, allowed.map(spell));
    return;
  }
  checkValue(operator as Operator, node.value, field, path, ctx);
}

/** Checks one condition node; `top` nodes must be all/any/not/condition (json-rules-engine's rule). */
export function checkCondition(node: unknown, path: Path, depth: number, ctx: ConditionContext, top = false): void {
  if (ctx.issues.full) return;
  if (++ctx.nodes > LIMITS.conditionNodes) {
    if (ctx.nodes === LIMITS.conditionNodes + 1) ctx.issues.add(path, 'rules.too-many-conditions', LIMITS.conditionNodes);
    return;
  }
  if (depth > LIMITS.depth) {
    ctx.issues.add(path, 'rules.conditions-too-deep', LIMITS.depth);
    return;
  }
  if (!isPlainObject(node)) {
    ctx.issues.add(path, 'rules.condition-not-object', node);
    return;
  }
  if (ctx.ancestors.has(node)) {
    ctx.issues.add(path, 'rules.condition-contains-itself');
    return;
  }
  ctx.ancestors.add(node);
  try {
    checkNode(node, path, depth, ctx, top);
  } finally {
    ctx.ancestors.delete(node);
  }
}

function checkNode(node: Record<string, unknown>, path: Path, depth: number, ctx: ConditionContext, top: boolean): void {
  const kinds = BOOLEAN_KEYS.filter((k) => k in node);
  if ('fact' in node || (kinds.length === 0 && 'operator' in node)) {
    if (top) ctx.issues.add(path, 'rules.top-level-not-group');
    if (kinds.length > 0) ctx.issues.add(path, 'rules.fact-and-group', kinds[0]!);
    checkFactCondition(node, path, ctx);
    return;
  }
  if (kinds.length !== 1) {
    if (kinds.length === 0) ctx.issues.add(path, 'rules.condition-kind-missing');
    else ctx.issues.add(path, 'rules.condition-kinds-ambiguous', kinds);
    return;
  }
  const kind = kinds[0]!;
  unknownKeys(node, [kind, ...META_KEYS], path, ctx);
  checkMeta(node, path, ctx);
  const inner = node[kind];
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(inner)) {
      ctx.issues.add([...path, kind], 'rules.group-not-list', kind, inner);
      return;
    }
    if (inner.length > LIMITS.conditionsPerList) {
      ctx.issues.add([...path, kind], 'rules.group-too-long', kind, LIMITS.conditionsPerList, inner.length);
      return;
    }
    inner.forEach((c, i) => checkCondition(c, [...path, kind, i], depth + 1, ctx));
  } else if (kind === 'not') {
    checkCondition(inner, [...path, 'not'], depth + 1, ctx);
  } else {
    if (typeof inner !== 'string' || !ctx.named.has(inner)) {
      ctx.issues.add([...path, 'condition'], 'rules.unknown-condition', inner, [...ctx.named]);
    } else {
      ctx.references.add(inner);
    }
  }
}
