// Parse-error messages a person can act on; each error also gets a stable code for translation.
import type { IParserErrorMessageProvider, TokenType } from 'chevrotain';

const SPELLING: Record<string, string> = {
  Name: 'a name', StringLit: 'quoted text', NumberLit: 'a number', DurationLit: 'a duration such as 3d',
  LParen: '"("', RParen: '")"', LBracket: '"["', RBracket: '"]"', LBrace: '"{"', RBrace: '"}"', Comma: '","', Colon: '":"',
  Equals: '"="', NotEquals: '"!="', Less: '"<"', LessEq: '"<="', Greater: '">"', GreaterEq: '">="', ConditionKw: '"condition"',
  RuleKw: '"rule"', PriorityKw: '"priority"', Hit: '"hit policy"', EOF: 'the end',
};
const spell = (t: TokenType) => SPELLING[t.name] ?? `"${t.name.toLowerCase()}"`;
const shown = (image: string | undefined) => (image === undefined || image === '' ? 'the end' : `"${image.length > 30 ? `${image.slice(0, 30)}…` : image}"`);
const firsts = (paths: TokenType[][]) => [...new Set(paths.map((p) => (p[0] ? spell(p[0]) : 'the end')))];
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${spell(expected)} but found ${shown(actual.image)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `expected "rule" or "condition" but found ${shown(firstRedundant.image)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `expected ${list(firsts(expectedPathsPerAlt.flat()))} but found ${shown(actual[0]?.image)}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `expected ${list(firsts(expectedIterationPaths))} but found ${shown(actual[0]?.image)}`,
};

/** Stable codes of parse errors, by chevrotain exception and the token it expected. */
export function codeOf(exceptionName: string, message: string): string {
  if (exceptionName === 'MismatchedTokenException') {
    const expected = /^expected "([a-z]+)"/.exec(message)?.[1];
    return expected ? `dsl.missing-${expected}` : 'dsl.unexpected-token';
  }
  if (exceptionName === 'NotAllInputParsedException') return 'dsl.unexpected-input';
  return 'dsl.unexpected-token';
}
