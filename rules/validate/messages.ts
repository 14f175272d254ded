// Every problem the rule-set validator reports, by stable code: the English message (API clients and
// tests match on its wording) and the Chinese one for the operations admins, side by side.
// Chinese words used throughout: fact 对象, field/path 字段, operator 运算符, value 值, condition 条件,
// named condition 命名条件, rule 规则, event 事件, parameter 参数, decision 决策, hit policy 命中策略,
// rule set 规则集, key 键.
import type { z } from 'zod';
import type { FieldType } from '../../schemas/decisions/contract.js';
import type { DecisionName, HitPolicy } from '../../schemas/rule-set.js';
import { EXTRA_MESSAGES } from './extra-messages.js';
import type { Notation } from './notation.js';

/** The hit policy as the person wrote it. */
const hitPolicyText = (policy: HitPolicy, notation: Notation) => (notation === 'source' ? `hit policy ${policy}` : `"hitPolicy": "${policy}"`);

/** One message: English and Chinese templates over the same arguments. */
export const message = <A extends unknown[]>(en: (...args: A) => string, zh: (...args: A) => string) => ({ en, zh });

/** A value as the English messages show it. */
const describe = (v: unknown): string => {
  if (v === undefined) return 'nothing (it is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
};

/** A value as the Chinese messages show it. */
const describeZh = (v: unknown): string => {
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
const got = (v: unknown) => (v === undefined ? '这里没有填写' : joinZh('这里写的是', describeZh(v)));

const quoted = (items: readonly string[]) => items.map((k) => `"${k}"`).join(', ');
const quotedZh = (items: readonly string[]) => items.map((k) => `"${k}"`).join('、');
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

const TYPE_LABEL: Record<FieldType, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true/false',
  date: 'a date',
  'string[]': 'a list of texts',
};
const TYPE_ZH: Record<FieldType, string> = {
  string: '文本',
  number: '数字',
  boolean: 'true/false 值',
  date: '日期',
  'string[]': '文本列表',
};

/** Which value a scalar check is about: a single value, or each value of a list. */
export type ValueRole = 'the value' | 'each value';
const ROLE_ZH: Record<ValueRole, string> = { 'the value': '值', 'each value': '列表中的每个值' };

type ZodIssue = z.core.$ZodIssue;

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
function zodZh(issue: ZodIssue, value: unknown, subject: string): string {
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
function zodEn(issue: ZodIssue, value: unknown, subject: string): string {
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

/** A size over a limit in KiB, rounded up (never down to the limit itself); within 1 KiB of it, in bytes. */
const overLimit = (bytes: number, maxBytes: number) => (bytes - maxBytes < 1024 ? `${bytes.toLocaleString('en-US')} bytes (${(bytes - maxBytes).toLocaleString('en-US')} over)` : `${Math.ceil(bytes / 1024)} KiB`);

/** The validator's messages, by code. */
export const VALIDATION_MESSAGES = {
  // The document as a whole
  'rules.document-not-object': message(
    (v: unknown) => `a rule set is an object with "decision", "hitPolicy" and "rules", not ${describe(v)}`,
    (v) => `规则集应是一个包含 "decision"、"hitPolicy" 和 "rules" 的对象，${got(v)}`,
  ),
  'rules.document-too-large': message(
    (bytes: number, maxBytes: number) => `the rule set is ${overLimit(bytes, maxBytes)}; at most ${maxBytes / 1024} KiB is allowed`,
    (bytes, maxBytes) => `规则集大小为 ${overLimit(bytes, maxBytes)}，超过了上限 ${maxBytes / 1024} KiB；请精简规则`,
  ),
  'rules.forbidden-key': message(
    (key: string) => `"${key}" is not allowed as a key`,
    (key) => `不能使用 "${key}" 作为键名`,
  ),
  'rules.unknown-key': message(
    (key: string, allowed: readonly string[]) => `unknown field "${key}"; expected ${quoted(allowed)}`,
    (key, allowed) => `无法识别的键 "${key}"；这里只能写 ${quotedZh(allowed)}`,
  ),
  'rules.unknown-decision': message(
    (options: readonly string[], v: unknown) => `"decision" must be one of ${quoted(options)}; got ${describe(v)}`,
    (options, v) => `"decision"（决策）必须是以下之一：${options.map(decisionZh).join('、')}；${got(v)}`,
  ),
  // `notation`: the document's "hitPolicy": "first", or the rules language's `hit policy first`.
  'rules.hit-policy-mismatch': message(
    (decision: DecisionName, policy: HitPolicy, v: unknown, notation: Notation) =>
      `${decision} rules use ${hitPolicyText(policy, notation)} (${policy === 'first' ? 'the first rule that fires decides' : 'every rule that fires counts'}); got ${describe(v)}`,
    (decision, policy, v, notation) =>
      `${decisionZh(decision)}规则的命中策略应写 ${hitPolicyText(policy, notation)}（${policy === 'first' ? '第一条满足条件的规则生效' : '所有满足条件的规则都生效'}）；${got(v)}`,
  ),
  'rules.description-invalid': message(
    () => 'the description must be text of at most 2000 characters',
    () => '说明（description）必须是文本，最多 2000 个字符',
  ),

  // Named conditions
  'rules.conditions-not-object': message(
    (v: unknown) => `"conditions" holds named conditions: { "name": { "all": [ … ] } }, not ${describe(v)}`,
    (v) => `"conditions" 用来放命名条件，写法如 { "名称": { "all": [ … ] } }；${got(v)}`,
  ),
  'rules.too-many-named-conditions': message(
    (max: number) => `at most ${max} named conditions`,
    (max) => `命名条件最多 ${max} 个`,
  ),
  'rules.named-condition-name-invalid': message(
    () => 'a condition name starts with a letter and has letters, digits, "_" or "-" (at most 64)',
    () => '条件名称须以英文字母开头，只能包含字母、数字、"_" 或 "-"，最多 64 个字符',
  ),
  'rules.condition-cycle': message(
    (cycle: readonly string[]) => `named conditions refer to each other in a circle: ${cycle.join(' → ')}`,
    (cycle) => `命名条件之间出现了循环引用：${cycle.join(' → ')}；请去掉其中一处引用`,
  ),

  // Rules
  'rules.rules-not-list': message(
    (v: unknown) => `"rules" must be a list of rules, not ${describe(v)}`,
    (v) => `"rules" 必须是规则列表，${got(v)}`,
  ),
  'rules.no-rules': message(
    () => 'a rule set needs at least one rule',
    () => '规则集至少要有一条规则',
  ),
  'rules.too-many-rules': message(
    (max: number, count: number) => `a rule set may hold at most ${max} rules (this one has ${count})`,
    (max, count) => `规则集最多 ${max} 条规则（这里有 ${count} 条）`,
  ),
  'rules.rule-not-object': message(
    (v: unknown) => `a rule is an object with "conditions" and "event", not ${describe(v)}`,
    (v) => `每条规则应是一个包含 "conditions"（条件）和 "event"（事件）的对象，${got(v)}`,
  ),
  'rules.rule-name-invalid': message(
    () => 'a rule name must be non-empty text of at most 200 characters',
    () => '规则名称必须是非空文本，最多 200 个字符',
  ),
  // `index` counts from 0 in English for JSON (as in the pointer), from 1 for source and in Chinese (第 1 条).
  'rules.duplicate-rule-name': message(
    (index: number, name: string, notation: Notation) =>
      `rule ${notation === 'source' ? index + 1 : index} already has the name "${name}"; names must be unique`,
    (index, name, _notation) => `第 ${index + 1} 条规则已经使用了名称 "${name}"；规则名称不能重复`,
  ),
  'rules.rule-priority-invalid': message(
    () => 'priority must be a whole number from 1 to 10000 (higher runs first)',
    () => '优先级（priority）必须是 1 到 10000 之间的整数（数字越大越先执行）',
  ),
  'rules.missing-conditions': message(
    () => 'a rule needs "conditions" (use { "all": [] } for "always")',
    () => '规则缺少 "conditions"（条件）；如果总是生效，请写 { "all": [] }',
  ),

  // Conditions
  'rules.condition-name-invalid': message(
    () => 'a condition name must be text of at most 200 characters',
    () => '条件的名称（name）必须是文本，最多 200 个字符',
  ),
  'rules.condition-priority-invalid': message(
    () => 'priority must be a whole number from 1 to 10000',
    () => '优先级（priority）必须是 1 到 10000 之间的整数',
  ),
  'rules.too-many-conditions': message(
    (max: number) => `a rule set may hold at most ${max} conditions`,
    (max) => `一个规则集最多只能有 ${max} 个条件`,
  ),
  'rules.conditions-too-deep': message(
    (max: number) => `conditions are nested more than ${max} levels deep; flatten them or use named conditions`,
    (max) => `条件嵌套超过了 ${max} 层；请减少嵌套，或把一部分提取为命名条件`,
  ),
  'rules.condition-not-object': message(
    (v: unknown) => `a condition must be an object like { "all": [ … ] } or { "fact": …, "operator": …, "value": … }, not ${describe(v)}`,
    (v) => `条件应是一个对象，例如 { "all": [ … ] } 或 { "fact": …, "operator": …, "value": … }；${got(v)}`,
  ),
  'rules.condition-contains-itself': message(
    () => 'this condition contains itself (a cycle)',
    () => '这个条件包含了它自己（循环）',
  ),
  'rules.top-level-not-group': message(
    () => 'the top of a rule\'s conditions must be "all", "any", "not" or a "condition" reference; wrap this in { "all": [ … ] }',
    () => '规则条件的最外层必须是 "all"、"any"、"not" 或对命名条件的 "condition" 引用；请用 { "all": [ … ] } 把它包起来',
  ),
  'rules.fact-and-group': message(
    (kind: string) => `a condition is either a fact test or "${kind}", not both`,
    (kind) => `一个条件要么是对字段的判断，要么是 "${kind}"，不能两者都是`,
  ),
  'rules.condition-kind-missing': message(
    () => 'a condition needs "all", "any", "not", "condition" or "fact"',
    () => '条件里需要写 "all"、"any"、"not"、"condition" 或 "fact" 之一',
  ),
  'rules.condition-kinds-ambiguous': message(
    (kinds: readonly string[]) => `a condition has exactly one of ${orList(kinds)}`,
    (kinds) => `一个条件里只能写 ${orListZh(kinds)} 中的一个`,
  ),
  'rules.group-not-list': message(
    (kind: string, v: unknown) => `"${kind}" needs a list of conditions, not ${describe(v)}`,
    (kind, v) => `"${kind}" 后面必须是条件列表，${got(v)}`,
  ),
  'rules.group-too-long': message(
    (kind: string, max: number, count: number) => `"${kind}" may list at most ${max} conditions (this one has ${count}); group them`,
    (kind, max, count) => `"${kind}" 中最多 ${max} 个条件（这里有 ${count} 个）；请分组`,
  ),
  'rules.unknown-condition': message(
    (name: unknown, defined: readonly string[]) =>
      defined.length > 0
        ? `no named condition ${describe(name)}; the document defines ${quoted(defined)}`
        : `no named condition ${describe(name)}; define it under "conditions" at the top of the document`,
    (name, defined) =>
      defined.length > 0
        ? `没有名为 ${describeZh(name)} 的命名条件；已定义的有 ${quotedZh(defined)}`
        : `没有名为 ${describeZh(name)} 的命名条件；请先在规则集开头的 "conditions" 中定义它`,
  ),

  // Fact tests
  'rules.unknown-fact': message(
    (fact: unknown, decision: DecisionName, facts: readonly string[]) => `unknown fact ${describe(fact)}; ${decision} rules can use ${quoted(facts)}`,
    (fact, decision, facts) => `无法识别的对象 ${describeZh(fact)}；${decisionZh(decision)}规则可以使用 ${quotedZh(facts)}`,
  ),
  'rules.missing-path': message(
    (fact: string, example: string) => `say which field of "${fact}" to test, e.g. "path": "$.${example}"`,
    (fact, example) => `请写明要判断 "${fact}" 的哪个字段，例如 "path": "$.${example}"`,
  ),
  'rules.path-invalid': message(
    (example: string, v: unknown) => `a path is "$." and a field name, e.g. "$.${example}"; got ${describe(v)}`,
    (example, v) => `字段路径的写法是 "$." 加字段名，例如 "$.${example}"；${got(v)}`,
  ),
  'rules.unknown-field': message(
    (fact: string, path: string, fields: readonly string[], suggestion?: string) => `"${fact}" has no field ${path}${didYouMean(suggestion)}; its fields are ${fields.join(', ')}`,
    (fact, path, fields, suggestion) => `"${fact}" 没有字段 ${path}${didYouMeanZh(suggestion)}；它的字段有 ${fields.join('、')}`,
  ),
  'rules.unknown-operator': message(
    (v: unknown, operators: readonly string[]) => `unknown operator ${describe(v)}; operators are ${operators.join(', ')}`,
    (v, operators) => `无法识别的运算符 ${describeZh(v)}；可用的运算符有 ${operators.join('、')}`,
  ),
  'rules.missing-value': message(
    () => 'a condition needs a "value" to compare with',
    () => '条件缺少用来比较的值 "value"',
  ),
  // `field` is written as in the rules language: customer.grade
  'rules.operator-not-allowed': message(
    (operator: string, field: string, type: FieldType, allowed: readonly string[]) =>
      `"${operator}" does not work on ${field} (${TYPE_LABEL[type]}); use ${allowed.join(', ')}`,
    (operator, field, type, allowed) => `运算符 "${operator}" 不能用于 ${field}（${TYPE_ZH[type]}）；请改用 ${allowed.join('、')}`,
  ),
  'rules.null-not-allowed': message(
    (role: ValueRole) => `${role} cannot be null: this field always has a value`,
    (role) => `${ROLE_ZH[role]}不能是 null：这个字段总是有值`,
  ),
  'rules.wrong-value-type': message(
    (role: ValueRole, type: FieldType, v: unknown) => {
      switch (type) {
        case 'number':
          if (typeof v === 'number') return `${role} is too large a number to hold (numbers go up to about 1.8e308)`;
          return `${role} must be a number, not ${describe(v)}`;
        case 'boolean':
          return `${role} must be true or false, not ${describe(v)}`;
        case 'date':
          return `${role} must be a date such as "2026-01-31" or "2026-01-31T08:00:00Z", not ${describe(v)}`;
        default:
          return `${role} must be text, not ${describe(v)}`;
      }
    },
    (role, type, v) => {
      if (type === 'number' && typeof v === 'number') return `${ROLE_ZH[role]}数字太大，无法保存（最大约 1.8e308）`;
      const expected = {
        number: '数字',
        boolean: 'true 或 false',
        date: '日期，例如 "2026-01-31" 或 "2026-01-31T08:00:00Z"',
        string: '带引号的文本',
        'string[]': '带引号的文本',
      }[type];
      return joinZh(`${ROLE_ZH[role]}必须是`, expected, `，${got(v)}`);
    },
  ),
  'rules.value-too-long': message(
    (role: ValueRole, max: number) => `${role} is longer than ${max} characters`,
    (role, max) => `${ROLE_ZH[role]}超过了 ${max} 个字符`,
  ),
  'rules.value-not-in-enum': message(
    (v: string, options: readonly string[]) => `${describe(v)} is not one of ${quoted(options)}`,
    (v, options) => `${describeZh(v)} 不是可选的值；可选的值有 ${quotedZh(options)}`,
  ),
  'rules.reference-type-mismatch': message(
    (type: FieldType, other: FieldType) => `compares ${TYPE_LABEL[type]} with ${TYPE_LABEL[other]}; both sides must have the same type`,
    (type, other) => `${joinZh('这里把', TYPE_ZH[type], '和', TYPE_ZH[other], '相比较')}；两边的类型必须相同`,
  ),
  'rules.reference-not-allowed': message(
    (operator: string) => `"${operator}" needs a written value, not a fact reference`,
    (operator) => `"${operator}" 后面必须直接写值，不能引用另一个字段`,
  ),
  'rules.list-expected': message(
    (operator: string, example: string, v: unknown) => `"${operator}" needs a list of values, e.g. [${example}]; got ${describe(v)}`,
    (operator, example, v) => `"${operator}" 后面必须是值的列表，例如 [${example}]；${got(v)}`,
  ),
  'rules.list-too-long': message(
    (max: number, count: number) => `a list may hold at most ${max} values (this one has ${count})`,
    (max, count) => `列表最多 ${max} 个值（这里有 ${count} 个）`,
  ),
  'rules.single-value-expected': message(
    (operator: string) => `"${operator}" compares with one value, not a list; use "in" to test several values`,
    (operator) => `"${operator}" 只能和一个值比较，不能是列表；要判断多个值请用 "in"`,
  ),

  // Events
  'rules.missing-event': message(
    (types: readonly string[]) => `a rule needs an "event": { "type": ${orList(types)}, "params": { … } }`,
    (types) => `规则缺少 "event"（事件），写法如 { "type": ${orListZh(types)}, "params": { … } }`,
  ),
  'rules.unknown-event-type': message(
    (decision: DecisionName, types: readonly string[], v: unknown, suggestion: string | undefined) => `${decision} rules emit ${orList(types)}; got ${describe(v)}${didYouMean(suggestion)}`,
    (decision, types, v, suggestion) => `${decisionZh(decision)}规则的事件类型只能是 ${orListZh(types)}；${got(v)}${didYouMeanZh(suggestion)}`,
  ),
  'rules.params-not-object': message(
    (v: unknown) => `"params" must be an object, not ${describe(v)}`,
    (v) => `"params"（参数）必须是一个对象，${got(v)}`,
  ),
  'rules.unknown-param': message(
    (key: string, type: string) => `unknown parameter "${key}" for "${type}"`,
    (key, type) => `"${type}" 事件没有参数 "${key}"`,
  ),
  // An event parameter the event's zod schema refuses; `value` is what was written there.
  'rules.param-invalid': message(
    (issue: ZodIssue, value: unknown) => zodEn(issue, value, issue.path.length > 0 ? `parameter "${issue.path.join('.')}"` : 'the parameters'),
    (issue, value) => zodZh(issue, value, issue.path.length > 0 ? `参数 "${issue.path.join('.')}"` : '参数'),
  ),
  // A test case's facts and expected params (rules/test-cases/case-facts.ts): `field` is written as
  // in the rules language, customer.grade, and `label` is its Chinese label.
  'rules.case-fact-invalid': message(
    (field: string, _label: string, issue: ZodIssue, value: unknown) => zodEn(issue, value, field),
    (field, label, issue, value) => zodZh(issue, value, `${field}（${label}）`),
  ),
  'rules.case-unknown-param': message(
    (key: string, decision: DecisionName, known: readonly string[]) => `"${key}" is not a parameter of the ${decision} decision's events; they have ${quoted(known)}`,
    (key, decision, known) => `"${key}" 不是 ${decisionZh(decision)}决策的事件参数；可以写 ${quotedZh(known)}`,
  ),
  // The document schema refused what the walk accepted: a validator bug, still reported as data.
  'rules.schema-mismatch': message(
    (issue: ZodIssue, _value: unknown) => issue.message,
    (issue, value) => `规则集格式有误：${zodZh(issue, value, issue.path.length > 0 ? `"${issue.path.join('.')}"` : '规则集')}`,
  ),
  ...EXTRA_MESSAGES,
};

export type ValidationCode = keyof typeof VALIDATION_MESSAGES;
export type MessageArgs<C extends ValidationCode> = Parameters<(typeof VALIDATION_MESSAGES)[C]['en']>;

/** The English and Chinese message of a code. */
export function render<C extends ValidationCode>(code: C, ...args: MessageArgs<C>): { message: string; zh: string } {
  const m = VALIDATION_MESSAGES[code] as unknown as { en: (...a: MessageArgs<C>) => string; zh: (...a: MessageArgs<C>) => string };
  return { message: m.en(...args), zh: m.zh(...args) };
}
