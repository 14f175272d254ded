// Checks condition trees: structure, known facts and paths, operators valid for the field type,
// values of the right type, references that resolve; with depth and size limits.
import type { DecisionContract, FieldSpec } from '../../schemas/decisions/contract.js';
import { operatorsFor } from '../../schemas/decisions/contract.js';
import { OPERATORS, type Operator } from '../../schemas/rule-set.js';
import { FORBIDDEN_KEYS, type Issues, describe, isPlainObject } from './issues.js';
import { LIMITS } from './limits.js';

type Path = (string | number)[];

const PATH_RE = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const BOOLEAN_KEYS = ['all', 'any', 'not', 'condition'] as const;
const META_KEYS = ['name', 'priority'];
const FACT_KEYS = ['fact', 'path', 'operator', 'value', ...META_KEYS];

const typeLabel: Record<FieldSpec['type'], string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true/false',
  date: 'a date',
  'string[]': 'a list of texts',
};

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
}

function checkMeta(node: Record<string, unknown>, path: Path, ctx: ConditionContext) {
  if ('name' in node && (typeof node.name !== 'string' || node.name.length > 200)) {
    ctx.issues.add([...path, 'name'], 'a condition name must be text of at most 200 characters');
  }
  if ('priority' in node && !(Number.isInteger(node.priority) && (node.priority as number) >= 1 && (node.priority as number) <= 10_000)) {
    ctx.issues.add([...path, 'priority'], 'priority must be a whole number from 1 to 10000');
  }
}

function unknownKeys(node: Record<string, unknown>, allowed: readonly string[], path: Path, ctx: ConditionContext) {
  for (const key of Object.keys(node)) {
    if (FORBIDDEN_KEYS.has(key)) ctx.issues.add([...path, key], `"${key}" is not allowed as a key`);
    else if (!allowed.includes(key)) ctx.issues.add([...path, key], `unknown field "${key}"; expected ${allowed.map((k) => `"${k}"`).join(', ')}`);
  }
}

/** Resolves "$.field" of a fact to its field spec, reporting what is wrong. */
function resolveField(fact: unknown, factPath: unknown, path: Path, ctx: ConditionContext): FieldSpec | undefined {
  const facts = ctx.contract.facts;
  if (typeof fact !== 'string' || !Object.hasOwn(facts, fact)) {
    ctx.issues.add([...path, 'fact'], `unknown fact ${describe(fact)}; ${ctx.contract.name} rules can use ${Object.keys(facts).map((f) => `"${f}"`).join(', ')}`);
    return undefined;
  }
  const spec = facts[fact]!;
  if (factPath === undefined) {
    ctx.issues.add([...path, 'path'], `say which field of "${fact}" to test, e.g. "path": "$.${Object.keys(spec.fields)[0]}"`);
    return undefined;
  }
  if (typeof factPath !== 'string' || !PATH_RE.test(factPath)) {
    ctx.issues.add([...path, 'path'], `a path is "$." and a field name, e.g. "$.${Object.keys(spec.fields)[0]}"; got ${describe(factPath)}`);
    return undefined;
  }
  const segments = factPath.slice(2).split('.');
  const field = segments.length === 1 && Object.hasOwn(spec.fields, segments[0]!) ? spec.fields[segments[0]!] : undefined;
  if (!field) {
    ctx.issues.add([...path, 'path'], `"${fact}" has no field ${factPath}; its fields are ${Object.keys(spec.fields).join(', ')}`);
  }
  return field;
}

function checkScalar(value: unknown, field: FieldSpec, path: Path, ctx: ConditionContext, what = 'the value'): void {
  if (value === null) {
    if (!field.nullable) ctx.issues.add(path, `${what} cannot be null: this field always has a value`);
    return;
  }
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) ctx.issues.add(path, `${what} must be a number, not ${describe(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') ctx.issues.add(path, `${what} must be true or false, not ${describe(value)}`);
      return;
    case 'date':
      if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) {
        ctx.issues.add(path, `${what} must be a date such as "2026-01-31" or "2026-01-31T08:00:00Z", not ${describe(value)}`);
      }
      return;
    case 'string':
    case 'string[]':
      if (typeof value !== 'string') ctx.issues.add(path, `${what} must be text, not ${describe(value)}`);
      else if (value.length > LIMITS.stringLength) ctx.issues.add(path, `${what} is longer than ${LIMITS.stringLength} characters`);
      else if (field.type === 'string' && field.enum && !field.enum.includes(value)) {
        ctx.issues.add(path, `${describe(value)} is not one of ${field.enum.map((e) => `"${e}"`).join(', ')}`);
      }
  }
}

function checkValue(operator: Operator, value: unknown, field: FieldSpec, path: Path, ctx: ConditionContext) {
  const vpath = [...path, 'value'];
  if (isPlainObject(value)) {
    // A fact reference: compare with another fact's field of the same type.
    unknownKeys(value, ['fact', 'path'], vpath, ctx);
    const other = resolveField(value.fact, value.path, vpath, ctx);
    if (other && other.type !== field.type) {
      ctx.issues.add(vpath, `compares ${typeLabel[field.type]} with ${typeLabel[other.type]}; both sides must have the same type`);
    }
    if (['in', 'notIn', 'contains', 'doesNotContain'].includes(operator)) {
      ctx.issues.add(vpath, `"${operator}" needs a written value, not a fact reference`);
    }
    return;
  }
  if (operator === 'in' || operator === 'notIn') {
    if (!Array.isArray(value)) {
      ctx.issues.add(vpath, `"${operator}" needs a list of values, e.g. [${field.enum ? `"${field.enum[0]}"` : '"…"'}]; got ${describe(value)}`);
      return;
    }
    if (value.length > LIMITS.listValues) {
      ctx.issues.add(vpath, `a list may hold at most ${LIMITS.listValues} values (this one has ${value.length})`);
      return;
    }
    value.forEach((v, i) => checkScalar(v, field, [...vpath, i], ctx, 'each value'));
    return;
  }
  if (Array.isArray(value)) {
    ctx.issues.add(vpath, `"${operator}" compares with one value, not a list; use "in" to test several values`);
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
    ctx.issues.add([...path, 'operator'], `unknown operator ${describe(operator)}; operators are ${OPERATORS.join(', ')}`);
    return;
  }
  if (!('value' in node)) {
    ctx.issues.add(path, 'a condition needs a "value" to compare with');
    return;
  }
  if (!field) return;
  const allowed = operatorsFor[field.type];
  if (!allowed.includes(operator as Operator)) {
    ctx.issues.add(
      [...path, 'operator'],
      `"${operator}" does not work on ${String(node.fact)}${String(node.path).slice(1)} (${typeLabel[field.type]}); use ${allowed.join(', ')}`,
    );
    return;
  }
  checkValue(operator as Operator, node.value, field, path, ctx);
}

/** Checks one condition node; `top` nodes must be all/any/not/condition (json-rules-engine's rule). */
export function checkCondition(node: unknown, path: Path, depth: number, ctx: ConditionContext, top = false): void {
  if (ctx.issues.full) return;
  if (++ctx.nodes > LIMITS.conditionNodes) {
    if (ctx.nodes === LIMITS.conditionNodes + 1) ctx.issues.add(path, `a rule set may hold at most ${LIMITS.conditionNodes} conditions`);
    return;
  }
  if (depth > LIMITS.depth) {
    ctx.issues.add(path, `conditions are nested more than ${LIMITS.depth} levels deep; flatten them or use named conditions`);
    return;
  }
  if (!isPlainObject(node)) {
    ctx.issues.add(path, `a condition must be an object like { "all": [ … ] } or { "fact": …, "operator": …, "value": … }, not ${describe(node)}`);
    return;
  }
  if (ctx.ancestors.has(node)) {
    ctx.issues.add(path, 'this condition contains itself (a cycle)');
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
    if (top) ctx.issues.add(path, 'the top of a rule\'s conditions must be "all", "any", "not" or a "condition" reference; wrap this in { "all": [ … ] }');
    if (kinds.length > 0) ctx.issues.add(path, `a condition is either a fact test or "${kinds[0]}", not both`);
    checkFactCondition(node, path, ctx);
    return;
  }
  if (kinds.length !== 1) {
    ctx.issues.add(path, kinds.length === 0 ? 'a condition needs "all", "any", "not", "condition" or "fact"' : `a condition has exactly one of ${kinds.map((k) => `"${k}"`).join(' or ')}`);
    return;
  }
  const kind = kinds[0]!;
  unknownKeys(node, [kind, ...META_KEYS], path, ctx);
  checkMeta(node, path, ctx);
  const inner = node[kind];
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(inner)) {
      ctx.issues.add([...path, kind], `"${kind}" needs a list of conditions, not ${describe(inner)}`);
      return;
    }
    if (inner.length > LIMITS.conditionsPerList) {
      ctx.issues.add([...path, kind], `"${kind}" may list at most ${LIMITS.conditionsPerList} conditions (this one has ${inner.length}); group them`);
      return;
    }
    inner.forEach((c, i) => checkCondition(c, [...path, kind, i], depth + 1, ctx));
  } else if (kind === 'not') {
    checkCondition(inner, [...path, 'not'], depth + 1, ctx);
  } else {
    if (typeof inner !== 'string' || !ctx.named.has(inner)) {
      ctx.issues.add(
        [...path, 'condition'],
        ctx.named.size > 0
          ? `no named condition ${describe(inner)}; the document defines ${[...ctx.named].map((n) => `"${n}"`).join(', ')}`
          : `no named condition ${describe(inner)}; define it under "conditions" at the top of the document`,
      );
    } else {
      ctx.references.add(inner);
    }
  }
}
