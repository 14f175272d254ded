// A simulation's outcomes as the reader's words. The server tells a reclaim outcome as
// "<deadline> by <yyyy-MM-dd HH:mm zone>", "no deadline" or "exempt (<reason>)", and a change as
// "<before> → <after>"; the deadline's name is a code (follow_up …), so each part is put in words
// here. Anything else (a grade, an assignment) is shown as sent.

export interface OutcomeWords {
  /** A deadline by its code and when it falls, e.g. "follow-up by …" / "… 前跟进". */
  deadline(name: string, at: string): string;
  noDeadline: string;
  exempt(reason: string): string;
}

const DEADLINE = /^(\S+) by (\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?: \S+)?)$/;
const EXEMPT = /^exempt \((.*)\)$/s;

/** One outcome label in words. */
export function outcomeText(label: string, words: OutcomeWords): string {
  const d = DEADLINE.exec(label);
  if (d) return words.deadline(d[1]!, d[2]!);
  if (label === 'no deadline') return words.noDeadline;
  const e = EXEMPT.exec(label);
  if (e) return words.exempt(e[1]!);
  return label;
}

/** A transition ("<before> → <after>") in words. */
export function changeText(change: string, words: OutcomeWords): string {
  const parts = change.split(' → ');
  return parts.length === 2 ? parts.map((p) => outcomeText(p, words)).join(' → ') : outcomeText(change, words);
}
