// How a condition finds its value in the facts — one definition for both engines.
import type { FactCondition } from '../../schemas/rule-set.js';
import { type PathSegments, resolveSegments } from './path.js';
import type { Facts } from './types.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Facts that are not an object (null, a string …) count as no facts at all. */
const NO_FACTS: Facts = Object.freeze(Object.create(null) as Facts);

export function asFacts(facts: unknown): Facts {
  return facts !== null && typeof facts === 'object' ? (facts as Facts) : NO_FACTS;
}

/**
 * Own properties only: json-rules-engine's `for…in` would also take inherited enumerable keys
 * (and skip non-enumerable own ones, which plain data never has; checking enumerability costs
 * twice as much). The empty name is never a fact: json-rules-engine refuses such an id.
 */
export function readFact(facts: Facts, name: string): unknown {
  return name !== '' && hasOwn.call(facts, name) ? facts[name] : undefined;
}

/** The fact names `readFact` can see. */
export const factNames = (facts: Facts): string[] => Object.getOwnPropertyNames(facts).filter((name) => name !== '');

/**
 * json-rules-engine's almanac applies a path only to an object (arrays included); any other
 * value — a string, null, a missing fact — is returned as it is, path or not.
 */
export function applyPath(value: unknown, segments: PathSegments): unknown {
  return value !== null && typeof value === 'object' ? resolveSegments(value, segments) : value;
}

/** A condition value `{ fact, path? }` is a reference: json-rules-engine's test is an own `fact` key on a non-null object. */
export function isFactReference(value: FactCondition['value']): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'fact');
}
