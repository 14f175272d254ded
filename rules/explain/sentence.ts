// An explanation as one sentence in the reader's language: the outcome, the conditions of the
// deciding rule that held with the values seen, and which rule of which version decided, e.g.
// "等级 A，因为 预计成交天数 20 ≤ 30（规则「1 个月内成交：A」，v4）" (a shipped rule's name in the reader's words).
import type { DecisionContract } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import { parseDuration } from '../../schemas/duration.js';
import type { Explanation, FiredRule } from '../../schemas/explanation.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { shippedRuleText } from '../../schemas/shipped-rule-words.js';
import { type ConditionContext, conditionPhrases } from './conditions.js';
import { approvalLevelPhrase, eventPhrase } from './outcomes.js';
import { type Language, clause, conjunction, pick, say } from './words.js';

export type { Language } from './words.js';

export interface SentenceInput {
  explanation: Explanation;
  /** The rule-set version that decided; null for a document not saved as a version. */
  version: number | null;
  language: Language;
  /** Default: the contract of the explanation's decision. */
  contract?: DecisionContract | undefined;
  /** The document explained; with it, fact references and named conditions read by name. */
  document?: RuleSetDocument | undefined;
  /** Reclaim: the rule whose deadline applied, when the caller knows it (a recorded outcome); else the shortest deadline. */
  decidingRule?: number | undefined;
}

function ruleRef(f: FiredRule, version: number | null, language: Language): string {
  const v = version === null ? '' : say(language, `, v${version}`, `，v${version}`);
  if (f.name !== null) return say(language, `rule "${f.name}"${v}`, `规则「${shippedRuleText(f.name, language)}」${v}`);
  return say(language, `rule #${f.index + 1}${v}`, `第 ${f.index + 1} 条规则${v}`);
}

/** "<head>, because <conditions> (rule "…", v4)". */
function because(head: string, f: FiredRule, input: SentenceInput, ctx: ConditionContext): string {
  const { language } = input;
  const rule = input.explanation.rules.find((r) => r.index === f.index);
  const source = input.document?.rules[f.index]?.conditions;
  const phrases = rule ? conditionPhrases(rule.conditions, true, source, ctx) : [];
  const ref = ruleRef(f, input.version, language);
  if (!rule) return say(language, `${head} (${ref})`, `${head}（${ref}）`);
  if (phrases.length === 0) return say(language, `${head}, always (${ref})`, `${head}，无条件适用（${ref}）`);
  const why = conjunction(phrases, language);
  return say(language, `${head}, because ${why} (${ref})`, `${head}，因为 ${why}（${ref}）`);
}

const durationOf = (f: FiredRule) => (typeof f.event.params.duration === 'string' ? (parseDuration(f.event.params.duration) ?? Infinity) : Infinity);

function reclaimSentence(fired: readonly FiredRule[], input: SentenceInput, ctx: ConditionContext): string {
  const { language } = input;
  const exempt = fired.find((f) => f.event.type === 'exempt');
  if (exempt) return because(eventPhrase('exempt', exempt.event.params, ctx.contract, language), exempt, input, ctx);
  const deadlines = fired.filter((f) => f.event.type === 'deadline');
  const chosen =
    deadlines.find((f) => f.index === input.decidingRule) ??
    deadlines.reduce<FiredRule | undefined>((best, f) => (best === undefined || durationOf(f) < durationOf(best) ? f : best), undefined);
  if (!chosen) return collectSentence(fired, input, ctx);
  let head = eventPhrase('deadline', chosen.event.params, ctx.contract, language);
  if (deadlines.length > 1) head += say(language, ` (the earliest of ${deadlines.length})`, `（${deadlines.length} 个期限中最早的）`);
  return because(head, chosen, input, ctx);
}

function approvalSentence(fired: readonly FiredRule[], input: SentenceInput, ctx: ConditionContext): string {
  const { language } = input;
  const level = (f: FiredRule) => (typeof f.event.params.level === 'number' ? f.event.params.level : 0);
  const ordered = [...fired].sort((a, b) => level(a) - level(b));
  const clauses = ordered.map((f) => because(approvalLevelPhrase(f.event.params, language), f, input, ctx));
  return say(language, `Approval needed: ${clauses.join('; ')}`, `需要审批：${clauses.join('；')}`);
}

function collectSentence(fired: readonly FiredRule[], input: SentenceInput, ctx: ConditionContext): string {
  return fired.map((f) => because(eventPhrase(f.event.type, f.event.params, ctx.contract, input.language), f, input, ctx)).join(say(input.language, '; ', '；'));
}

/**
 * The explanation as one sentence: the outcome and why, in English or Chinese.
 *
 * @example
 * explanationSentence({ explanation, version: 4, language: 'en' });
 * // 'Grade A, because expected close days 20 ≤ 30 (rule "Close within 1 month: A", v4)'
 */
export function explanationSentence(input: SentenceInput): string {
  const { explanation, language } = input;
  const contract = input.contract ?? contracts[explanation.decision];
  const ctx: ConditionContext = { contract, language, document: input.document };
  const fired = explanation.fired;
  if (fired.length === 0) {
    const what = clause(pick(contract.whenNothingFires, language));
    if (input.version === null) return say(language, `${what}: no rule applied`, `${what}：没有规则适用`);
    return say(language, `${what}: no rule applied (v${input.version})`, `${what}：没有规则适用（v${input.version}）`);
  }
  if (explanation.hitPolicy === 'first') return because(eventPhrase(fired[0]!.event.type, fired[0]!.event.params, contract, language), fired[0]!, input, ctx);
  if (fired.every((f) => f.event.type === 'require_approval')) return approvalSentence(fired, input, ctx);
  if (fired.some((f) => f.event.type === 'deadline' || f.event.type === 'exempt')) return reclaimSentence(fired, input, ctx);
  return collectSentence(fired, input, ctx);
}

/** When no version of the decision was published, nothing decided: the contract's words say what happened. */
export function nothingPublishedSentence(contract: DecisionContract, language: Language): string {
  const what = clause(pick(contract.whenNothingFires, language));
  return say(language, `${what}: no rule set is published`, `${what}：尚未发布规则`);
}
