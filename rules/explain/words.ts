// The small words of explanation sentences in English and Chinese: values, durations, lists and
// operators as an operations admin reads them.
import { operatorLabels } from '../../schemas/decisions/contract.js';
import type { Localized } from '../../schemas/decisions/contract.js';
import type { Operator } from '../../schemas/rule-set.js';

import type { Language } from '../../schemas/language.js';

export type { Language };

/** One text per language, picked: `say('zh', 'Grade', '等级')` → "等级". */
export const say = (language: Language, en: string, zh: string) => (language === 'zh' ? zh : en);

export const pick = (text: Localized, language: Language) => text[language];

/** Without its closing full stop, to go inside a longer sentence. */
export const clause = (text: string) => text.replace(/[.。]\s*$/, '');

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date as a day when it is midnight UTC, else to the minute in UTC. */
function dateText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = d.toISOString();
  return text.endsWith('T00:00:00.000Z') ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** A fact or compared value: unknown for null, yes/no, dates as days, lists in brackets. */
export function valueText(value: unknown, language: Language): string {
  if (value === null || value === undefined) return say(language, 'unknown', '未知');
  if (typeof value === 'boolean') return value ? say(language, 'yes', '是') : say(language, 'no', '否');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? '""' : ISO_DATE_TIME.test(value) ? dateText(value) : value;
  if (Array.isArray(value)) return `[${value.map((v) => valueText(v, language)).join(say(language, ', ', '、'))}]`;
  return JSON.stringify(value);
}

/** "a", "a and b", "a, b and c" / "a 且 b"、"a，b 且 c". */
export function conjunction(parts: readonly string[], language: Language): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts[parts.length - 1]!;
  const rest = parts.slice(0, -1).join(say(language, ', ', '，'));
  return say(language, `${rest} and ${last}`, `${rest}${rest.endsWith('）') ? '' : ' '}且 ${last}`);
}

const SYMBOLS: Partial<Record<Operator, string>> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

/** A comparison as a symbol (=, ≤ …) where it has one, else in words ("is one of", "早于" …). */
export const operatorText = (operator: Operator, language: Language) => SYMBOLS[operator] ?? operatorLabels[operator][language];

/** The operator that holds exactly when this one does not (for values that compare at all). */
export const NEGATION: Record<Operator, Operator> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThan',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  in: 'notIn',
  notIn: 'in',
  contains: 'doesNotContain',
  doesNotContain: 'contains',
  before: 'onOrAfter',
  onOrAfter: 'before',
  after: 'onOrBefore',
  onOrBefore: 'after',
};

const UNITS: Record<string, [string, string, string]> = {
  ms: ['millisecond', 'milliseconds', '毫秒'],
  s: ['second', 'seconds', '秒'],
  m: ['minute', 'minutes', '分钟'],
  h: ['hour', 'hours', '小时'],
  d: ['day', 'days', '天'],
};

/** "3d" → "3 days" / "3 天"; anything else as written. */
export function durationText(text: unknown, language: Language): string {
  const m = typeof text === 'string' ? /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text) : null;
  if (!m) return valueText(text, language);
  const [one, many, zh] = UNITS[m[2]!]!;
  return say(language, `${m[1]} ${m[1] === '1' ? one : many}`, `${m[1]} ${zh}`);
}
