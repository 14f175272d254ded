// Which of the five condition shapes a node is, decided in json-rules-engine's order.
import type { Condition, FactCondition } from '../../schemas/rule-set.js';

export type ClassifiedCondition =
  | { kind: 'all' | 'any'; conditions: readonly Condition[] }
  | { kind: 'not'; condition: Condition }
  | { kind: 'reference'; name: string }
  | { kind: 'fact'; condition: FactCondition };

const has = (node: object, key: string) => Object.prototype.hasOwnProperty.call(node, key);

/** `any` wins over `all` over `not` over a reference, as json-rules-engine checks them. */
export function classifyCondition(node: Condition): ClassifiedCondition {
  if (has(node, 'any')) return { kind: 'any', conditions: (node as { any: Condition[] }).any };
  if (has(node, 'all')) return { kind: 'all', conditions: (node as { all: Condition[] }).all };
  if (has(node, 'not')) return { kind: 'not', condition: (node as { not: Condition }).not };
  if (has(node, 'condition')) return { kind: 'reference', name: (node as { condition: string }).condition };
  return { kind: 'fact', condition: node as FactCondition };
}
