// How the person wrote the rule set: as a JSON document or as rules-language source. Messages name
// operators, the hit policy and rules the way that person wrote them.
import type { Operator } from '../../schemas/rule-set.js';

export type Notation = 'json' | 'source';

/** The operators as the rules language writes them. */
export const OPERATOR_TEXT: Record<Operator, string> = {
  equal: '=', notEqual: '!=', lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=',
  in: 'in', notIn: 'not in', contains: 'contains', doesNotContain: 'does not contain', before: 'before', after: 'after',
  onOrBefore: 'on or before', onOrAfter: 'on or after',
};

/** An operator as the person wrote it: `doesNotContain` in JSON, `does not contain` in source. */
export const spellOperator = (operator: string, notation: Notation) =>
  notation === 'source' && Object.hasOwn(OPERATOR_TEXT, operator) ? OPERATOR_TEXT[operator as Operator] : operator;
