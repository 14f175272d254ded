// A document's named conditions as json-rules-engine registers them, and the loop check both engines run first.
import type { Condition, RuleSetDocument, TopLevelCondition } from '../../schemas/rule-set.js';
import { classifyCondition } from './condition-kind.js';
import { RuleEngineError } from './errors.js';

/**
 * Own entries of `doc.conditions`. The empty name is left out: json-rules-engine's
 * `setCondition('')` throws, so a reference to it can only ever be an unknown (false) one.
 */
export function namedConditions(doc: RuleSetDocument): ReadonlyMap<string, TopLevelCondition> {
  return new Map(Object.entries(doc.conditions ?? {}).filter(([name]) => name !== ''));
}

function references(node: Condition, into: string[]): string[] {
  const c = classifyCondition(node);
  switch (c.kind) {
    case 'reference':
      into.push(c.name);
      break;
    case 'not':
      references(c.condition, into);
      break;
    case 'all':
    case 'any':
      for (const child of c.conditions) references(child, into);
      break;
    case 'fact':
  }
  return into;
}

const pointerTo = (name: string) => `/conditions/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/**
 * Refuses named conditions that reach themselves. json-rules-engine would recurse until the
 * stack overflows, or chain promises forever, so such a document has no meaning to mirror.
 *
 * @throws RuleEngineError CONDITION_CYCLE, pointing at a condition on the loop.
 */
export function assertNoConditionCycle(named: ReadonlyMap<string, TopLevelCondition>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const loop = [...trail.slice(trail.indexOf(name)), name];
      throw new RuleEngineError('CONDITION_CYCLE', `named conditions refer to each other in a loop: ${loop.join(' → ')}`, pointerTo(name));
    }
    const node = named.get(name);
    if (node === undefined) return;
    state.set(name, 'visiting');
    for (const next of references(node, [])) visit(next, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of named.keys()) visit(name, []);
}
