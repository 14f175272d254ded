// Why the assignment rules gave a customer to a rep or left it in the pool, when the rule gave no
// reason of its own: stored as a code with its values, told in English or Chinese. A rule's own
// reason is the rule author's words and is quoted as written (a shipped rule's in the reader's words).
import type { Language } from './language.js';
import { reasonWords, refusalWords } from './reason-words.js';
import { repLabel } from './rep-label.js';
import { shippedRuleText } from './shipped-rule-words.js';

export type PickReason =
  /** The rule's own `reason` param, as its author wrote it. */
  | { code: 'rule'; text: string }
  /** The rule gave no reason: its strategy picked the rep. */
  | { code: 'strategy'; strategy: string }
  | { code: 'no_rule' }
  | { code: 'kept_in_pool'; pool: string }
  | { code: 'nobody'; target: { kind: 'rep' | 'team' | 'contributors' | 'any'; id?: string }; considered: number; skipped: Record<string, number> }
  | { code: 'won_stays'; strategy: string }
  | { code: 'not_assigned'; via: 'create' | 'import' }
  /**
   * The picked rep could not take it (their cap filled, they left …): the refusal's code and its
   * English message. repName: the rep's name when it was refused (reasons stored before it name the id).
   */
  | { code: 'rep_refused'; repId: string; repName?: string | undefined; refusal: string; message: string };

/** Why a rep was skipped: English (as stored in `skipped`) → Chinese. */
const SKIPPED_ZH: Record<string, string> = {
  inactive: '已停用',
  'on leave': '休假中',
  'without the tags': '缺少所需标签',
  'not senior enough': '资历不足',
  'in cooldown for this customer': '对该客户处于冷却期',
  'at their cap': '私海已满',
};

/** A strategy as the reason words name it ("round_robin" → "round robin" → 轮流分配). */
const strategyText = (strategy: string, language: Language) => {
  const code = strategy.replace('_', ' ');
  return language === 'zh' ? reasonWords(code, language) : code;
};

function targetText(t: Extract<PickReason, { code: 'nobody' }>['target'], language: Language): string {
  if (language === 'zh') return t.kind === 'rep' ? `业务员 ${t.id}` : t.kind === 'team' ? `团队 ${t.id}` : t.kind === 'contributors' ? '贡献者' : '任何业务员';
  return t.kind === 'rep' ? `rep ${t.id}` : t.kind === 'team' ? `team ${t.id}` : t.kind === 'contributors' ? 'the contributors' : 'any rep';
}

/**
 * The reason in `language`.
 *
 * @example
 * pickReasonText({ code: 'no_rule' }, 'zh'); // '没有分配规则适用'
 */
export function pickReasonText(r: PickReason, language: Language): string {
  const zh = language === 'zh';
  switch (r.code) {
    case 'rule':
      return shippedRuleText(r.text, language);
    case 'strategy':
      return strategyText(r.strategy, language);
    case 'no_rule':
      return reasonWords('no assignment rule fired', language);
    case 'kept_in_pool':
      return zh ? `分配规则将其留在公海池 ${r.pool}` : `the assignment rules keep it in pool ${r.pool}`;
    case 'nobody': {
      const target = targetText(r.target, language);
      if (r.considered === 0) return zh ? `没有可分配的业务员：${target} 没有业务员` : `no eligible rep: ${target} has no reps`;
      const skipped = Object.entries(r.skipped).map(([why, n]) => (zh ? `${n} 人${SKIPPED_ZH[why] ?? why}` : `${n} ${why}`));
      return zh ? `没有可分配的业务员（${target}）：${skipped.join('，')}` : `no eligible rep for ${target}: ${skipped.join(', ')}`;
    }
    case 'won_stays':
      return zh
        ? `已成交客户只分给贡献者（规则的策略是${strategyText(r.strategy, language)}）：仍归原负责人`
        : `a won customer goes only to a contributor (the rule says ${strategyText(r.strategy, language)}): its owner keeps it`;
    case 'not_assigned':
      return reasonWords(`${r.via === 'import' ? 'imported' : 'created'} with "assign": false`, language);
    case 'rep_refused': {
      const rep = repLabel({ id: r.repId, name: r.repName }, language);
      return zh ? `${rep} 无法接收（${refusalWords(r.refusal, language)}），客户留在公海` : `${rep} could not take it: ${r.message}`;
    }
  }
}

/** A stored reason in `language`: from its code when stored with one, else (Chinese) the words for a known code (reason-words), else as stored. */
export const storedReasonText = (reason: string, why: PickReason | null | undefined, language: Language) =>
  why ? pickReasonText(why, language) : language === 'en' ? reason : reasonWords(reason, language);
