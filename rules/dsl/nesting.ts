// How deeply source text nests, read from its tokens before the grammar recurses into it: text nested
// hundreds of levels deep would overflow the parser's stack, so it gets one clear issue instead.
import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens.js';

const OPEN = new Set<TokenType>([T.LParen, T.LBracket, T.LBrace]);
const CLOSE = new Set<TokenType>([T.RParen, T.RBracket, T.RBrace]);

/** `not` as a condition (`not x`), not a word of an operator (`not in`, `does not contain`). */
const isUnaryNot = (tokens: readonly IToken[], i: number) =>
  tokens[i]?.tokenType === T.Not && tokens[i + 1]?.tokenType !== T.In && tokens[i - 1]?.tokenType !== T.Does;

/**
 * The first token nested more than `max` levels deep, or undefined. A level is a bracket (`(`,
 * `all(`, `[`, `{`) or a `not` before its operand; a parenthesis that only holds a `not` with its
 * annotation (`(not x) with name "…"`) shares that `not`'s level. A document whose conditions nest at
 * most `max` levels (the validator's limit) prints to text that nests at most `max` levels.
 *
 * @example
 * tooDeep(lexer.tokenize('when (((a = 1)))').tokens, 2); // the third "("
 */
export function tooDeep(tokens: readonly IToken[], max: number): IToken | undefined {
  let depth = 0;
  let nots = 0;
  const levels: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isUnaryNot(tokens, i)) {
      nots++;
      if (depth + nots > max) return token;
    } else if (OPEN.has(token.tokenType)) {
      const level = (token.tokenType === T.LParen && isUnaryNot(tokens, i + 1) ? 0 : 1) + nots;
      nots = 0;
      levels.push(level);
      depth += level;
      if (depth > max) return token;
    } else {
      if (CLOSE.has(token.tokenType)) depth -= levels.pop() ?? 0;
      nots = 0;
    }
  }
  return undefined;
}
