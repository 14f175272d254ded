// What the server writes in a customer's history, in the reader's language. A system entry stores
// what happened (`ActivityText`: a key and its values) next to its English sentence; the history
// is told again in the language of whoever reads it. What people typed (a comment, a reason) is
// quoted as typed; reasons the rules give are the rule author's words. Reps are stored by id and
// named when told, the name beside the id (schemas/rep-label), as the UI names them.
import { fieldWord } from '../../schemas/field-words.js';
import type { Language } from '../../schemas/language.js';
import { type PickReason, storedReasonText } from '../../schemas/pick-reason.js';
import { decisionLabelZh } from '../../schemas/decisions/index.js';
import { disputeKindWords, refusalWords } from '../../schemas/reason-words.js';
import { repLabel } from '../../schemas/rep-label.js';
import { type DisputedDecision, disputedDecisionText } from '../../schemas/disputed-words.js';
import { shippedRuleText } from '../../schemas/shipped-rule-words.js';

/** An amount as stored ("62500.00") with its thousands grouped ("62,500.00"), as people write money in both languages. */
const grouped = (amount: string) => amount.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

export type ActivityText =
  | { key: 'quote_submitted'; currency: string; amount: string; discountPct: number; marginPct: number; levels: number[]; note: string | null }
  | { key: 'quote_escalated'; level: number }
  | { key: 'quote_rejected'; level: number; approver: string; approverId?: string; comment: string | null }
  | { key: 'quote_level_approved'; level: number; approver: string; approverId?: string; comment: string | null }
  | { key: 'quote_approved'; approver: string; approverId?: string; comment: string | null }
  | { key: 'dispute_filed'; kind: string; otherRepId: string | null; code: string | null; rule: RuleRef; reason: string }
  | { key: 'dispute_decided'; repId: string; kind: string; rule: RuleRef; reassigned: boolean; comment: string }
  | { key: 'import_filled'; fileName: string; row: number; fields: string[] }
  /** A PATCH of the customer's details: each field changed with its value before and after (null: empty). */
  | { key: 'details_changed'; changes: { field: string; before: string | null; after: string | null }[] }
  /** name: the rep's name when added (named by their current name when told, this one if the rep is gone). */
  | { key: 'collaborator_added'; name: string; repId: string; by: string | null }
  /**
   * by: who removed them (null: they left); why: not removed by hand, but deactivated (by `by`), the
   * customer's owner now, or the tenure ended (`pool`: released or reclaimed, by `by` or at its
   * deadline; `merged`: merged into another customer by `by`).
   */
  | { key: 'collaborator_removed'; repId: string; by: string | null; why?: 'deactivated' | 'owner' | 'pool' | 'merged' }
  | { key: 'joint_opened'; note: string | null }
  /** The customer was merged into another while a joint follow-up was open: it closed with the merge (no split, no assignment). */
  | { key: 'joint_merged' }
  /** reason null: the customer was claimed during the joint follow-up and its owner keeps it (no rule was asked); why: the reason's code (since it is stored). */
  | { key: 'joint_closed'; split: Share[]; to: Destination; reason: string | null; why?: PickReason }
  | { key: 'won_together'; split: Share[]; to: Destination; reason: string; why?: PickReason };

/** The rule a disputed decision came from: its decision, name and version (name null: no rule, e.g. a cooldown). */
export interface RuleRef {
  decision: string;
  name: string | null;
  version: number | null;
}
export interface Share {
  repId: string;
  pct: number;
}
/** Where a customer went when working together ended. */
export type Destination = { kind: 'rep'; repId: string } | { kind: 'stays'; repId: string | null } | { kind: 'pool' };

const MAX = 4_000;

const en = {
  quote_submitted: (t) => `${t.currency} ${grouped(t.amount)}, discount ${t.discountPct}%, margin ${t.marginPct}% — ${t.levels.length > 0 ? `approval: ${t.levels.map((l) => `level ${l}`).join(', ')}` : 'no approval needed'}${t.note ? `. ${t.note}` : ''}`,
  quote_escalated: (t) => `Level ${t.level} undecided after its timeout; escalated to admins.`,
  quote_rejected: (t, who) => `Level ${t.level} rejected by ${approver(t, who)}: ${t.comment ?? ''}`,
  quote_level_approved: (t, who) => `Level ${t.level} approved by ${approver(t, who)}${t.comment ? `: ${t.comment}` : ''}`,
  quote_approved: (t, who) => `Approved by ${approver(t, who)}${t.comment ? `: ${t.comment}` : ''}`,
  dispute_filed: (t, who) => `Disputed the ${disputeKindWords(t.kind, 'en')} (${disputedEn(t, who)}) by ${ruleEn(t.rule)}: ${t.reason}`,
  dispute_decided: (t, who) => `Dispute by ${who(t.repId)} of the ${disputeKindWords(t.kind, 'en')} by ${ruleEn(t.rule)} ${t.reassigned ? `decided: reassigned to ${who(t.repId)}` : 'upheld'}: ${t.comment}`,
  import_filled: (t) => `Filled from import "${t.fileName}" row ${t.row}: ${fieldWords(t.fields, 'en').join(', ')}`,
  details_changed: (t) => `Details changed: ${t.changes.map((c) => `${fieldWord(c.field, 'en')} ${c.before ?? '(empty)'} → ${c.after ?? '(empty)'}`).join('; ')}`,
  collaborator_added: (t, who) => `${who(t.repId, t.name)} ${t.by ? `added as a collaborator by ${who(t.by)}` : 'joined the joint follow-up'}`,
  collaborator_removed: (t, who) =>
    t.why
      ? `${who(t.repId)} is no longer a collaborator: ${endedEn[t.why](t.by, who)}`
      : t.by
        ? `${who(t.repId)} removed as a collaborator by ${who(t.by)}`
        : `${who(t.repId)} left the collaboration`,
  joint_opened: (t) => `Joint follow-up opened${t.note ? `: ${t.note}` : ''}`,
  joint_merged: () => 'Joint follow-up closed: the customer was merged into another (no split, no assignment)',
  joint_closed: (t, who) =>
    t.reason === null
      ? `Joint follow-up closed (${splitText(t.split, who) || 'nobody joined'}); claimed during the joint follow-up, it ${destinationEn(t.to, who)}`
      : `Joint follow-up closed (${splitText(t.split, who) || 'nobody joined'}); by the assignment rules it ${destinationEn(t.to, who)}: ${storedReasonText(t.reason, t.why, 'en')}`,
  won_together: (t, who) => `Won together: ${splitText(t.split, who)}; by the assignment rules it ${destinationEn(t.to, who)}: ${storedReasonText(t.reason, t.why, 'en')}`,
} satisfies Texts;

/** Why a collaboration ended by itself (collaboration-ends.ts), `by` who ended it. */
type Ended = Record<NonNullable<Extract<ActivityText, { key: 'collaborator_removed' }>['why']>, (by: string | null, who: Who) => string>;
const endedEn: Ended = {
  owner: () => 'they own the customer now',
  deactivated: (by, who) => `deactivated${by ? ` by ${who(by)}` : ''}`,
  pool: () => 'the customer went back to the pool',
  merged: () => 'the customer was merged into another',
};
const endedZh: Ended = {
  owner: () => '现为负责人',
  deactivated: (by, who) => (by ? `已被 ${who(by)} 停用` : '已停用'),
  pool: () => '因客户回到公海',
  merged: () => '因客户已被合并',
};

/** A decision as the rule editor names it (its contract's label); a cooldown (no rule's doing) by the refusal's words. */
const decisionZh = (d: string) => (d === 'cooldown' ? refusalWords('COOLDOWN', 'zh') : decisionLabelZh(d));
const fieldWords = (fields: string[], language: Language) => fields.map((f) => fieldWord(f, language));

const zh = {
  quote_submitted: (t) => `${t.currency} ${grouped(t.amount)}，折扣 ${t.discountPct}%，毛利率 ${t.marginPct}% —— ${t.levels.length > 0 ? `需审批：${t.levels.map((l) => `第 ${l} 级`).join('、')}` : '无需审批'}${t.note ? `。${t.note}` : ''}`,
  quote_escalated: (t) => `第 ${t.level} 级审批超时未处理，已升级给管理员。`,
  quote_rejected: (t, who) => `第 ${t.level} 级审批被 ${approver(t, who)} 驳回：${t.comment ?? ''}`,
  quote_level_approved: (t, who) => `第 ${t.level} 级审批已由 ${approver(t, who)} 批准${t.comment ? `：${t.comment}` : ''}`,
  quote_approved: (t, who) => `已由 ${approver(t, who)} 批准${t.comment ? `：${t.comment}` : ''}`,
  dispute_filed: (t, who) => `对${ruleZh(t.rule)}的${disputeKindWords(t.kind, 'zh')}决定（${disputedZh(t, who)}）提出申诉。理由：${t.reason}`,
  dispute_decided: (t, who) => `${who(t.repId)} 对${ruleZh(t.rule)}的${disputeKindWords(t.kind, 'zh')}决定的申诉已裁决：${t.reassigned ? `申诉成立，改派给 ${who(t.repId)}` : '驳回，维持原决定'}。说明：${t.comment}`,
  import_filled: (t) => `由导入文件「${t.fileName}」第 ${t.row} 行补全：${fieldWords(t.fields, 'zh').join('、')}`,
  details_changed: (t) => `修改了资料：${t.changes.map((c) => `${fieldWord(c.field, 'zh')} ${c.before ?? '（空）'} → ${c.after ?? '（空）'}`).join('；')}`,
  collaborator_added: (t, who) => `${who(t.repId, t.name)}${t.by ? `由 ${who(t.by)} 添加为协作人` : '加入联合攻坚'}`,
  collaborator_removed: (t, who) =>
    t.why ? `${who(t.repId)} ${endedZh[t.why](t.by, who)}，不再是协作人` : t.by ? `${who(t.repId)} 被 ${who(t.by)} 移出协作人` : `${who(t.repId)} 退出协作`,
  joint_opened: (t) => `发起联合攻坚${t.note ? `：${t.note}` : ''}`,
  joint_merged: () => '联合攻坚结束：客户已被合并（不计贡献，不再分配）',
  joint_closed: (t, who) =>
    t.reason === null
      ? `联合攻坚结束（${splitText(t.split, who) || '无人参与'}）；客户在联合攻坚期间已被领取，${destinationZh(t.to, who)}`
      : `联合攻坚结束（${splitText(t.split, who) || '无人参与'}）；按分配规则，客户${destinationZh(t.to, who)}：${storedReasonText(t.reason, t.why, 'zh')}`,
  won_together: (t, who) => `共同成交：${splitText(t.split, who)}；按分配规则，客户${destinationZh(t.to, who)}：${storedReasonText(t.reason, t.why, 'zh')}`,
} satisfies Texts;

/** Names a rep by id (`known`: the name the entry stored, for a rep no longer found). */
type Who = (repId: string, known?: string) => string;
type Texts = { [K in ActivityText['key']]: (t: Extract<ActivityText, { key: K }>, who: Who) => string };
/** Rep names by id, for naming reps in the sentences. */
export type RepNames = ReadonlyMap<string, string>;

const splitText = (split: Share[], who: Who) => split.map((s) => `${who(s.repId)} ${s.pct}%`).join(', ');
const approver = (t: { approver: string; approverId?: string }, who: Who) => (t.approverId ? who(t.approverId, t.approver) : t.approver);
const ruleEn = (r: RuleRef) => (r.name ? `${r.decision} rule "${r.name}"${r.version ? ` (v${r.version})` : ''}` : r.decision);
const ruleZh = (r: RuleRef) => (r.name ? `${decisionZh(r.decision)}规则「${shippedRuleText(r.name, 'zh')}」${r.version ? `（v${r.version}）` : ''}` : decisionZh(r.decision));
const disputedEn = (t: DisputedDecision, who: Who) => disputedDecisionText(t, who, 'en');
const disputedZh = (t: DisputedDecision, who: Who) => disputedDecisionText(t, who, 'zh');
const destinationEn = (d: Destination, who: Who) => (d.kind === 'rep' ? `goes to ${who(d.repId)}` : d.kind === 'pool' ? 'stays in the pool' : `stays with ${d.repId === null ? 'nobody' : who(d.repId)}`);
const destinationZh = (d: Destination, who: Who) => (d.kind === 'rep' ? `归 ${who(d.repId)}` : d.kind === 'pool' ? '留在公海' : `仍归 ${d.repId === null ? '无人' : who(d.repId)}`);

const TEXTS: Record<Language, Texts> = { en, zh };

/**
 * The sentence for a system entry in `language` (cut to the note column's length), each rep it names
 * named by `names` (a rep not in it by the id alone).
 *
 * @example
 * activitySentence(text, 'zh', await repNames(db, repIdsOf(text)));
 */
export function activitySentence(text: ActivityText, language: Language, names: RepNames = new Map()): string {
  const say = TEXTS[language][text.key] as (t: ActivityText, who: Who) => string;
  const who: Who = (id, known) => repLabel({ id, name: names.get(id) ?? known }, language);
  return say(text, who).slice(0, MAX);
}

/** The ids of every rep a system entry names: whose names to look up before telling it. */
export function repIdsOf(text: ActivityText): string[] {
  return [...new Set(namedIn(text))];
}

function namedIn(text: ActivityText): string[] {
  switch (text.key) {
    case 'quote_rejected':
    case 'quote_level_approved':
    case 'quote_approved':
      return text.approverId ? [text.approverId] : [];
    case 'dispute_filed':
      return text.otherRepId ? [text.otherRepId] : [];
    case 'dispute_decided':
      return [text.repId];
    case 'collaborator_added':
    case 'collaborator_removed':
      return text.by ? [text.repId, text.by] : [text.repId];
    case 'joint_closed':
    case 'won_together':
      return [...text.split.map((s) => s.repId), ...(text.to.kind === 'pool' || text.to.repId === null ? [] : [text.to.repId])];
    default:
      return [];
  }
}

/** A stored entry as told: an approval written before approvers were stored by id is the row's rep's (who logged it). */
function withApproverId(text: ActivityText, repId: string | undefined): ActivityText {
  if (repId === undefined || !('approver' in text) || text.approverId) return text;
  return { ...text, approverId: repId };
}

/**
 * A history entry's note for its reader: told again from what was stored, else the stored note (also
 * for values this version cannot tell: a key written by a newer version during a deploy).
 */
export function activityNote(row: { note: string | null; text: ActivityText | null; repId?: string }, language: Language, names: RepNames = new Map()): string | null {
  if (!row.text || !Object.hasOwn(TEXTS[language], row.text.key)) return row.note;
  try {
    return activitySentence(withApproverId(row.text, row.repId), language, names);
  } catch {
    return row.note;
  }
}

/** The columns of a system entry written in bulk (insertActivity writes them for one). */
export const systemNote = (text: ActivityText, names?: RepNames) => ({ note: activitySentence(text, 'en', names), text: JSON.stringify(text) });

/**
 * Contributions as whole percentages, for the history, adding up as the shares do (100): each
 * share's whole part, then a point to each of the largest remainders (the first listed on a tie).
 */
export function sharesOf(list: readonly { repId: string; share: number }[]): Share[] {
  const exact = list.map((c) => c.share * 100);
  // Hundredths of a point: a share's float error (0.555 * 100 = 55.50000000000001) decides no tie.
  const whole = exact.map((e) => Math.floor(Math.round(e * 100) / 100));
  let left = Math.round(exact.reduce((a, b) => a + b, 0)) - whole.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, rest: Math.round((e - whole[i]!) * 100) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    whole[i]!++;
    left--;
  }
  return list.map((c, i) => ({ repId: c.repId, pct: whole[i]! }));
}
