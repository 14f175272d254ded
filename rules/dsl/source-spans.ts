// Where in the rules-language source a piece of the document came from: spans, the origin of each
// object and its fields, and the issues the parser's actions report at them.
import type { IToken } from 'chevrotain';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
/** Where an object of the document came from, and where each of its fields did. */
export interface Origin {
  node: Span;
  keys: Record<string, Span>;
}
export interface SemanticIssue {
  span: Span;
  message: string;
  /** The message in Chinese. */
  zh: string;
  code: string;
}

const at = (n: number | undefined, fallback: number) => (n !== undefined && Number.isFinite(n) ? n : fallback);
/** Tokens inserted by error recovery have no position; they borrow the nearest real one. */
export const spanOf = (from: IToken, to: IToken = from): Span => {
  const line = at(from.startLine, at(to.endLine, 1));
  const column = at(from.startColumn, at(to.endColumn, 1));
  return { line, column, endLine: at(to.endLine, line), endColumn: at(to.endColumn, column - 1) + 1 };
};
