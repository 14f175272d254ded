// The analysis's warnings, by stable code, in English and Chinese (the style of rules/validate/messages.ts).
import { joinZh, message } from '../validate/wording.js';

/** A rule as the messages name it: its name in quotes, else its place. */
export interface RuleLabel {
  en: string;
  zh: string;
}
export const ruleLabel = (name: string | undefined, index: number): RuleLabel =>
  name ? { en: `"${name}"`, zh: `"${name}"` } : { en: `rule ${index + 1}`, zh: `第 ${index + 1} 条规则` };

type Text = { en: string; zh: string };
const listEn = (rules: RuleLabel[]) => (rules.length <= 1 ? (rules[0]?.en ?? '') : `${rules.slice(0, -1).map((r) => r.en).join(', ')} and ${rules.at(-1)!.en}`);
const listZh = (rules: RuleLabel[]) => rules.map((r) => r.zh).join('、');

export const ANALYSIS_MESSAGES = {
  'analysis.gap': message(
    (where: Text, nothing: Text) => `No rule for ${where.en}; then: ${nothing.en}`,
    (where, nothing) => `没有规则适用于 ${where.zh}；此时：${nothing.zh}`,
  ),
  'analysis.deadline-gap': message(
    (where: Text, name: string) => `No rule gives a "${name}" deadline for ${where.en}; then: only the other deadlines apply.`,
    (where, name) => `没有规则为 ${where.zh} 给出 "${name}" 回收期限；此时：只有其他回收期限生效。`,
  ),
  'analysis.gap-more': message(
    (count: number, truncated: boolean) => `… and ${truncated ? 'more than ' : ''}${count} more combinations no rule covers`,
    (count, truncated) => `……另有${truncated ? '超过 ' : ' '}${count} 种组合没有规则适用`,
  ),
  'analysis.shadowed': message(
    (rule: RuleLabel, earlier: RuleLabel[]) => `Rule ${rule.en} can never fire: ${listEn(earlier)} ${earlier.length === 1 ? 'comes' : 'come'} first and ${earlier.length === 1 ? 'covers' : 'cover'} every case it covers`,
    (rule, earlier) => joinZh('规则 ', rule.zh, ' 永远不会触发：排在它前面的', listZh(earlier), '已覆盖它的所有情况'),
  ),
  'analysis.never': message(
    (rule: RuleLabel) => `Rule ${rule.en} can never fire: its conditions contradict each other`,
    (rule) => joinZh('规则 ', rule.zh, ' 永远不会触发：它的条件互相矛盾'),
  ),
  'analysis.overlap': message(
    (earlier: RuleLabel, rule: RuleLabel, where: Text) =>
      `Rules ${earlier.en} and ${rule.en} have the same priority and different outcomes, and both apply when ${where.en}; ${earlier.en} wins only because it is written first`,
    (earlier, rule, where) => joinZh('规则 ', earlier.zh, ' 和 ', rule.zh, ` 优先级相同、结果不同，在 ${where.zh} 时都适用；`, earlier.zh, ' 胜出只是因为它写在前面'),
  ),
  'analysis.gaps-stopped': message(
    () => 'The rule set is too large to check every combination of values: not every combination was checked, so some no rule covers may not be listed',
    () => '规则集太大，未能检查所有取值组合：可能还有没有规则适用的组合未列出',
  ),
  'analysis.stopped': message(
    () => 'The rule set is too large to check every rule for being shadowed or overlapping; some rules were not checked',
    () => '规则集太大，未能逐条检查规则是否被覆盖或重叠；部分规则未检查',
  ),
  'analysis.inactive-rep': message(
    (id: string) => `Rep "${id}" is deactivated: until reactivated they get no customers and cannot act on approvals, though this rule names them`,
    (id) => `业务员 "${id}" 已停用：在重新启用之前不会分到客户，也不能处理审批，但这条规则仍指定了他`,
  ),
  'analysis.skipped': message(
    (rule: RuleLabel) => `Rule ${rule.en} is left out of the gap and overlap analysis: its conditions are not simple tests of the decision's fields`,
    (rule) => joinZh('规则 ', rule.zh, ' 未参与遗漏和重叠分析：它的条件不是对决策字段的简单判断'),
  ),
};

export type AnalysisCode = keyof typeof ANALYSIS_MESSAGES;

export function renderAnalysis<C extends AnalysisCode>(code: C, ...args: Parameters<(typeof ANALYSIS_MESSAGES)[C]['en']>): { message: string; zh: string } {
  const m = ANALYSIS_MESSAGES[code] as unknown as { en: (...a: unknown[]) => string; zh: (...a: unknown[]) => string };
  return { message: m.en(...args), zh: m.zh(...args) };
}
