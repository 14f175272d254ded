// Parse-error messages a person can act on, in English and Chinese; each error also gets a stable code.
import type { IParserErrorMessageProvider, TokenType } from 'chevrotain';
import { DecisionName } from '../../schemas/rule-set.js';
import { decisionZh, didYouMean, didYouMeanZh, joinZh, message, orList, orListZh } from '../validate/wording.js';

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

const DURATION_EN = 'a duration is a number and a unit, e.g. 3d, 12h, 30m (units: ms, s, m, h, d)';
const DURATION_ZH = '时长写作数字加单位，例如 3d、12h、30m（单位：ms、s、m、h、d）';
/** Unit words admins write → [the unit, how many of it]; weeks, months and years become days. */
const UNIT_WORDS: [RegExp, string, number][] = [
  [/^(?:ms|msecs?|milliseconds?)$/i, 'ms', 1], [/^(?:s|secs?|seconds?|秒)$/i, 's', 1], [/^(?:m|mins?|minutes?|分钟?)$/i, 'm', 1],
  [/^(?:h|hrs?|hours?|小时)$/i, 'h', 1], [/^(?:d|days?|天|日)$/i, 'd', 1], [/^(?:w|wks?|weeks?|周)$/i, 'd', 7],
  [/^(?:mo|mons?|months?|个月|月)$/i, 'd', 30], [/^(?:y|yrs?|years?|年)$/i, 'd', 365],
];
/** "3 days" / "1y" → its number and unit word, and the duration meant ("3d", "365d") when the word is known. */
function readDuration(written: string): { number: string; unit: string; meant?: string } {
  const [, number = '', unit = ''] = /^(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(written) ?? [];
  const known = UNIT_WORDS.find(([re]) => re.test(unit));
  const n = Math.abs(Number(number));
  return { number, unit, ...(known && Number.isFinite(n) ? { meant: `${known[2] === 1 ? String(n) : String(n * known[2])}${known[1]}` } : {}) };
}
/** Text following a unit word: a written unit that is close to a real one gives a ready answer. */
const meantEn = (meant: string | undefined) => (meant === undefined ? '' : `; write ${meant}`);
const meantZh = (meant: string | undefined) => (meant === undefined ? '' : `；请写 ${meant}`);

const OPERATORS_EN = '=, !=, <, <=, >, >=, in, not in, contains, does not contain, before, after, on or before, on or after';
const OPERATORS_ZH = '=、!=、<、<=、>、>=、in、not in、contains、does not contain、before、after、on or before、on or after';

/** Full-width characters the lexer cannot read on their own (a lone quote, Chinese stops) → what to write. */
const ASCII_OF: Record<string, string> = { '“': '"', '”': '"', '‘': '"', '’': '"', '。': '.', '；': ';', '、': ',' };

/** The lexer's and the grammar actions' messages, by code (parse errors above are built from chevrotain's parts). */
export const SOURCE_MESSAGES = {
  'dsl.unexpected-character': message(
    (text: string) => `unexpected character "${text}"${ASCII_OF[text] === undefined ? '' : `; write ASCII ${ASCII_OF[text]} instead`}`,
    (text) => `无法识别的字符 "${text}"${ASCII_OF[text] === undefined ? '' : `；请改用英文（半角）的 ${ASCII_OF[text]}`}`,
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
    (word: string, suggestion: string | undefined) => `unknown operator "${word}"${didYouMean(suggestion)}; write one of ${OPERATORS_EN}`,
    (word, suggestion) => `无法识别的运算符 "${word}"${didYouMeanZh(suggestion)}；请写 ${OPERATORS_ZH} 之一`,
  ),
  'dsl.unknown-connective': message(
    (word: string, suggestion: string | undefined) => `expected "and", "or" or "then" but found "${word}"${didYouMean(suggestion)}`,
    (word, suggestion) => `此处应为 "and"、"or" 或 "then"，但写的是 "${word}"${didYouMeanZh(suggestion)}`,
  ),
  'dsl.bad-duration': message(
    (written: string) => {
      const { unit, meant } = readDuration(written);
      if (written.startsWith('-')) return `a duration cannot be negative${meantEn(meant)}; ${DURATION_EN}`;
      if (/\s/.test(written)) return `no space between the number and the unit${meant === undefined ? '' : `: write ${meant}`}; ${DURATION_EN}`;
      return `"${unit}" is not a unit${meantEn(meant)}; ${DURATION_EN}`;
    },
    (written) => {
      const { unit, meant } = readDuration(written);
      if (written.startsWith('-')) return `时长不能是负数${meantZh(meant)}；${DURATION_ZH}`;
      if (/\s/.test(written)) return `数字和单位之间不能有空格${meant === undefined ? '' : `，请写 ${meant}`}；${DURATION_ZH}`;
      return `${joinZh(`"${unit}"`, '不是时间单位')}${meantZh(meant)}；${DURATION_ZH}`;
    },
  ),
  'dsl.unknown-event-type': message(
    (type: string, decision: string, types: readonly string[], suggestion: string | undefined) =>
      `unknown event type "${type}"; ${decision} rules emit ${orList(types)}${didYouMean(suggestion)}`,
    (type, decision, types, suggestion) => `无法识别的事件类型 "${type}"；${decisionZh(decision)}规则的事件类型只能是 ${orListZh(types)}${didYouMeanZh(suggestion)}`,
  ),
  'dsl.missing-parameter-value': message(
    (key: string) => `the parameter "${key}" needs a value, e.g. ${key} "…"`,
    (key) => `参数 "${key}" 缺少值，例如 ${key} "…"`,
  ),
  'dsl.unknown-parameter': message(
    (word: string, type: string, params: readonly string[]) =>
      `"${word}" is not a parameter of "${type}" (its parameters: ${params.join(', ')}); a new rule starts with "rule"`,
    (word, type, params) => `"${word}" 不是 "${type}" 事件的参数（它的参数有 ${params.join('、')}）；新规则要以 "rule" 开头`,
  ),
  'dsl.non-ascii-name': message(
    (name: string, isConditionName: boolean) =>
      isConditionName
        ? `a condition's name is written with letters a–z, digits, "_" and "-" (e.g. regular), not "${name}"; a comment (# ${name}) can say it in Chinese`
        : `"${name}" is not a plain name (letters a–z, digits and "_"): write it in backticks, \`${name}\`, or in quotes, "${name}", if it is text`,
    (name, isConditionName) =>
      isConditionName
        ? `条件名称只能用英文字母、数字、"_" 和 "-"（例如 regular），不能写 "${name}"；中文说明可以写在注释里（# ${name}）`
        : `"${name}" 不是普通名称（只能有英文字母、数字和 "_"）：请用反引号括起来，\`${name}\`；如果是文字，请用英文引号，"${name}"`,
  ),
  'dsl.full-width-punctuation': message(
    (pairs: readonly (readonly [string, string])[]) => `write ASCII punctuation: ${pairs.map(([wide, ascii]) => `${ascii} instead of ${wide}`).join(', ')}`,
    (pairs) => `请使用英文（半角）标点：${pairs.map(([wide, ascii]) => `用 ${ascii} 代替 ${wide}`).join('，')}`,
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
  'dsl.too-deep': message(
    (max: number) => `nested too deeply: at most ${max} levels of parentheses, groups and "not"; flatten the conditions or name a part of them (condition name = …)`,
    (max) => `嵌套太深：括号、分组和 "not" 最多 ${max} 层；请减少嵌套，或把一部分提取为命名条件（condition 名称 = …）`,
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
