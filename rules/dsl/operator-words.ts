// How the grammar (parser.ts) reads operators and connectives: each operator's token sequence, and
// the words whose slips (`on or befor`, `adn`) it recognizes and reports with what was meant.
import type { IToken, TokenType } from 'chevrotain';
import type { Operator } from '../../schemas/rule-set.js';
import { nearest } from '../validate/nearest.js';
import { OPERATOR_TEXT } from '../validate/notation.js';
import * as T from './tokens.js';
import { PLAIN_NAME } from './tokens.js';

/** The operators as the language writes them (`on or before`), for "did you mean" hints. */
export const OPERATOR_WORDS = Object.values(OPERATOR_TEXT);
/** The first words of multi-word operators: followed by an unknown word, that word is the slip. */
export const OPERATOR_PREFIXES: TokenType[][] = [[T.On, T.Or], [T.On], [T.Does, T.Not], [T.Does], [T.Not]];
/** A word written where "and" or "or" may go, close enough to one of them to be a slip of it. */
export const connectiveSlip = (t: IToken, word: 'and' | 'or') =>
  t.tokenType === T.Name && PLAIN_NAME.test(t.image) && nearest(t.image, ['and', 'or']) === word;
/** Tokens that start an operand: a slip of "and" or "or" counts only before one of them. */
export const OPERAND_START = new Set<TokenType>([T.Name, T.Not, T.LParen, T.All, T.Any, T.Always]);
/** Each operator's token sequence, as the grammar consumes it. */
export const OPERATOR_TOKENS: [TokenType[], Operator][] = [
  [[T.Equals], 'equal'], [[T.NotEquals], 'notEqual'], [[T.Less], 'lessThan'], [[T.LessEq], 'lessThanInclusive'],
  [[T.Greater], 'greaterThan'], [[T.GreaterEq], 'greaterThanInclusive'], [[T.In], 'in'], [[T.Not, T.In], 'notIn'],
  [[T.Contains], 'contains'], [[T.Does, T.Not, T.Contain], 'doesNotContain'], [[T.Before], 'before'], [[T.After], 'after'],
  [[T.On, T.Or, T.Before], 'onOrBefore'], [[T.On, T.Or, T.After], 'onOrAfter'],
];
