// The reps, teams and pools a rule set names (assign to a rep, a team or a pool; an approver; the
// pool a deadline reclaims to; a condition on an id field), checked against the ids that exist. The
// check is pure: the caller passes the ids in (the server reads them from the database).
import type { DecisionContract, ReferenceKind } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Issues } from './issues.js';
import { nearest } from './nearest.js';

/** The ids that exist: reps with whether they are active, teams, pools. */
export interface KnownIds {
  reps: ReadonlyMap<string, { active: boolean }>;
  teams: ReadonlySet<string>;
  pools: ReadonlySet<string>;
}

/** One id a rule set names, and where (as a path into the document). */
export interface Reference {
  path: (string | number)[];
  kind: ReferenceKind;
  id: string;
}

/** The field a fact test reads, when the contract knows it. */
function fieldOf(contract: DecisionContract, fact: string, path: string | undefined) {
  if (path === undefined || !Object.hasOwn(contract.facts, fact)) return undefined;
  const fields = contract.facts[fact]!.fields;
  const name = path.slice(2);
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

function inCondition(node: Condition, path: (string | number)[], contract: DecisionContract, out: Reference[]) {
  if ('all' in node) node.all.forEach((c, i) => inCondition(c, [...path, 'all', i], contract, out));
  else if ('any' in node) node.any.forEach((c, i) => inCondition(c, [...path, 'any', i], contract, out));
  else if ('not' in node) inCondition(node.not, [...path, 'not'], contract, out);
  else if ('fact' in node) {
    const kind = fieldOf(contract, node.fact, node.path)?.refers;
    if (kind === undefined) return;
    if (typeof node.value === 'string') out.push({ path: [...path, 'value'], kind, id: node.value });
    else if (Array.isArray(node.value)) node.value.forEach((v, i) => typeof v === 'string' && out.push({ path: [...path, 'value', i], kind, id: v }));
  }
}

/**
 * Every rep, team and pool id a valid document names, in document order.
 *
 * @example
 * referencesOf(doc); // [{ path: ['rules', 0, 'event', 'params', 'rep'], kind: 'rep', id: 'li' }]
 */
export function referencesOf(document: RuleSetDocument): Reference[] {
  const contract = contracts[document.decision];
  const out: Reference[] = [];
  for (const [name, body] of Object.entries(document.conditions ?? {})) inCondition(body, ['conditions', name], contract, out);
  document.rules.forEach((rule, i) => {
    inCondition(rule.conditions, ['rules', i, 'conditions'], contract, out);
    const event = Object.hasOwn(contract.events, rule.event.type) ? contract.events[rule.event.type] : undefined;
    for (const [param, kind] of Object.entries(event?.references ?? {})) {
      const id = rule.event.params?.[param];
      if (typeof id === 'string') out.push({ path: ['rules', i, 'event', 'params', param], kind, id });
    }
  });
  return out;
}

const CODES = { rep: 'rules.unknown-rep', team: 'rules.unknown-team', pool: 'rules.unknown-pool' } as const;

/** Unknown ids that get a "did you mean"; the rest only the issue (each hint compares with every id). */
const HINTS = 20;

/** An issue for every id that does not exist, with the nearest one that does. */
export function checkReferences(document: RuleSetDocument, known: KnownIds, issues: Issues): void {
  const ids = { rep: known.reps, team: known.teams, pool: known.pools };
  let hints = 0;
  for (const ref of referencesOf(document)) {
    if (ids[ref.kind].has(ref.id)) continue;
    // Only ids of about the same length can be within the two edits a hint allows.
    const close = hints++ < HINTS ? [...ids[ref.kind].keys()].filter((id) => Math.abs(id.length - ref.id.length) <= 2) : [];
    issues.add(ref.path, CODES[ref.kind], ref.id, nearest(ref.id, close));
  }
}

/** The deactivated reps a document names (a warning: the rule reaches nobody until they are back). */
export const inactiveReps = (document: RuleSetDocument, known: KnownIds): Reference[] =>
  referencesOf(document).filter((r) => r.kind === 'rep' && known.reps.get(r.id)?.active === false);
