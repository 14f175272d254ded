// The wording the validator's messages share: how a value, a list, a decision, a field type is shown,
// in English and Chinese, and the pair form every message takes (messages.ts).
import type { FieldType } from '../../schemas/decisions/contract.js';
import type { DecisionName } from '../../schemas/rule-set.js';

/** One message: English and Chinese templates over the same arguments. */
export const message = <A extends unknown[]>(en: (...args: A) => string, zh: (...args: A) => string) => ({ en, zh });

/** A value as the English messages show it. */
export const describe = (v: unknown): string => {
  if (v === undefined) return 'nothing (it is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
};

/** A value as the Chinese messages show it. */
export const describeZh = (v: unknown): string => {
  if (v === undefined) return '空（未填写）';
  if (v === null) return 'null';
  if (Array.isArray(v)) return '一个列表';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return '一个对象';
  if (typeof v === 'number' || typeof v === 'bigint') return `数字 ${String(v)}`;
  if (typeof v === 'function') return '一个函数';
  return String(v);
};
/** Joins Chinese phrases, with a space where a Chinese character meets a Latin one ("参数 "grade" 必须是"). */
export const joinZh = (...parts: string[]) =>
  parts.reduce((out, part) => {
    const a = out.at(-1) ?? '';
    const b = part[0] ?? '';
    const han = (c: string) => /[\u4e00-\u9fff]/.test(c);
    const latin = (c: string) => /[A-Za-z0-9"`'$[{<=!]/.test(c);
    return (han(a) && latin(b)) || (latin(a) && han(b)) ? `${out} ${part}` : out + part;
  }, '');
/** "这里写的是 …" or "这里没有填写". */
export const got = (v: unknown) => (v === undefined ? '这里没有填写' : joinZh('这里写的是', describeZh(v)));

export const quoted = (items: readonly string[]) => items.map((k) => `"${k}"`).join(', ');
export const quotedZh = (items: readonly string[]) => items.map((k) => `"${k}"`).join('、');
export const orList = (items: readonly string[]) => items.map((t) => `"${t}"`).join(' or ');
export const orListZh = (items: readonly string[]) =>
  items.length <= 1 ? quotedZh(items) : `${quotedZh(items.slice(0, -1))} 或 "${items.at(-1)}"`;

/** " (did you mean "grade"?)" after a message, when a nearest option was found. */
export const didYouMean = (suggestion: string | undefined) => (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`);
export const didYouMeanZh = (suggestion: string | undefined) => (suggestion === undefined ? '' : `（是不是要写 "${suggestion}"？）`);

/** The decisions, named as the admins know them. */
const DECISION_ZH: Record<DecisionName, string> = {
  assignment: '客户分配',
  grading: '客户分级',
  caps: '销售上限',
  approval: '报价审批',
  reclaim: '客户回收',
};
/** `reclaim（客户回收）`; the name as written, then what it is. */
export const decisionZh = (d: string) => (Object.hasOwn(DECISION_ZH, d) ? `${d}（${DECISION_ZH[d as DecisionName]}）` : d);

/** A field type as the English messages name it; TYPE_ZH, as the Chinese ones do. */
export const TYPE_LABEL: Record<FieldType, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true/false',
  date: 'a date',
  'string[]': 'a list of texts',
};
export const TYPE_ZH: Record<FieldType, string> = {
  string: '文本',
  number: '数字',
  boolean: 'true/false 值',
  date: '日期',
  'string[]': '文本列表',
};

/** Which value a scalar check is about: a single value, or each value of a list. */
export type ValueRole = 'the value' | 'each value';
export const ROLE_ZH: Record<ValueRole, string> = { 'the value': '值', 'each value': '列表中的每个值' };
