// Checks an explanation against the document, the evaluation and the reference: the same fired
// rules, json-rules-engine's outcome per rule, and every node showing what the document says and
// a result that follows from the values it shows.
import { isDeepStrictEqual } from 'node:util';
import type { Condition, RuleSetDocument, TopLevelCondition } from '../../../schemas/rule-set.js';
import { classifyCondition } from '../condition-kind.js';
import { applyPath, asFacts, isFactReference, readFact } from '../facts.js';
import { namedConditions } from '../named-conditions.js';
import { applyOperator, operators } from '../operators.js';
import { parsePath } from '../path.js';
import type { ConditionExplanation, EvaluationResult, Explanation, Facts } from '../types.js';

/** A read computed without the compiler's accessors. */
function read(facts: Facts, fact: string, path: string | undefined): unknown {
  const value = readFact(facts, fact);
  return path ? applyPath(value, parsePath(path)) : value;
}

const same = (a: unknown, b: unknown) => Object.is(a, b) || isDeepStrictEqual(a, b);

function nodeProblem(
  doc: Condition,
  node: ConditionExplanation,
  facts: Facts,
  named: ReadonlyMap<string, TopLevelCondition>,
  where: string,
): string | null {
  const c = classifyCondition(doc);
  if (c.kind !== node.kind) return `${where}: explained as ${node.kind}, the document has ${c.kind}`;
  switch (c.kind) {
    case 'all':
    case 'any': {
      if (node.kind !== 'all' && node.kind !== 'any') return null;
      if (node.conditions.length !== c.conditions.length) return `${where}: ${node.conditions.length} conditions explained of ${c.conditions.length}`;
      const expected = node.conditions.length === 0 || (node.kind === 'all' ? node.conditions.every((x) => x.result) : node.conditions.some((x) => x.result));
      if (node.result !== expected) return `${where}: ${node.kind} says ${node.result}, its conditions say ${expected}`;
      for (const [i, child] of node.conditions.entries()) {
        const problem = nodeProblem(c.conditions[i]!, child, facts, named, `${where}/${node.kind}/${i}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'not':
      if (node.kind !== 'not') return null;
      if (node.result === node.condition.result) return `${where}: not says ${node.result} of ${node.condition.result}`;
      return nodeProblem(c.condition, node.condition, facts, named, `${where}/not`);
    case 'reference': {
      if (node.kind !== 'reference') return null;
      const body = named.get(c.name);
      if (node.name !== c.name) return `${where}: reference to ${node.name}, the document says ${c.name}`;
      if (body === undefined) return node.condition === null && !node.result ? null : `${where}: an unknown reference must be false with no condition`;
      if (node.condition === null || node.result !== node.condition.result) return `${where}: reference result differs from its condition`;
      return nodeProblem(body, node.condition, facts, named, `${where}→${c.name}`);
    }
    case 'fact': {
      if (node.kind !== 'fact') return null;
      const { fact, path, operator, value } = c.condition;
      if (node.fact !== fact || node.path !== (path ?? null) || node.operator !== operator) return `${where}: fact, path or operator differ from the document`;
      const factValue = read(facts, fact, path);
      if (!Object.is(factValue, node.factValue)) return `${where}: shows fact value ${String(node.factValue)}, the facts hold ${String(factValue)}`;
      const compared = isFactReference(value) ? read(facts, value.fact, value.path) : value;
      if (!same(compared, node.value)) return `${where}: shows compared value ${String(node.value)}, expected ${String(compared)}`;
      const result = applyOperator(operators[operator], node.factValue, node.value);
      if (result !== node.result) return `${where}: ${operator} gives ${result}, the explanation says ${node.result}`;
      return null;
    }
  }
}

/** What is wrong with an explanation, or null when nothing is. */
export function explanationProblem(
  doc: RuleSetDocument,
  input: Facts,
  explanation: Explanation,
  evaluated: EvaluationResult,
  referenceRuleResults: readonly boolean[],
): string | null {
  const facts = asFacts(input);
  const named = namedConditions(doc);
  if (explanation.decision !== doc.decision || explanation.hitPolicy !== doc.hitPolicy) return 'decision or hit policy differ';
  if (!isDeepStrictEqual(explanation.fired, evaluated.fired)) return 'explain().fired differs from evaluate().fired';
  if (explanation.rules.length !== doc.rules.length) return 'the explanation has a different number of rules';
  for (const [i, rule] of explanation.rules.entries()) {
    if (rule.index !== i) return `rule ${i} explained at position ${rule.index}`;
    if (rule.result !== referenceRuleResults[i]) return `rule ${i}: the explanation says ${rule.result}, json-rules-engine ${String(referenceRuleResults[i])}`;
    if (rule.result !== rule.conditions.result) return `rule ${i}: result differs from its conditions`;
    const problem = nodeProblem(doc.rules[i]!.conditions, rule.conditions, facts, named, `/rules/${i}/conditions`);
    if (problem) return problem;
  }
  return null;
}
