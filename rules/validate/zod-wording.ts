// A zod issue in the validator's words, English and Chinese: what an event parameter or a test case's
// fact was refused for, naming it and what it accepts (the event-parameter and case-fact messages).
import type { z } from 'zod';
import { describe, got, joinZh, quoted, quotedZh } from './wording.js';

export type ZodIssue = z.core.$ZodIssue;

/** Chinese for the messages the event-parameter schemas (schemas/decisions, schemas/duration.ts) write themselves. */
const SCHEMA_MESSAGES_ZH: Record<string, string> = {
  'give at most one of rep, team or pool': 'rep、team、pool 最多只能填一个',
  'strategy "direct" goes with "rep", and "rep" with strategy "direct"':
    'strategy 为 "direct"（直接分配）时必须填写 rep；填写了 rep 时 strategy 必须是 "direct"',
  'give exactly one of role or rep': 'role（审批角色）和 rep（审批人）必须填写其中一个，且只能填一个',
  'a lower-case name such as "follow_up" or "deal"': '应为小写英文名称，例如 "follow_up" 或 "deal"',
  'expected a duration such as "45s", "30m", "12h" or "3d" (at most 10 years)': '应为时长，例如 "45s"、"30m"、"12h" 或 "3d"（最长 10 年）',
};

const EXPECTED_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表',
  object: '对象',
};

/** A zod issue in Chinese; `value` is what was written at the issue's path, `subject` names it (e.g. 参数 "grade"). */
export function zodZh(issue: ZodIssue, value: unknown, subject: string): string {
  const say = (...rest: string[]) => joinZh(subject, ...rest);
  const own = SCHEMA_MESSAGES_ZH[issue.message];
  if (own !== undefined) return issue.path.length > 0 ? `${subject}：${own}` : own;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return joinZh('缺少', subject);
      return say('必须是', EXPECTED_ZH[issue.expected] ?? issue.expected, `，${got(value)}`);
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return say(`最多 ${max} 个字符`);
      if (issue.origin === 'array' || issue.origin === 'set') return say(`最多 ${max} 项`);
      return say(issue.inclusive ? `不能大于 ${max}` : `必须小于 ${max}`);
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return say(min === '1' ? '不能为空' : `至少 ${min} 个字符`);
      if (issue.origin === 'array' || issue.origin === 'set') return say(`至少 ${min} 项`);
      return say(issue.inclusive ? `不能小于 ${min}` : `必须大于 ${min}`);
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v) ?? String(v)).join('、');
      return value === undefined ? `${joinZh('缺少', subject)}；可选的值有 ${options}` : say(`必须是以下之一：${options}；${got(value)}`);
    }
    case 'invalid_format':
      return say(issue.format === 'regex' && issue.pattern ? `格式不正确（须符合 ${issue.pattern}）` : '格式不正确');
    case 'not_multiple_of':
      return say(`必须是 ${String(issue.divisor)} 的倍数`);
    case 'unrecognized_keys':
      return say(`中有未知的键：${quotedZh(issue.keys)}`);
    default:
      return say(`不正确（${issue.message}）`);
  }
}

const EXPECTED_EN: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A zod issue in English, naming what it is about (`subject`, e.g. parameter "grade") and what it accepts. */
export function zodEn(issue: ZodIssue, value: unknown, subject: string): string {
  if (Object.hasOwn(SCHEMA_MESSAGES_ZH, issue.message)) return issue.path.length > 0 ? `${subject}: ${issue.message}` : issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${subject} is missing`;
      return `${subject} must be ${EXPECTED_EN[issue.expected] ?? issue.expected}, not ${describe(value)}`;
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `${subject} may have at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${subject} may have at most ${max} items`;
      return `${subject} must be ${issue.inclusive ? 'at most' : 'less than'} ${max}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return min === '1' ? `${subject} cannot be empty` : `${subject} needs at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${subject} needs at least ${min} items`;
      return `${subject} must be ${issue.inclusive ? 'at least' : 'more than'} ${min}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v) ?? String(v)).join(', ');
      return value === undefined ? `${subject} is missing; it takes ${options}` : `${subject} must be one of ${options}; got ${describe(value)}`;
    }
    case 'invalid_format':
      return `${subject} has the wrong form${issue.format === 'regex' && issue.pattern ? ` (it must match ${issue.pattern})` : ''}`;
    case 'not_multiple_of':
      return `${subject} must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `${subject} has unknown keys: ${quoted(issue.keys)}`;
    default:
      return `${subject}: ${issue.message}`;
  }
}
