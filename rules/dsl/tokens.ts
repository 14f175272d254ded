// Tokens of the rules language (see rules/dsl/README.md): keywords, names with dotted paths, literals.
import { Lexer, type TokenType, createToken } from 'chevrotain';

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const JSON_CHARS = '(?:[^"\\\\\\u0000-\\u001f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*';
const QUOTED_NAME = '`(?:[^`\\\\\\u0000-\\u001f]|\\\\(?:["\\\\/bfnrt`]|u[0-9a-fA-F]{4}))*`';

/** A plain name (a fact, a named condition, an event type or parameter) that needs no backticks. */
export const PLAIN_NAME = new RegExp(`^${IDENT}$`);
/** A duration as the JSON holds it ("3d", "12h"); written bare in event parameters. */
export const DURATION = /^\d+(?:\.\d+)?(?:ms|s|m|h|d)$/;

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
/** Not for the grammar: the lexer hands comments over apart (its group "comments"), for the document to keep. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: 'comments' });

/** A name, optionally `quoted`, with an optional `.field.sub` path. */
export const Name = createToken({ name: 'Name', pattern: new RegExp(`(?:${IDENT}|${QUOTED_NAME})(?:\\.${IDENT})*`) });
export const StringLit = createToken({ name: 'StringLit', pattern: new RegExp(`"${JSON_CHARS}"`) });
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"[^\n]*/ });
export const DurationLit = createToken({ name: 'DurationLit', pattern: /\d+(?:\.\d+)?(?:ms|s|m|h|d)(?![A-Za-z0-9_])/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![A-Za-z_])/ });
/** A number glued to letters ("3x", "1y", "-3d"): never valid; reported as a malformed duration. */
export const BadDuration = createToken({ name: 'BadDuration', pattern: /-?\d+(?:\.\d+)?[A-Za-z_][A-Za-z0-9_]*/ });

// Chinese input: words with characters beyond ASCII, and full-width punctuation. The lexer reads them
// so that parseRules can report one issue with a hint and parse on as if the ASCII had been written.
const NON_ASCII_WORD = '(?:[A-Za-z0-9_]|[^\\u0000-\\u007f\\s\\u3000“”‘’（）［］｛｝，：＝。；、【】])';
/** A word with a character beyond ASCII (常规, grade等级), read as a name after a hint to quote it. */
export const NonAsciiName = createToken({
  name: 'NonAsciiName',
  pattern: new RegExp(`(?:[A-Za-z_][A-Za-z0-9_]*)?[^\\u0000-\\u007f\\s\\u3000“”‘’（）［］｛｝，：＝。；、【】]${NON_ASCII_WORD}*(?:\\.${NON_ASCII_WORD}+)*`),
});
/** Text in full-width quotes, “like this”: read as "like this" after a hint. */
export const FullWidthString = createToken({ name: 'FullWidthString', pattern: /“[^”\n]*”/ });
/** Full-width punctuation, read as its ASCII twin (FULL_WIDTH) after a hint. */
export const FullWidthPunct = createToken({ name: 'FullWidthPunct', pattern: /[（）［］｛｝【】，：＝]/ });

const keyword = (word: string, name: string) => createToken({ name, pattern: new RegExp(word), longer_alt: Name });
export const Decision = keyword('decision', 'Decision');
export const Hit = keyword('hit', 'Hit');
export const Policy = keyword('policy', 'Policy');
export const Description = keyword('description', 'Description');
export const ConditionKw = keyword('condition', 'ConditionKw');
export const RuleKw = keyword('rule', 'RuleKw');
export const PriorityKw = keyword('priority', 'PriorityKw');
export const When = keyword('when', 'When');
export const Then = keyword('then', 'Then');
export const And = keyword('and', 'And');
export const Or = keyword('or', 'Or');
export const Not = keyword('not', 'Not');
export const All = keyword('all', 'All');
export const Any = keyword('any', 'Any');
export const Always = keyword('always', 'Always');
export const With = keyword('with', 'With');
export const In = keyword('in', 'In');
export const Contains = keyword('contains', 'Contains');
export const Contain = keyword('contain', 'Contain');
export const Does = keyword('does', 'Does');
export const Before = keyword('before', 'Before');
export const After = keyword('after', 'After');
export const On = keyword('on', 'On');
export const True = keyword('true', 'True');
export const False = keyword('false', 'False');
export const Null = keyword('null', 'Null');

export const NotEquals = createToken({ name: 'NotEquals', pattern: /!=/ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Equals = createToken({ name: 'Equals', pattern: /==?/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /}/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });

/** Full-width punctuation → the ASCII token it stands for. */
export const FULL_WIDTH: Record<string, [string, TokenType]> = {
  '（': ['(', LParen], '）': [')', RParen], '［': ['[', LBracket], '］': [']', RBracket], '【': ['[', LBracket], '】': [']', RBracket],
  '｛': ['{', LBrace], '｝': ['}', RBrace], '，': [',', Comma], '：': [':', Colon], '＝': ['=', Equals],
};

const KEYWORDS = [
  Decision, Hit, Policy, Description, ConditionKw, RuleKw, PriorityKw, When, Then, And, Or, Not, All, Any, Always, With,
  In, Contains, Contain, Does, Before, After, On, True, False, Null,
];

/** Words that must be written `quoted` when used as a name. */
export const RESERVED = new Set(KEYWORDS.map((k) => String((k.PATTERN as RegExp).source)));

export const allTokens: TokenType[] = [
  WhiteSpace, Comment, StringLit, UnterminatedString, FullWidthString, FullWidthPunct, NonAsciiName, DurationLit, NumberLit, BadDuration,
  ...KEYWORDS, Name,
  NotEquals, LessEq, GreaterEq, Less, Greater, Equals, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Colon,
];

export const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
