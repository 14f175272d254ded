// The validator's messages about conditions and their fact tests, by code (spread into messages.ts's
// catalogue in its place); the same form: English and Chinese.
import type { FieldType } from '../../schemas/decisions/contract.js';
import type { DecisionName } from '../../schemas/rule-set.js';
import { ROLE_ZH, TYPE_LABEL, TYPE_ZH, type ValueRole, describe, describeZh, decisionZh, didYouMean, didYouMeanZh, got, joinZh, message, orList, orListZh, quoted, quotedZh } from './wording.js';

/** The condition and fact-test messages, by code. */
export const CONDITION_MESSAGES = {
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
};
