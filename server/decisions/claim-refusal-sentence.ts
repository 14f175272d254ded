// Why a recorded claim refusal (trigger claim_refused, recorded with the caps decision: the
// version, rule and facts that set the limits) refused the claim, in the reader's language. A cap
// or the daily limit is told before the caps rule's own sentence; a cooldown is not the caps rule's
// doing, so it is told alone, with until when, in the rep's time zone.
import { DateTime } from 'luxon';
import type { Language } from '../../rules/explain/sentence.js';
import { reasonWords } from '../../schemas/reason-words.js';

/** The trigger of a recorded claim refusal. */
export const CLAIM_REFUSED = 'claim_refused';

type Details = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : '?');

function localTime(iso: unknown, zone: string): string {
  const at = typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : null;
  return at?.isValid ? `${at.toFormat('yyyy-MM-dd HH:mm')}` : '?';
}

/** The refusal told, and whether it replaces the caps rule's sentence (a cooldown) or comes before it; null when the record is no refusal. */
export function claimRefusalSentence(r: { trigger?: string | null; outcome: unknown; facts: unknown }, language: Language): { text: string; alone: boolean } | null {
  if (r.trigger !== CLAIM_REFUSED) return null;
  const outcome = (r.outcome ?? {}) as { refused?: unknown; details?: Details };
  const d = outcome.details ?? {};
  const zone = String(((r.facts ?? {}) as { rep?: { timeZone?: unknown } }).rep?.timeZone ?? 'UTC');
  const zh = language === 'zh';
  switch (outcome.refused) {
    case 'CAP_REACHED':
      return { text: zh ? `领取被拒：私海已满（${num(d.count)}/${num(d.cap)}）。` : `The claim was refused: the private pool was full (${num(d.count)} of ${num(d.cap)}).`, alone: false };
    case 'DAILY_LIMIT_REACHED':
      return {
        text: zh ? `领取被拒：当天已领取 ${num(d.count)} 个客户，达到每日上限（${num(d.limit)}）。` : `The claim was refused: ${num(d.count)} customers were claimed that day, the daily limit (${num(d.limit)}).`,
        alone: false,
      };
    case 'COOLDOWN': {
      const reason = typeof d.reason === 'string' ? reasonWords(d.reason, language) : null;
      const until = localTime(d.until, zone);
      return {
        text: zh
          ? `领取被拒：该业务员之前拥有过该客户${reason ? `（${reason}）` : ''}，冷却期至 ${until}（${zone}），之后可再次领取。`
          : `The claim was refused: the rep owned this customer before${reason ? ` (${reason})` : ''} and may claim it again from ${until} (${zone}).`,
        alone: true,
      };
    }
    default:
      return null;
  }
}
