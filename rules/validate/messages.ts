// Every problem the rule-set validator reports, by stable code: the English message (API clients and
// tests match on its wording) and the Chinese one for the operations admins, side by side.
// Chinese words used throughout: fact 对象, field/path 字段, operator 运算符, value 值, condition 条件,
// named condition 命名条件, rule 规则, event 事件, parameter 参数, decision 决策, hit policy 命中策略,
// rule set 规则集, key 键.
import type { DecisionName, HitPolicy } from '../../schemas/rule-set.js';
import { CONDITION_MESSAGES } from './condition-messages.js';
import { EXTRA_MESSAGES } from './extra-messages.js';
import type { Notation } from './notation.js';
import { decisionZh, describe, didYouMean, didYouMeanZh, got, message, orList, orListZh, quoted, quotedZh } from './wording.js';
import { type ZodIssue, zodEn, zodZh } from './zod-wording.js';

/** The hit policy as the person wrote it. */
const hitPolicyText = (policy: HitPolicy, notation: Notation) => (notation === 'source' ? `hit policy ${policy}` : `"hitPolicy": "${policy}"`);

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

  // Conditions and their fact tests (condition-messages.ts)
  ...CONDITION_MESSAGES,

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