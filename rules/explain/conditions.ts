// Why a rule's conditions came out as they did, as phrases: the leaves that held (or, under a
// `not`, the ones that failed), with field labels, readable operators and the values seen. Only the
// branch of an `any` that held is told.
import type { DecisionContract, FieldSpec } from '../../schemas/decisions/contract.js';
import type { ConditionExplanation } from '../../schemas/explanation.js';
import type { Condition, FactCondition, RuleSetDocument } from '../../schemas/rule-set.js';
import { type Language, NEGATION, conjunction, operatorText, pick, say, valueText } from './words.js';

export interface ConditionContext {
  contract: DecisionContract;
  language: Language;
  /** The document the explanation is of: it names fact references and named conditions. */
  document?: RuleSetDocument | undefined;
}

const ORDERED = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'before', 'after', 'onOrBefore', 'onOrAfter']);

function fieldSpecOf(fact: string, path: string | null | undefined, ctx: ConditionContext): FieldSpec | undefined {
  const field = path?.startsWith('$.') ? path.slice(2) : undefined;
  const spec = ctx.contract.facts[fact];
  return spec && field !== undefined && Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
}

/** A fact field by its label ("预计成交天数"), or as written when the contract does not know it. */
export function fieldLabel(fact: string, path: string | null | undefined, ctx: ConditionContext): string {
  const field = path?.startsWith('$.') ? path.slice(2) : undefined;
  const spec = ctx.contract.facts[fact];
  if (spec && field === undefined) return pick(spec.label, ctx.language);
  const fieldSpec = fieldSpecOf(fact, path, ctx);
  return fieldSpec ? pick(fieldSpec.label, ctx.language) : `${fact}${field === undefined ? '' : `.${field}`}`;
}

/** A value of a field in words where the contract has them ("inquiry" → 询盘), lists item by item. */
function fieldValueText(value: unknown, spec: FieldSpec | undefined, language: Language): string {
  const words = spec?.values;
  if (!words) return valueText(value, language);
  const word = (v: unknown) => (typeof v === 'string' && Object.hasOwn(words, v) ? pick(words[v]!, language) : v);
  return valueText(Array.isArray(value) ? value.map(word) : word(value), language);
}

function isReference(value: unknown): value is { fact: string; path?: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';
}

type Leaf = Extract<ConditionExplanation, { kind: 'fact' }>;

/** One fact test as a true statement: held (as written) or not held (negated). */
function leafPhrase(leaf: Leaf, held: boolean, source: Condition | undefined, ctx: ConditionContext): string {
  const { language } = ctx;
  const label = fieldLabel(leaf.fact, leaf.path, ctx);
  const spec = fieldSpecOf(leaf.fact, leaf.path, ctx);
  const written = source && 'operator' in source ? (source as FactCondition).value : undefined;
  const referenced = isReference(written) ? fieldSpecOf(written.fact, written.path, ctx) : undefined;
  const compared = isReference(written)
    ? say(language, `${fieldLabel(written.fact, written.path, ctx)} (${fieldValueText(leaf.value, referenced, language)})`, `${fieldLabel(written.fact, written.path, ctx)}（${fieldValueText(leaf.value, referenced, language)}）`)
    : fieldValueText(leaf.value, spec, language);
  const seen = fieldValueText(leaf.factValue, spec, language);
  if (held) {
    return leaf.operator === 'equal' && !isReference(written) ? `${label} = ${compared}` : `${label} ${seen} ${operatorText(leaf.operator, language)} ${compared}`;
  }
  // A yes/no field that is not what the rule asked is simply what it is: "key customer = yes".
  if (leaf.operator === 'equal' && typeof leaf.factValue === 'boolean' && typeof leaf.value === 'boolean') return `${label} = ${seen}`;
  const unknown = leaf.factValue === null || leaf.factValue === undefined || leaf.value === null || leaf.value === undefined;
  if (ORDERED.has(leaf.operator) && unknown) {
    const statement = `${label} ${seen} ${operatorText(leaf.operator, language)} ${compared}`;
    return say(language, `not ${statement}`, `并非 ${statement}`);
  }
  return `${label} ${seen} ${operatorText(NEGATION[leaf.operator], language)} ${compared}`;
}

const childrenOf = (source: Condition | undefined, key: 'all' | 'any'): Condition[] | undefined =>
  source && key in source ? (source as Record<typeof key, Condition[]>)[key] : undefined;

/**
 * Phrases that together say why `node` came out as `held`: for a rule that fired, call it with
 * held = true. Every phrase is a true statement; a named condition wraps its own in parentheses.
 */
export function conditionPhrases(node: ConditionExplanation, held: boolean, source: Condition | undefined, ctx: ConditionContext): string[] {
  const { language } = ctx;
  switch (node.kind) {
    case 'fact':
      return [leafPhrase(node, held, source, ctx)];
    case 'not':
      return conditionPhrases(node.condition, !held, source && 'not' in source ? source.not : undefined, ctx);
    case 'all':
    case 'any': {
      const sources = childrenOf(source, node.kind);
      const children = node.conditions.map((c, i) => ({ c, source: sources?.[i] }));
      // all held / any failed: every child tells; all failed / any held: the first child that decided.
      const every = (node.kind === 'all') === held;
      const telling = every ? children : children.filter((x) => x.c.result === held).slice(0, 1);
      return telling.flatMap((x) => conditionPhrases(x.c, held, x.source, ctx));
    }
    case 'reference': {
      if (node.condition === null) return [say(language, `condition ${node.name} is not defined`, `条件 ${node.name} 未定义`)];
      const inner = conjunction(conditionPhrases(node.condition, held, ctx.document?.conditions?.[node.name], ctx), language);
      const name = held ? node.name : say(language, `not ${node.name}`, `不满足 ${node.name}`);
      return [inner ? say(language, `${name} (${inner})`, `${name}（${inner}）`) : name];
    }
  }
}
