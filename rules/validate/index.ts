// Validates a rule-set document before it is saved or published: every fault at once, each with a
// JSON pointer and a message a person can act on. Accepts anything (parsed JSON or hostile values).
import { contracts } from '../../schemas/decisions/index.js';
import { DecisionName, HitPolicy, RuleSetDocument } from '../../schemas/rule-set.js';
import { checkCommentLines, checkDocumentComments } from './comments.js';
import { type ConditionContext, checkCondition } from './conditions.js';
import { FORBIDDEN_KEYS, Issues, type ValidationIssue, isPlainObject } from './issues.js';
import { LIMITS } from './limits.js';
import { render } from './messages.js';
import { nearest } from './nearest.js';
import type { Notation } from './notation.js';
import { checkReferences, type KnownIds } from './references.js';
import { checkStorableText } from './storable.js';

export type ValidationResult = { ok: true; document: RuleSetDocument } | { ok: false; issues: ValidationIssue[] };

const ROOT_KEYS = ['decision', 'hitPolicy', 'description', 'conditions', 'rules', 'comments'];
const RULE_KEYS = ['name', 'priority', 'conditions', 'event', 'comments'];
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
    if (FORBIDDEN_KEYS.has(key)) issues.add([...path, key], 'rules.forbidden-key', key);
    else if (!allowed.includes(key)) issues.add([...path, key], 'rules.unknown-key', key, allowed);
  }
}

/** What a document holds at a zod issue's path (undefined where it holds nothing). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || typeof key === 'symbol' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
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

export interface ValidateOptions {
  /** How the person wrote the rule set; messages name operators and the hit policy the same way. Default json. */
  notation?: Notation;
  /** The reps, teams and pools that exist: given, a rule set naming any other is refused. */
  known?: KnownIds | undefined;
}

export function validateRuleSet(input: unknown, { notation = 'json', known }: ValidateOptions = {}): ValidationResult {
  const issues = new Issues(LIMITS.issues);
  if (!isPlainObject(input)) {
    issues.add([], 'rules.document-not-object', input);
    return { ok: false, issues: issues.list };
  }
  const bytes = byteLength(input);
  if (bytes !== null && bytes > LIMITS.documentBytes) {
    issues.add([], 'rules.document-too-large', bytes, LIMITS.documentBytes);
    return { ok: false, issues: issues.list };
  }
  // Text the database cannot store is refused alone: the other checks' messages would quote it.
  if (checkStorableText(input, issues)) return { ok: false, issues: issues.list };
  unknownKeys(input, ROOT_KEYS, [], issues);

  const decision = DecisionName.safeParse(input.decision);
  if (!decision.success) {
    issues.add(['decision'], 'rules.unknown-decision', DecisionName.options, input.decision);
    return { ok: false, issues: issues.list };
  }
  const contract = contracts[decision.data];
  const hit = HitPolicy.safeParse(input.hitPolicy);
  if (!hit.success || hit.data !== contract.hitPolicy) {
    issues.add(['hitPolicy'], 'rules.hit-policy-mismatch', contract.name, contract.hitPolicy, input.hitPolicy, notation);
  }
  if ('description' in input && (typeof input.description !== 'string' || input.description.length > 2000)) {
    issues.add(['description'], 'rules.description-invalid');
  }
  if ('comments' in input) checkDocumentComments(input, issues);

  const named = new Map<string, unknown>();
  if ('conditions' in input) {
    if (!isPlainObject(input.conditions)) {
      issues.add(['conditions'], 'rules.conditions-not-object', input.conditions);
    } else {
      const entries = Object.entries(input.conditions);
      if (entries.length > LIMITS.namedConditions) issues.add(['conditions'], 'rules.too-many-named-conditions', LIMITS.namedConditions);
      for (const [name, cond] of entries.slice(0, LIMITS.namedConditions)) {
        if (FORBIDDEN_KEYS.has(name) || !NAME_RE.test(name)) {
          issues.add(['conditions', name], 'rules.named-condition-name-invalid');
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
    notation,
  };
  const graph = new Map<string, Set<string>>();
  for (const [name, cond] of named) {
    ctx.references = new Set();
    checkCondition(cond, ['conditions', name], 1, ctx, true);
    graph.set(name, ctx.references);
  }
  const cycle = findCycle(graph);
  if (cycle) issues.add(['conditions', cycle[0]!], 'rules.condition-cycle', cycle);

  if (!Array.isArray(input.rules)) {
    issues.add(['rules'], 'rules.rules-not-list', input.rules);
  } else if (input.rules.length === 0) {
    issues.add(['rules'], 'rules.no-rules');
  } else if (input.rules.length > LIMITS.rules) {
    issues.add(['rules'], 'rules.too-many-rules', LIMITS.rules, input.rules.length);
  } else {
    const names = new Map<string, number>();
    input.rules.forEach((rule, i) => {
      const path = ['rules', i];
      if (issues.full) return;
      if (!isPlainObject(rule)) {
        issues.add(path, 'rules.rule-not-object', rule);
        return;
      }
      unknownKeys(rule, RULE_KEYS, path, issues);
      if ('comments' in rule) checkCommentLines(rule.comments, [...path, 'comments'], issues);
      if ('name' in rule) {
        if (typeof rule.name !== 'string' || rule.name.trim() === '' || rule.name.length > 200) {
          issues.add([...path, 'name'], 'rules.rule-name-invalid');
        } else if (names.has(rule.name)) {
          issues.add([...path, 'name'], 'rules.duplicate-rule-name', names.get(rule.name)!, rule.name, notation);
        } else {
          names.set(rule.name, i);
        }
      }
      if ('priority' in rule && !(Number.isInteger(rule.priority) && (rule.priority as number) >= 1 && (rule.priority as number) <= 10_000)) {
        issues.add([...path, 'priority'], 'rules.rule-priority-invalid');
      }
      if (!('conditions' in rule)) issues.add(path, 'rules.missing-conditions');
      else checkCondition(rule.conditions, [...path, 'conditions'], 1, ctx, true);
      checkEvent(rule.event, [...path, 'event'], contract.name, issues);
    });
  }

  if (issues.list.length > 0) return { ok: false, issues: issues.list };
  const parsed = RuleSetDocument.safeParse(input);
  if (!parsed.success) {
    // The walk above is stricter than the schema; reaching this is a validator bug, reported as data.
    const refused = parsed.error.issues.map((i) => ({ pointer: `/${i.path.join('/')}`, code: 'rules.schema-mismatch', ...render('rules.schema-mismatch', i, valueAt(input, i.path)) }));
    return { ok: false, issues: refused };
  }
  if (known) {
    checkReferences(parsed.data, known, issues);
    if (issues.list.length > 0) return { ok: false, issues: issues.list };
  }
  return { ok: true, document: parsed.data };
}

function checkEvent(event: unknown, path: (string | number)[], decision: DecisionName, issues: Issues) {
  const contract = contracts[decision];
  const types = Object.keys(contract.events);
  if (!isPlainObject(event)) {
    issues.add(path, 'rules.missing-event', types);
    return;
  }
  unknownKeys(event, ['type', 'params'], path, issues);
  if (typeof event.type !== 'string' || !Object.hasOwn(contract.events, event.type)) {
    const suggestion = typeof event.type === 'string' ? nearest(event.type, types) : undefined;
    issues.add([...path, 'type'], 'rules.unknown-event-type', decision, types, event.type, suggestion);
    return;
  }
  const params = event.params ?? {};
  if (!isPlainObject(params)) {
    issues.add([...path, 'params'], 'rules.params-not-object', params);
    return;
  }
  for (const key of Object.keys(params)) if (FORBIDDEN_KEYS.has(key)) issues.add([...path, 'params', key], 'rules.forbidden-key', key);
  const result = contract.events[event.type]!.params.safeParse(params);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (keys.length > 0) {
        for (const k of keys) issues.add([...path, 'params', ...(issue.path as (string | number)[]), k], 'rules.unknown-param', k, event.type);
      } else {
        issues.add([...path, 'params', ...(issue.path as (string | number)[])], 'rules.param-invalid', issue, valueAt(params, issue.path));
      }
    }
  }
}
