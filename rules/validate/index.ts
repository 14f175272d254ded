// Validates a rule-set document before it is saved or published: every fault at once, each with a
// JSON pointer and a message a person can act on. Accepts anything (parsed JSON or hostile values).
import { contracts } from '../../schemas/decisions/index.js';
import { DecisionName, HitPolicy, RuleSetDocument } from '../../schemas/rule-set.js';
import { type ConditionContext, checkCondition } from './conditions.js';
import { FORBIDDEN_KEYS, Issues, type ValidationIssue, describe, isPlainObject } from './issues.js';
import { LIMITS } from './limits.js';

export type ValidationResult = { ok: true; document: RuleSetDocument } | { ok: false; issues: ValidationIssue[] };

const ROOT_KEYS = ['decision', 'hitPolicy', 'description', 'conditions', 'rules'];
const RULE_KEYS = ['name', 'priority', 'conditions', 'event'];
const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function byteLength(input: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify(input) ?? '', 'utf8');
  } catch {
    return null; // cycles or BigInt: reported by the walk
  }
}

function unknownKeys(node: Record<string, unknown>, allowed: string[], path: (string | number)[], issues: Issues) {
  for (const key of Object.keys(node)) {
    if (FORBIDDEN_KEYS.has(key)) issues.add([...path, key], `"${key}" is not allowed as a key`);
    else if (!allowed.includes(key)) issues.add([...path, key], `unknown field "${key}"; expected ${allowed.map((k) => `"${k}"`).join(', ')}`);
  }
}

/** Named conditions may refer to each other, but not in a circle. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) {
    const found = visit(n);
    if (found) return found;
  }
  return null;
}

export function validateRuleSet(input: unknown): ValidationResult {
  const issues = new Issues(LIMITS.issues);
  if (!isPlainObject(input)) {
    issues.add([], `a rule set is an object with "decision", "hitPolicy" and "rules", not ${describe(input)}`);
    return { ok: false, issues: issues.list };
  }
  const bytes = byteLength(input);
  if (bytes !== null && bytes > LIMITS.documentBytes) {
    issues.add([], `the rule set is ${Math.round(bytes / 1024)} KiB; at most ${LIMITS.documentBytes / 1024} KiB is allowed`);
    return { ok: false, issues: issues.list };
  }
  unknownKeys(input, ROOT_KEYS, [], issues);

  const decision = DecisionName.safeParse(input.decision);
  if (!decision.success) {
    issues.add(['decision'], `"decision" must be one of ${DecisionName.options.map((d) => `"${d}"`).join(', ')}; got ${describe(input.decision)}`);
    return { ok: false, issues: issues.list };
  }
  const contract = contracts[decision.data];
  const hit = HitPolicy.safeParse(input.hitPolicy);
  if (!hit.success || hit.data !== contract.hitPolicy) {
    issues.add(['hitPolicy'], `${contract.name} rules use "hitPolicy": "${contract.hitPolicy}" (${contract.hitPolicy === 'first' ? 'the first rule that fires decides' : 'every rule that fires counts'}); got ${describe(input.hitPolicy)}`);
  }
  if ('description' in input && (typeof input.description !== 'string' || input.description.length > 2000)) {
    issues.add(['description'], 'the description must be text of at most 2000 characters');
  }

  const named = new Map<string, unknown>();
  if ('conditions' in input) {
    if (!isPlainObject(input.conditions)) {
      issues.add(['conditions'], `"conditions" holds named conditions: { "name": { "all": [ … ] } }, not ${describe(input.conditions)}`);
    } else {
      const entries = Object.entries(input.conditions);
      if (entries.length > LIMITS.namedConditions) issues.add(['conditions'], `at most ${LIMITS.namedConditions} named conditions`);
      for (const [name, cond] of entries.slice(0, LIMITS.namedConditions)) {
        if (FORBIDDEN_KEYS.has(name) || !NAME_RE.test(name)) {
          issues.add(['conditions', name], 'a condition name starts with a letter and has letters, digits, "_" or "-" (at most 64)');
        } else {
          named.set(name, cond);
        }
      }
    }
  }

  const ctx: ConditionContext = {
    contract,
    issues,
    named: new Set(named.keys()),
    references: new Set(),
    nodes: 0,
    ancestors: new Set(),
  };
  const graph = new Map<string, Set<string>>();
  for (const [name, cond] of named) {
    ctx.references = new Set();
    checkCondition(cond, ['conditions', name], 1, ctx, true);
    graph.set(name, ctx.references);
  }
  const cycle = findCycle(graph);
  if (cycle) issues.add(['conditions', cycle[0]!], `named conditions refer to each other in a circle: ${cycle.join(' → ')}`);

  if (!Array.isArray(input.rules)) {
    issues.add(['rules'], `"rules" must be a list of rules, not ${describe(input.rules)}`);
  } else if (input.rules.length === 0) {
    issues.add(['rules'], 'a rule set needs at least one rule');
  } else if (input.rules.length > LIMITS.rules) {
    issues.add(['rules'], `a rule set may hold at most ${LIMITS.rules} rules (this one has ${input.rules.length})`);
  } else {
    const names = new Map<string, number>();
    input.rules.forEach((rule, i) => {
      const path = ['rules', i];
      if (issues.full) return;
      if (!isPlainObject(rule)) {
        issues.add(path, `a rule is an object with "conditions" and "event", not ${describe(rule)}`);
        return;
      }
      unknownKeys(rule, RULE_KEYS, path, issues);
      if ('name' in rule) {
        if (typeof rule.name !== 'string' || rule.name.trim() === '' || rule.name.length > 200) {
          issues.add([...path, 'name'], 'a rule name must be non-empty text of at most 200 characters');
        } else if (names.has(rule.name)) {
          issues.add([...path, 'name'], `rule ${names.get(rule.name)} already has the name "${rule.name}"; names must be unique`);
        } else {
          names.set(rule.name, i);
        }
      }
      if ('priority' in rule && !(Number.isInteger(rule.priority) && (rule.priority as number) >= 1 && (rule.priority as number) <= 10_000)) {
        issues.add([...path, 'priority'], 'priority must be a whole number from 1 to 10000 (higher runs first)');
      }
      if (!('conditions' in rule)) issues.add(path, 'a rule needs "conditions" (use { "all": [] } for "always")');
      else checkCondition(rule.conditions, [...path, 'conditions'], 1, ctx, true);
      checkEvent(rule.event, [...path, 'event'], contract.name, issues);
    });
  }

  if (issues.list.length > 0) return { ok: false, issues: issues.list };
  const parsed = RuleSetDocument.safeParse(input);
  if (!parsed.success) {
    // The walk above is stricter than the schema; reaching this is a validator bug, reported as data.
    return { ok: false, issues: parsed.error.issues.map((i) => ({ pointer: `/${i.path.join('/')}`, message: i.message })) };
  }
  return { ok: true, document: parsed.data };
}

function checkEvent(event: unknown, path: (string | number)[], decision: DecisionName, issues: Issues) {
  const contract = contracts[decision];
  const types = Object.keys(contract.events);
  if (!isPlainObject(event)) {
    issues.add(path, `a rule needs an "event": { "type": ${types.map((t) => `"${t}"`).join(' or ')}, "params": { … } }`);
    return;
  }
  unknownKeys(event, ['type', 'params'], path, issues);
  if (typeof event.type !== 'string' || !Object.hasOwn(contract.events, event.type)) {
    issues.add([...path, 'type'], `${decision} rules emit ${types.map((t) => `"${t}"`).join(' or ')}; got ${describe(event.type)}`);
    return;
  }
  const params = event.params ?? {};
  if (!isPlainObject(params)) {
    issues.add([...path, 'params'], `"params" must be an object, not ${describe(params)}`);
    return;
  }
  for (const key of Object.keys(params)) if (FORBIDDEN_KEYS.has(key)) issues.add([...path, 'params', key], `"${key}" is not allowed as a key`);
  const result = contract.events[event.type]!.params.safeParse(params);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (keys.length > 0) {
        for (const k of keys) issues.add([...path, 'params', ...(issue.path as (string | number)[]), k], `unknown parameter "${k}" for "${event.type}"`);
      } else {
        issues.add([...path, 'params', ...(issue.path as (string | number)[])], issue.message);
      }
    }
  }
}
