// Every validator code, from a crafted document: its pointer, the English message (unchanged wording)
// and the Chinese one; and the catalogue itself: every code has both, the Chinese in Chinese.
import { describe, expect, it } from 'vitest';
import { RuleSetDocument } from '../../schemas/rule-set.js';
import { validateRuleSet } from './index.js';
import { VALIDATION_MESSAGES, type ValidationCode, render } from './messages.js';

const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({ conditions, event: { type: 'grade', params: { grade: 'A' } }, ...extra });
const grading = (rules: unknown[], extra: Record<string, unknown> = {}) => ({ decision: 'grading', hitPolicy: 'first', ...extra, rules });
const when = (cond: unknown) => grading([rule({ all: [cond] })]);
const fact = (path: string, operator: string, value: unknown) => ({ fact: 'customer', path, operator, value });
const event = (decision: string, hitPolicy: string, type: string, params: unknown) => ({ decision, hitPolicy, rules: [{ conditions: { all: [] }, event: { type, params } }] });
const nested = (depth: number): unknown => (depth === 0 ? { all: [] } : { not: nested(depth - 1) });

/** [code, document, pointer, English, Chinese] */
const CASES: [ValidationCode, unknown, string, string, string][] = [
  ['rules.document-not-object', [], '',
    'a rule set is an object with "decision", "hitPolicy" and "rules", not a list',
    '规则集应是一个包含 "decision"、"hitPolicy" 和 "rules" 的对象，这里写的是一个列表'],
  ['rules.document-too-large', grading([], { description: 'x'.repeat(300 * 1024) }), '',
    'the rule set is 301 KiB; at most 256 KiB is allowed',
    '规则集大小为 301 KiB，超过了上限 256 KiB；请精简规则'],
  ['rules.forbidden-key', grading([rule({ all: [] })], { constructor: 1 }), '/constructor',
    '"constructor" is not allowed as a key',
    '不能使用 "constructor" 作为键名'],
  ['rules.unknown-key', grading([rule({ all: [] })], { rule: [] }), '/rule',
    'unknown field "rule"; expected "decision", "hitPolicy", "description", "conditions", "rules", "comments"',
    '无法识别的键 "rule"；这里只能写 "decision"、"hitPolicy"、"description"、"conditions"、"rules"、"comments"'],
  ['rules.comments-invalid', grading([rule({ all: [] }, { comments: ['two\nlines'] })]), '/rules/0/comments',
    'comments are lists of lines of text (no line breaks, at most 1000 characters each, at most 500 lines)',
    '注释（comments）应是文本行的列表（不能换行，每行最多 1000 个字符，最多 500 行）'],
  ['rules.comments-unknown-condition', grading([rule({ all: [] })], { comments: { conditions: { gone: ['was here'] } } }), '/comments/conditions/gone',
    'comments for the named condition "gone", which the rule set does not define',
    '注释属于命名条件 "gone"，但规则集中没有定义这个条件'],
  ['text_nul', grading([rule({ all: [] }, { name: 'a\u0000b' })]), '/rules/0/name',
    'contains a NUL character (U+0000)',
    '含有 NUL 字符（U+0000），无法保存'],
  ['text_surrogate', grading([rule({ all: [] })], { conditions: { ['x\ud800']: { all: [] } } }), '/conditions/x\ud800',
    'the key is not well-formed Unicode (a lone UTF-16 surrogate such as \\ud800)',
    '键不是格式正确的 Unicode（含有孤立的 UTF-16 代理项，如 \\ud800），无法保存'],
  ['rules.unknown-decision', { decision: 'recycle', hitPolicy: 'first', rules: [] }, '/decision',
    '"decision" must be one of "assignment", "grading", "caps", "approval", "reclaim"; got "recycle"',
    '"decision"（决策）必须是以下之一：assignment（客户分配）、grading（客户分级）、caps（销售上限）、approval（报价审批）、reclaim（客户回收）；这里写的是 "recycle"'],
  ['rules.hit-policy-mismatch', { ...grading([rule({ all: [] })]), hitPolicy: 'collect' }, '/hitPolicy',
    'grading rules use "hitPolicy": "first" (the first rule that fires decides); got "collect"',
    'grading（客户分级）规则的命中策略应写 "hitPolicy": "first"（第一条满足条件的规则生效）；这里写的是 "collect"'],
  ['rules.description-invalid', grading([rule({ all: [] })], { description: 5 }), '/description',
    'the description must be text of at most 2000 characters',
    '说明（description）必须是文本，最多 2000 个字符'],
  ['rules.conditions-not-object', grading([rule({ all: [] })], { conditions: [] }), '/conditions',
    '"conditions" holds named conditions: { "name": { "all": [ … ] } }, not a list',
    '"conditions" 用来放命名条件，写法如 { "名称": { "all": [ … ] } }；这里写的是一个列表'],
  ['rules.too-many-named-conditions', grading([rule({ all: [] })], { conditions: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, { all: [] }])) }), '/conditions',
    'at most 100 named conditions',
    '命名条件最多 100 个'],
  ['rules.named-condition-name-invalid', grading([rule({ all: [] })], { conditions: { '1st': { all: [] } } }), '/conditions/1st',
    'a condition name starts with a letter and has letters, digits, "_" or "-" (at most 64)',
    '条件名称须以英文字母开头，只能包含字母、数字、"_" 或 "-"，最多 64 个字符'],
  ['rules.condition-cycle', grading([rule({ condition: 'a' })], { conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } } }), '/conditions/a',
    'named conditions refer to each other in a circle: a → b → a',
    '命名条件之间出现了循环引用：a → b → a；请去掉其中一处引用'],
  ['rules.rules-not-list', grading({} as unknown as unknown[]), '/rules',
    '"rules" must be a list of rules, not an object',
    '"rules" 必须是规则列表，这里写的是一个对象'],
  ['rules.no-rules', grading([]), '/rules',
    'a rule set needs at least one rule',
    '规则集至少要有一条规则'],
  ['rules.too-many-rules', grading(Array.from({ length: 501 }, () => rule({ all: [] }))), '/rules',
    'a rule set may hold at most 500 rules (this one has 501)',
    '规则集最多 500 条规则（这里有 501 条）'],
  ['rules.rule-not-object', grading([1]), '/rules/0',
    'a rule is an object with "conditions" and "event", not number 1',
    '每条规则应是一个包含 "conditions"（条件）和 "event"（事件）的对象，这里写的是数字 1'],
  ['rules.rule-name-invalid', grading([rule({ all: [] }, { name: ' ' })]), '/rules/0/name',
    'a rule name must be non-empty text of at most 200 characters',
    '规则名称必须是非空文本，最多 200 个字符'],
  ['rules.duplicate-rule-name', grading([rule({ all: [] }, { name: 'A 级' }), rule({ all: [] }, { name: 'A 级' })]), '/rules/1/name',
    'rule 0 already has the name "A 级"; names must be unique',
    '第 1 条规则已经使用了名称 "A 级"；规则名称不能重复'],
  ['rules.rule-priority-invalid', grading([rule({ all: [] }, { priority: 0 })]), '/rules/0/priority',
    'priority must be a whole number from 1 to 10000 (higher runs first)',
    '优先级（priority）必须是 1 到 10000 之间的整数（数字越大越先执行）'],
  ['rules.missing-conditions', grading([{ event: { type: 'grade', params: { grade: 'A' } } }]), '/rules/0',
    'a rule needs "conditions" (use { "all": [] } for "always")',
    '规则缺少 "conditions"（条件）；如果总是生效，请写 { "all": [] }'],
  ['rules.condition-name-invalid', grading([rule({ all: [], name: 5 })]), '/rules/0/conditions/name',
    'a condition name must be text of at most 200 characters',
    '条件的名称（name）必须是文本，最多 200 个字符'],
  ['rules.condition-priority-invalid', grading([rule({ all: [], priority: 1.5 })]), '/rules/0/conditions/priority',
    'priority must be a whole number from 1 to 10000',
    '优先级（priority）必须是 1 到 10000 之间的整数'],
  ['rules.too-many-conditions', grading(Array.from({ length: 50 }, () => rule({ all: Array.from({ length: 100 }, () => ({ all: [] })) }))), '/rules/49/conditions/all/50',
    'a rule set may hold at most 5000 conditions',
    '一个规则集最多只能有 5000 个条件'],
  ['rules.conditions-too-deep', grading([rule(nested(12))]), '/rules/0/conditions/not/not/not/not/not/not/not/not/not/not/not/not',
    'conditions are nested more than 12 levels deep; flatten them or use named conditions',
    '条件嵌套超过了 12 层；请减少嵌套，或把一部分提取为命名条件'],
  ['rules.condition-not-object', when(5), '/rules/0/conditions/all/0',
    'a condition must be an object like { "all": [ … ] } or { "fact": …, "operator": …, "value": … }, not number 5',
    '条件应是一个对象，例如 { "all": [ … ] } 或 { "fact": …, "operator": …, "value": … }；这里写的是数字 5'],
  ['rules.condition-contains-itself', (() => { const all: unknown[] = []; const c = { all }; all.push(c); return grading([rule(c)]); })(), '/rules/0/conditions/all/0',
    'this condition contains itself (a cycle)',
    '这个条件包含了它自己（循环）'],
  ['rules.top-level-not-group', grading([rule(fact('$.isNew', 'equal', true))]), '/rules/0/conditions',
    "the top of a rule's conditions must be \"all\", \"any\", \"not\" or a \"condition\" reference; wrap this in { \"all\": [ … ] }",
    '规则条件的最外层必须是 "all"、"any"、"not" 或对命名条件的 "condition" 引用；请用 { "all": [ … ] } 把它包起来'],
  ['rules.fact-and-group', when({ all: [], ...fact('$.isNew', 'equal', true) }), '/rules/0/conditions/all/0',
    'a condition is either a fact test or "all", not both',
    '一个条件要么是对字段的判断，要么是 "all"，不能两者都是'],
  ['rules.condition-kind-missing', when({}), '/rules/0/conditions/all/0',
    'a condition needs "all", "any", "not", "condition" or "fact"',
    '条件里需要写 "all"、"any"、"not"、"condition" 或 "fact" 之一'],
  ['rules.condition-kinds-ambiguous', when({ all: [], any: [] }), '/rules/0/conditions/all/0',
    'a condition has exactly one of "all" or "any"',
    '一个条件里只能写 "all" 或 "any" 中的一个'],
  ['rules.group-not-list', when({ any: 5 }), '/rules/0/conditions/all/0/any',
    '"any" needs a list of conditions, not number 5',
    '"any" 后面必须是条件列表，这里写的是数字 5'],
  ['rules.group-too-long', when({ any: Array.from({ length: 101 }, () => ({ all: [] })) }), '/rules/0/conditions/all/0/any',
    '"any" may list at most 100 conditions (this one has 101); group them',
    '"any" 中最多 100 个条件（这里有 101 个）；请分组'],
  ['rules.unknown-condition', when({ condition: 'regular' }), '/rules/0/conditions/all/0/condition',
    'no named condition "regular"; define it under "conditions" at the top of the document',
    '没有名为 "regular" 的命名条件；请先在规则集开头的 "conditions" 中定义它'],
  ['rules.unknown-condition', grading([rule({ all: [{ condition: 'regular' }] })], { conditions: { newcomer: { all: [] } } }), '/rules/0/conditions/all/0/condition',
    'no named condition "regular"; the document defines "newcomer"',
    '没有名为 "regular" 的命名条件；已定义的有 "newcomer"'],
  ['rules.unknown-fact', when({ fact: 'client', path: '$.grade', operator: 'equal', value: 'A' }), '/rules/0/conditions/all/0/fact',
    'unknown fact "client"; grading rules can use "customer"',
    '无法识别的对象 "client"；grading（客户分级）规则可以使用 "customer"'],
  ['rules.missing-path', when({ fact: 'customer', operator: 'equal', value: 'A' }), '/rules/0/conditions/all/0/path',
    'say which field of "customer" to test, e.g. "path": "$.id"',
    '请写明要判断 "customer" 的哪个字段，例如 "path": "$.id"'],
  ['rules.path-invalid', when(fact('grade', 'equal', 'A')), '/rules/0/conditions/all/0/path',
    'a path is "$." and a field name, e.g. "$.id"; got "grade"',
    '字段路径的写法是 "$." 加字段名，例如 "$.id"；这里写的是 "grade"'],
  ['rules.unknown-field', when(fact('$.level', 'equal', 'A')), '/rules/0/conditions/all/0/path',
    '"customer" has no field $.level; its fields are id, country, region, source, productLine, language, poolId, status, stage, grade, keyCustomer, isNew, createdAt, daysSinceCreated, claimedAt, daysSinceClaim, stageAt, daysInStage, followUps, daysSinceLastFollowUp, reclaims, expectedCloseDays, noDemand, repGrade',
    '"customer" 没有字段 $.level；它的字段有 id、country、region、source、productLine、language、poolId、status、stage、grade、keyCustomer、isNew、createdAt、daysSinceCreated、claimedAt、daysSinceClaim、stageAt、daysInStage、followUps、daysSinceLastFollowUp、reclaims、expectedCloseDays、noDemand、repGrade'],
  ['rules.unknown-field', when(fact('$.expectedCloseDay', 'equal', 'A')), '/rules/0/conditions/all/0/path',
    '"customer" has no field $.expectedCloseDay (did you mean "expectedCloseDays"?); its fields are id, country, region, source, productLine, language, poolId, status, stage, grade, keyCustomer, isNew, createdAt, daysSinceCreated, claimedAt, daysSinceClaim, stageAt, daysInStage, followUps, daysSinceLastFollowUp, reclaims, expectedCloseDays, noDemand, repGrade',
    '"customer" 没有字段 $.expectedCloseDay（是不是要写 "expectedCloseDays"？）；它的字段有 id、country、region、source、productLine、language、poolId、status、stage、grade、keyCustomer、isNew、createdAt、daysSinceCreated、claimedAt、daysSinceClaim、stageAt、daysInStage、followUps、daysSinceLastFollowUp、reclaims、expectedCloseDays、noDemand、repGrade'],
  ['rules.unknown-operator', when(fact('$.grade', 'equals', 'A')), '/rules/0/conditions/all/0/operator',
    'unknown operator "equals"; operators are equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, before, after, onOrBefore, onOrAfter',
    '无法识别的运算符 "equals"；可用的运算符有 equal、notEqual、in、notIn、contains、doesNotContain、lessThan、lessThanInclusive、greaterThan、greaterThanInclusive、before、after、onOrBefore、onOrAfter'],
  ['rules.missing-value', when({ fact: 'customer', path: '$.grade', operator: 'equal' }), '/rules/0/conditions/all/0',
    'a condition needs a "value" to compare with',
    '条件缺少用来比较的值 "value"'],
  ['rules.operator-not-allowed', when(fact('$.isNew', 'lessThan', true)), '/rules/0/conditions/all/0/operator',
    '"lessThan" does not work on customer.isNew (true/false); use equal, notEqual',
    '运算符 "lessThan" 不能用于 customer.isNew（true/false 值）；请改用 equal、notEqual'],
  ['rules.null-not-allowed', when(fact('$.isNew', 'equal', null)), '/rules/0/conditions/all/0/value',
    'the value cannot be null: this field always has a value',
    '值不能是 null：这个字段总是有值'],
  ['rules.wrong-value-type', when(fact('$.daysSinceCreated', 'greaterThan', '30')), '/rules/0/conditions/all/0/value',
    'the value must be a number, not "30"',
    '值必须是数字，这里写的是 "30"'],
  ['rules.wrong-value-type', when(fact('$.isNew', 'equal', 'yes')), '/rules/0/conditions/all/0/value',
    'the value must be true or false, not "yes"',
    '值必须是 true 或 false，这里写的是 "yes"'],
  ['rules.wrong-value-type', when(fact('$.createdAt', 'before', 'last week')), '/rules/0/conditions/all/0/value',
    'the value must be a date such as "2026-01-31" or "2026-01-31T08:00:00Z", not "last week"',
    '值必须是日期，例如 "2026-01-31" 或 "2026-01-31T08:00:00Z"，这里写的是 "last week"'],
  ['rules.wrong-value-type', when(fact('$.grade', 'in', ['A', 1])), '/rules/0/conditions/all/0/value/1',
    'each value must be text, not number 1',
    '列表中的每个值必须是带引号的文本，这里写的是数字 1'],
  ['rules.value-too-long', when(fact('$.region', 'equal', 'x'.repeat(1001))), '/rules/0/conditions/all/0/value',
    'the value is longer than 1000 characters',
    '值超过了 1000 个字符'],
  ['rules.value-not-in-enum', when(fact('$.grade', 'equal', 'F')), '/rules/0/conditions/all/0/value',
    '"F" is not one of "A", "B", "C", "D", "E"',
    '"F" 不是可选的值；可选的值有 "A"、"B"、"C"、"D"、"E"'],
  ['rules.reference-type-mismatch', when(fact('$.grade', 'equal', { fact: 'customer', path: '$.isNew' })), '/rules/0/conditions/all/0/value',
    'compares a text with true/false; both sides must have the same type',
    '这里把文本和 true/false 值相比较；两边的类型必须相同'],
  ['rules.reference-not-allowed', when(fact('$.grade', 'in', { fact: 'customer', path: '$.repGrade' })), '/rules/0/conditions/all/0/value',
    '"in" needs a written value, not a fact reference',
    '"in" 后面必须直接写值，不能引用另一个字段'],
  ['rules.list-expected', when(fact('$.grade', 'in', 'A')), '/rules/0/conditions/all/0/value',
    '"in" needs a list of values, e.g. ["A"]; got "A"',
    '"in" 后面必须是值的列表，例如 ["A"]；这里写的是 "A"'],
  ['rules.list-too-long', when(fact('$.region', 'in', Array.from({ length: 1001 }, (_, i) => `r${i}`))), '/rules/0/conditions/all/0/value',
    'a list may hold at most 1000 values (this one has 1001)',
    '列表最多 1000 个值（这里有 1001 个）'],
  ['rules.single-value-expected', when(fact('$.grade', 'equal', ['A'])), '/rules/0/conditions/all/0/value',
    '"equal" compares with one value, not a list; use "in" to test several values',
    '"equal" 只能和一个值比较，不能是列表；要判断多个值请用 "in"'],
  ['rules.missing-event', grading([{ conditions: { all: [] } }]), '/rules/0/event',
    'a rule needs an "event": { "type": "grade", "params": { … } }',
    '规则缺少 "event"（事件），写法如 { "type": "grade", "params": { … } }'],
  ['rules.unknown-event-type', event('grading', 'first', 'deadline', {}), '/rules/0/event/type',
    'grading rules emit "grade"; got "deadline"',
    'grading（客户分级）规则的事件类型只能是 "grade"；这里写的是 "deadline"'],
  ['rules.params-not-object', event('grading', 'first', 'grade', 'A'), '/rules/0/event/params',
    '"params" must be an object, not "A"',
    '"params"（参数）必须是一个对象，这里写的是 "A"'],
  ['rules.unknown-param', event('grading', 'first', 'grade', { grade: 'A', colour: 'red' }), '/rules/0/event/params/colour',
    'unknown parameter "colour" for "grade"',
    '"grade" 事件没有参数 "colour"'],
  ['rules.param-invalid', event('grading', 'first', 'grade', { grade: 'F' }), '/rules/0/event/params/grade',
    'parameter "grade" must be one of "A", "B", "C", "D", "E"; got "F"',
    '参数 "grade" 必须是以下之一："A"、"B"、"C"、"D"、"E"；这里写的是 "F"'],
  ['rules.param-invalid', event('grading', 'first', 'grade', {}), '/rules/0/event/params/grade',
    'parameter "grade" is missing; it takes "A", "B", "C", "D", "E"',
    '缺少参数 "grade"；可选的值有 "A"、"B"、"C"、"D"、"E"'],
  ['rules.param-invalid', event('reclaim', 'collect', 'deadline', { name: 'follow_up', duration: 'soon' }), '/rules/0/event/params/duration',
    'parameter "duration": expected a duration such as "45s", "30m", "12h" or "3d" (at most 10 years)',
    '参数 "duration"：应为时长，例如 "45s"、"30m"、"12h" 或 "3d"（最长 10 年）'],
  ['rules.param-invalid', event('reclaim', 'collect', 'deadline', { name: 'Follow up', duration: '1d' }), '/rules/0/event/params/name',
    'parameter "name": a lower-case name such as "follow_up" or "deal"',
    '参数 "name"：应为小写英文名称，例如 "follow_up" 或 "deal"'],
  ['rules.param-invalid', event('reclaim', 'collect', 'deadline', { name: 'follow_up', duration: '1d', warnBefore: 4 }), '/rules/0/event/params/warnBefore',
    'parameter "warnBefore" must be text, not number 4',
    '参数 "warnBefore" 必须是文本，这里写的是数字 4'],
  ['rules.param-invalid', event('reclaim', 'collect', 'deadline', { name: 'follow_up', duration: '1d', reason: 'No' }), '/rules/0/event/params/reason',
    'parameter "reason" has the wrong form (it must match /^[a-z][a-z0-9_]*$/)',
    '参数 "reason" 格式不正确（须符合 /^[a-z][a-z0-9_]*$/）'],
  ['rules.param-invalid', event('reclaim', 'collect', 'exempt', { reason: '' }), '/rules/0/event/params/reason',
    'parameter "reason" cannot be empty',
    '参数 "reason" 不能为空'],
  ['rules.param-invalid', event('assignment', 'first', 'assign', { rep: 'r1', team: 't1', strategy: 'direct' }), '/rules/0/event/params',
    'give at most one of rep, team or pool',
    'rep、team、pool 最多只能填一个'],
  ['rules.param-invalid', event('assignment', 'first', 'assign', { team: 't1', strategy: 'direct' }), '/rules/0/event/params',
    'strategy "direct" goes with "rep", and "rep" with strategy "direct"',
    'strategy 为 "direct"（直接分配）时必须填写 rep；填写了 rep 时 strategy 必须是 "direct"'],
  ['rules.param-invalid', event('assignment', 'first', 'assign', { repTags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), '/rules/0/event/params/repTags',
    'parameter "repTags" may have at most 20 items',
    '参数 "repTags" 最多 20 项'],
  ['rules.param-invalid', event('approval', 'collect', 'require_approval', { level: 9, role: 'manager', timeout: '1d' }), '/rules/0/event/params/level',
    'parameter "level" must be at most 5',
    '参数 "level" 不能大于 5'],
  ['rules.param-invalid', event('approval', 'collect', 'require_approval', { level: 1, role: 'manager', rep: 'r1', timeout: '1d' }), '/rules/0/event/params',
    'give exactly one of role or rep',
    'role（审批角色）和 rep（审批人）必须填写其中一个，且只能填一个'],
  ['rules.param-invalid', event('caps', 'first', 'cap', { privateMax: 1.5, keyMax: 5, dailyClaimMax: -1 }), '/rules/0/event/params/privateMax',
    'parameter "privateMax" must be a whole number, not number 1.5',
    '参数 "privateMax" 必须是整数，这里写的是数字 1.5'],
  ['rules.param-invalid', event('reclaim', 'collect', 'deadline', { name: 'follow_up', duration: '1d', workingDays: 'yes' }), '/rules/0/event/params/workingDays',
    'parameter "workingDays" must be true or false, not "yes"',
    '参数 "workingDays" 必须是 true 或 false，这里写的是 "yes"'],
];

const HAN = /\p{Script=Han}/u;

describe('validator messages', () => {
  it.each(CASES)('%s', (code, doc, pointer, message, zh) => {
    const result = validateRuleSet(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ pointer, code, message, zh });
  });

  it('tells a rule set just over the size limit by how many bytes, never as the limit itself', () => {
    const base = JSON.stringify(grading([], { description: '' })).length;
    const doc = grading([], { description: 'x'.repeat(256 * 1024 - base + 10) });
    const result = validateRuleSet(doc);
    const issue = !result.ok ? result.issues.find((i) => i.code === 'rules.document-too-large') : undefined;
    expect(issue?.message).toMatch(/^the rule set is 262,1\d\d bytes \(\d+ over\); at most 256 KiB is allowed$/);
    expect(issue?.message).not.toContain('is 256 KiB');
  });

  it('every issue of every case has a code of the catalogue, an English and a Chinese message', () => {
    for (const [, doc] of CASES) {
      const result = validateRuleSet(doc);
      for (const issue of result.ok ? [] : result.issues) {
        expect(Object.keys(VALIDATION_MESSAGES)).toContain(issue.code);
        expect(issue.message.length).toBeGreaterThan(0);
        expect(issue.zh).toMatch(HAN);
      }
    }
  });

  it('reports a document the schema refuses but the walk accepted (a validator bug) in both languages', () => {
    const parsed = RuleSetDocument.safeParse({ decision: 'grading', hitPolicy: 'first', rules: 5 });
    const issue = parsed.error!.issues[0]!;
    expect(render('rules.schema-mismatch', issue, 5)).toEqual({ message: issue.message, zh: '规则集格式有误："rules" 必须是列表，这里写的是数字 5' });
  });

  it('has a case for every code, and every code has an English and a Chinese template', () => {
    // The test cases' own codes are checked with the cases (rules/test-cases/case-facts.test.ts).
    // So are the reps, teams and pools a rule set names, which need the ids that exist (references.test.ts).
    const references = ['rules.unknown-rep', 'rules.unknown-team', 'rules.unknown-pool'];
    const covered = new Set<string>([...CASES.map(([code]) => code), 'rules.schema-mismatch', 'rules.case-fact-invalid', 'rules.case-unknown-param', ...references]);
    expect([...covered].sort()).toEqual(Object.keys(VALIDATION_MESSAGES).sort());
    for (const [code, { en, zh }] of Object.entries(VALIDATION_MESSAGES)) {
      // Text the database cannot store has the code every layer gives it (schemas/storable-text.ts).
      expect(code).toMatch(/^(rules\.[a-z]+(-[a-z]+)*|text_nul|text_surrogate)$/);
      expect(typeof en).toBe('function');
      expect(typeof zh).toBe('function');
    }
  });
});

describe('a field left out', () => {
  it('is said to be missing, never "undefined", in both languages', () => {
    for (const doc of [{ rules: [] }, { decision: 'grading', rules: [] }, { decision: 'grading', hitPolicy: 'first' }]) {
      const result = validateRuleSet(doc);
      if (result.ok) throw new Error(`accepted ${JSON.stringify(doc)}`);
      for (const issue of result.issues) {
        expect(`${issue.message} ${issue.zh}`, issue.pointer).not.toMatch(/undefined/);
      }
    }
    const missing = validateRuleSet({ rules: [] });
    expect(missing.ok ? null : missing.issues[0]!.message).toMatch(/got nothing \(it is missing\)$/);
  });
});
