// A disputed decision in a few words, in English and Chinese: whom an assignment went to, why a
// claim was refused, why a customer was reclaimed. The activity log's sentence about a filed
// dispute and the disputable decisions' summaries both say it with these words.
import type { Language } from './language.js';
import { reasonWords, refusalWords } from './reason-words.js';

export interface DisputedDecision {
  kind: string;
  otherRepId: string | null;
  /** The claim refusal's code, or the reclaim's reason. */
  code: string | null;
}

/**
 * @example
 * disputedDecisionText({ kind: 'claim_refusal', otherRepId: null, code: 'COOLDOWN' }, (id) => id, 'zh'); // '领取被拒：冷却期'
 */
export function disputedDecisionText(t: DisputedDecision, who: (repId: string) => string, language: Language): string {
  if (language === 'zh') {
    if (t.kind === 'assignment') return `分配给 ${t.otherRepId ? who(t.otherRepId) : '—'}`;
    if (t.kind === 'claim_refusal') return `领取被拒：${t.code ? refusalWords(t.code, 'zh') : '—'}`;
    return `回收：${t.code ? reasonWords(t.code, 'zh') : '期限已过'}`;
  }
  if (t.kind === 'assignment') return `assigned to ${t.otherRepId ? who(t.otherRepId) : '—'}`;
  if (t.kind === 'claim_refusal') return `claim refused: ${t.code ? refusalWords(t.code, 'en') : '—'}`;
  return `reclaimed: ${t.code ? reasonWords(t.code, 'en') : 'deadline passed'}`;
}
