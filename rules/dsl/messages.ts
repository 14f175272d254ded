// Parse-error messages a person can act on, in English and Chinese; each error also gets a stable code.
import type { IParserErrorMessageProvider, TokenType } from 'chevrotain';
import { DecisionName } from '../../schemas/rule-set.js';
import { decisionZh, joinZh, message } from '../validate/messages.js';

const SPELLING: Record<string, string> = {
  Name: 'a name', StringLit: 'quoted text', NumberLit: 'a number', DurationLit: 'a duration such as 3d',
  LParen: '"("', RParen: '")"', LBracket: '"["', RBracket: '"]"', LBrace: '"{"', RBrace: '"}"', Comma: '","', Colon: '":"',
  Equals: '"="', NotEquals: '"!="', Less: '"<"', LessEq: '"<="', Greater: '">"', GreaterEq: '">="', ConditionKw: '"condition"',
  RuleKw: '"rule"', PriorityKw: '"priority"', Hit: '"hit policy"', EOF: 'the end',
};
/** The same in Chinese; tokens not listed (keywords, punctuation) are written as in English. */
const SPELLING_ZH: Record<string, string> = {
  Name: '一个名称', StringLit: '带引号的文字', NumberLit: '一个数字', DurationLit: '时长（如 3d）', EOF: '文件结尾',
};
const spell = (t: TokenType) => SPELLING[t.name] ?? `"${t.name.toLowerCase()}"`;
const spellZh = (t: TokenType) => SPELLING_ZH[t.name] ?? spell(t);
const shown = (image: string | undefined) => (image === undefined || image === '' ? 'the end' : `"${image.length > 30 ? `${image.slice(0, 30)}…` : image}"`);
const foundZh = (image: string | undefined) => (image === undefined || image === '' ? '但已到文件结尾' : `但写的是 ${shown(image)}`);
const firsts = (paths: TokenType[][], sp: (t: TokenType) => string, end: string) => [...new Set(paths.map((p) => (p[0] ? sp(p[0]) : end)))];
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);
const listZh = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : joinZh(items.slice(0, -1).join('、'), '或', items.at(-1)!));

// Chevrotain takes one string per error: the English. The Chinese built with it waits here, keyed by the
// English, until the parse that caused it takes it (a parse is synchronous).
let chinese = new Map<string, string>();
const remember = (en: string, zh: string) => (chinese.set(en, zh), en);
/** The Chinese of every parse-error message built since the last call. */
export function takeChinese(): Map<string, string> {
  const out = chinese;
  chinese = new Map();
  return out;
}

/** "expected X but found Y" in both languages, from the same parts. */
const expected = (en: string[], zh: string[], image: string | undefined) =>
  remember(
    `expected ${list(en)} but found ${shown(image)}`,
    zh.length === 1 && zh[0] === '文件结尾' ? `这里应当结束，${foundZh(image).replace(/^但写的是/, '但后面还有')}` : `${joinZh('此处应为', listZh(zh))}，${foundZh(image)}`,
  );

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected: token, actual }) => expected([spell(token)], [spellZh(token)], actual.image),
  buildNotAllInputParsedMessage: ({ firstRedundant }) => expected(['"rule"', '"condition"'], ['"rule"', '"condition"'], firstRedundant.image),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    expected(firsts(expectedPathsPerAlt.flat(), spell, 'the end'), firsts(expectedPathsPerAlt.flat(), spellZh, '文件结尾'), actual[0]?.image),
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    expected(firsts(expectedIterationPaths, spell, 'the end'), firsts(expectedIterationPaths, spellZh, '文件结尾'), actual[0]?.image),
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

const OPERATORS_EN = '=, !=, <, <=, >, >=, in, not in, contains, does not contain, before, after, on or before, on or after';
const OPERATORS_ZH = '=、!=、<、<=、>、>=、in、not in、contains、does not contain、before、after、on or before、on or after';

/** The lexer's and the grammar actions' messages, by code (parse errors above are built from chevrotain's parts). */
export const SOURCE_MESSAGES = {
  'dsl.unexpected-character': message(
    (text: string) => `unexpected character "${text}"`,
    (text) => `无法识别的字符 "${text}"`,
  ),
  'dsl.unterminated-string': message(
    () => 'this text has no closing quote (")',
    () => '这段文字缺少结尾的引号（"）',
  ),
  'dsl.unknown-annotation': message(
    (word: string) => `after "with" write name "…" or priority <number>, not "${word}"`,
    (word) => `"with" 后面只能写 name "…" 或 priority <数字>，不能写 "${word}"`,
  ),
  'dsl.unknown-operator': message(
    (word: string) => `unknown operator "${word}"; write one of ${OPERATORS_EN}`,
    (word) => `无法识别的运算符 "${word}"；请写 ${OPERATORS_ZH} 之一`,
  ),
  'dsl.missing-comparison': message(
    (field: string) => `"${field}" is a field; compare it with a value, e.g. ${field} = "…"`,
    (field) => `"${field}" 是一个字段，要和一个值比较，例如 ${field} = "…"`,
  ),
  'dsl.unknown-decision': message(
    (word: string) => `unknown decision "${word}"; write one of ${DecisionName.options.join(', ')}`,
    (word) => `无法识别的决策 "${word}"；请写以下之一：${DecisionName.options.map(decisionZh).join('、')}`,
  ),
  'dsl.unknown-hit-policy': message(
    (word: string) => `unknown hit policy "${word}"; write first or collect`,
    (word) => `无法识别的命中策略 "${word}"；请写 first（第一条满足条件的规则生效）或 collect（所有满足条件的规则都生效）`,
  ),
  'dsl.dotted-name': message(
    (name: string) => `a name cannot contain "."; quote it: \`${name}\``,
    (name) => `名称中不能有 "."；请用反引号括起来：\`${name}\``,
  ),
  'dsl.duplicate-parameter': message(
    (name: string) => `"${name}" is given twice`,
    (name) => `参数 "${name}" 写了两次`,
  ),
  'dsl.duplicate-condition': message(
    (name: string) => `a condition named "${name}" is already defined`,
    (name) => `名为 "${name}" 的条件已经定义过了`,
  ),
};

export type SourceCode = keyof typeof SOURCE_MESSAGES;
export type SourceArgs<C extends SourceCode> = Parameters<(typeof SOURCE_MESSAGES)[C]['en']>;

/** A code's message in English and Chinese. */
export function renderSource<C extends SourceCode>(code: C, ...args: SourceArgs<C>): { code: C; message: string; zh: string } {
  const m = SOURCE_MESSAGES[code] as unknown as { en: (...a: SourceArgs<C>) => string; zh: (...a: SourceArgs<C>) => string };
  return { code, message: m.en(...args), zh: m.zh(...args) };
}
