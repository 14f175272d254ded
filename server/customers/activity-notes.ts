// What the server writes in a customer's history, in the reader's language. A system entry stores
// what happened (`ActivityText`: a key and its values) next to its English sentence; the history
// is told again in the language of whoever reads it. What people typed (a comment, a reason) is
// quoted as typed; reasons the rules give are the rule author's words.
import type { Language } from '../../schemas/language.js';
import { reasonWords } from '../../schemas/reason-words.js';

export type ActivityText =
  | { key: 'quote_submitted'; currency: string; amount: string; discountPct: number; marginPct: number; levels: number[]; note: string | null }
  | { key: 'quote_escalated'; level: number }
  | { key: 'quote_rejected'; level: number; approver: string; comment: string | null }
  | { key: 'quote_level_approved'; level: number; approver: string; comment: string | null }
  | { key: 'quote_approved'; approver: string; comment: string | null }
  | { key: 'dispute_filed'; kind: string; otherRepId: string | null; code: string | null; rule: RuleRef; reason: string }
  | { key: 'dispute_decided'; repId: string; kind: string; rule: RuleRef; reassigned: boolean; comment: string }
  | { key: 'import_filled'; fileName: string; row: number; fields: string[] }
  | { key: 'collaborator_added'; name: string; repId: string; by: string | null }
  | { key: 'collaborator_removed'; repId: string; by: string | null }
  | { key: 'joint_opened'; note: string | null }
  /** reason null: the customer was claimed during the joint follow-up and its owner keeps it (no rule was asked). */
  | { key: 'joint_closed'; split: Share[]; to: Destination; reason: string | null }
  | { key: 'won_together'; split: Share[]; to: Destination; reason: string };

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
  quote_submitted: (t) => `${t.currency} ${t.amount}, discount ${t.discountPct}%, margin ${t.marginPct}% — ${t.levels.length > 0 ? `approval: ${t.levels.map((l) => `level ${l}`).join(', ')}` : 'no approval needed'}${t.note ? `. ${t.note}` : ''}`,
  quote_escalated: (t) => `Level ${t.level} undecided after its timeout; escalated to admins.`,
  quote_rejected: (t) => `Level ${t.level} rejected by ${t.approver}: ${t.comment ?? ''}`,
  quote_level_approved: (t) => `Level ${t.level} approved by ${t.approver}${t.comment ? `: ${t.comment}` : ''}`,
  quote_approved: (t) => `Approved by ${t.approver}${t.comment ? `: ${t.comment}` : ''}`,
  dispute_filed: (t) => `Disputed the ${t.kind.replace('_', ' ')} (${disputedEn(t)}) by ${ruleEn(t.rule)}: ${t.reason}`,
  dispute_decided: (t) => `Dispute by ${t.repId} of the ${t.kind.replace('_', ' ')} by ${ruleEn(t.rule)} ${t.reassigned ? `decided: reassigned to ${t.repId}` : 'upheld'}: ${t.comment}`,
  import_filled: (t) => `Filled from import "${t.fileName}" row ${t.row}: ${fieldWords(t.fields, 0).join(', ')}`,
  collaborator_added: (t) => `${t.name} (${t.repId}) ${t.by ? `added as a collaborator by ${t.by}` : 'joined the joint follow-up'}`,
  collaborator_removed: (t) => (t.by ? `${t.repId} removed as a collaborator by ${t.by}` : `${t.repId} left the collaboration`),
  joint_opened: (t) => `Joint follow-up opened${t.note ? `: ${t.note}` : ''}`,
  joint_closed: (t) =>
    t.reason === null
      ? `Joint follow-up closed (${splitText(t.split) || 'nobody joined'}); claimed during the joint follow-up, it ${destinationEn(t.to)}`
      : `Joint follow-up closed (${splitText(t.split) || 'nobody joined'}); by the assignment rules it ${destinationEn(t.to)}: ${t.reason}`,
  won_together: (t) => `Won together: ${splitText(t.split)}; by the assignment rules it ${destinationEn(t.to)}: ${t.reason}`,
} satisfies Texts;

// The UI's words (admin-ui/src/i18n/zh-CN.ts) for what the sentences name.
const KINDS_ZH: Record<string, string> = { assignment: '分配', claim_refusal: '领取被拒', reclaim: '回收' };
const DECISIONS_ZH: Record<string, string> = { assignment: '分配', grading: '分级', caps: '库容', approval: '审批', reclaim: '回收', cooldown: '冷却期' };
const REFUSALS_ZH: Record<string, string> = { CAP_REACHED: '私海已满', DAILY_LIMIT_REACHED: '当日领取上限', COOLDOWN: '冷却期' };
const FIELDS: Record<string, [string, string]> = {
  contactName: ['contact', '联系人'],
  email: ['email', '邮箱'],
  phone: ['phone', '电话'],
  website: ['website', '网站'],
  country: ['country', '国家'],
  region: ['region', '区域'],
  source: ['source', '来源'],
  productLine: ['product line', '产品线'],
  language: ['language', '语言'],
};
const fieldWords = (fields: string[], i: 0 | 1) => fields.map((f) => FIELDS[f]?.[i] ?? f);

const zh = {
  quote_submitted: (t) => `${t.currency} ${t.amount}，折扣 ${t.discountPct}%，毛利率 ${t.marginPct}% —— ${t.levels.length > 0 ? `需审批：${t.levels.map((l) => `第 ${l} 级`).join('、')}` : '无需审批'}${t.note ? `。${t.note}` : ''}`,
  quote_escalated: (t) => `第 ${t.level} 级审批超时未处理，已升级给管理员。`,
  quote_rejected: (t) => `第 ${t.level} 级审批被 ${t.approver} 驳回：${t.comment ?? ''}`,
  quote_level_approved: (t) => `第 ${t.level} 级审批已由 ${t.approver} 批准${t.comment ? `：${t.comment}` : ''}`,
  quote_approved: (t) => `已由 ${t.approver} 批准${t.comment ? `：${t.comment}` : ''}`,
  dispute_filed: (t) => `对${ruleZh(t.rule)}的${KINDS_ZH[t.kind] ?? t.kind}决定（${disputedZh(t)}）提出申诉。理由：${t.reason}`,
  dispute_decided: (t) => `${t.repId} 对${ruleZh(t.rule)}的${KINDS_ZH[t.kind] ?? t.kind}决定的申诉已裁决：${t.reassigned ? `申诉成立，改派给 ${t.repId}` : '驳回，维持原决定'}。说明：${t.comment}`,
  import_filled: (t) => `由导入文件「${t.fileName}」第 ${t.row} 行补全：${fieldWords(t.fields, 1).join('、')}`,
  collaborator_added: (t) => `${t.name}（${t.repId}）${t.by ? `由 ${t.by} 添加为协作人` : '加入联合攻坚'}`,
  collaborator_removed: (t) => (t.by ? `${t.repId} 被 ${t.by} 移出协作人` : `${t.repId} 退出协作`),
  joint_opened: (t) => `发起联合攻坚${t.note ? `：${t.note}` : ''}`,
  joint_closed: (t) =>
    t.reason === null
      ? `联合攻坚结束（${splitText(t.split) || '无人参与'}）；客户在联合攻坚期间已被领取，${destinationZh(t.to)}`
      : `联合攻坚结束（${splitText(t.split) || '无人参与'}）；按分配规则，客户${destinationZh(t.to)}：${t.reason}`,
  won_together: (t) => `共同成交：${splitText(t.split)}；按分配规则，客户${destinationZh(t.to)}：${t.reason}`,
} satisfies Texts;

type Texts = { [K in ActivityText['key']]: (t: Extract<ActivityText, { key: K }>) => string };

const splitText = (split: Share[]) => split.map((s) => `${s.repId} ${s.pct}%`).join(', ');
const ruleEn = (r: RuleRef) => (r.name ? `${r.decision} rule "${r.name}"${r.version ? ` (v${r.version})` : ''}` : r.decision);
const ruleZh = (r: RuleRef) => (r.name ? `${DECISIONS_ZH[r.decision] ?? r.decision}规则「${r.name}」${r.version ? `（v${r.version}）` : ''}` : `${DECISIONS_ZH[r.decision] ?? r.decision}`);
const disputedEn = (t: { kind: string; otherRepId: string | null; code: string | null }) =>
  t.kind === 'assignment' ? `assigned to ${t.otherRepId}` : t.kind === 'claim_refusal' ? `claim refused: ${t.code}` : `reclaimed: ${t.code ?? 'deadline passed'}`;
const disputedZh = (t: { kind: string; otherRepId: string | null; code: string | null }) =>
  t.kind === 'assignment'
    ? `分配给 ${t.otherRepId}`
    : t.kind === 'claim_refusal'
      ? `领取被拒：${REFUSALS_ZH[t.code ?? ''] ?? t.code}`
      : `回收：${t.code ? reasonWords(t.code, 'zh') : '期限已过'}`;
const destinationEn = (d: Destination) => (d.kind === 'rep' ? `goes to ${d.repId}` : d.kind === 'pool' ? 'stays in the pool' : `stays with ${d.repId}`);
const destinationZh = (d: Destination) => (d.kind === 'rep' ? `归 ${d.repId}` : d.kind === 'pool' ? '留在公海' : `仍归 ${d.repId}`);

const TEXTS: Record<Language, Texts> = { en, zh };

/** The sentence for a system entry in `language` (cut to the note column's length). */
export function activitySentence(text: ActivityText, language: Language): string {
  const say = TEXTS[language][text.key] as (t: ActivityText) => string;
  return say(text).slice(0, MAX);
}

/**
 * A history entry's note for its reader: told again from what was stored, else the stored note (also
 * for values this version cannot tell: a key written by a newer version during a deploy).
 */
export function activityNote(row: { note: string | null; text: ActivityText | null }, language: Language): string | null {
  if (!row.text || !Object.hasOwn(TEXTS[language], row.text.key)) return row.note;
  try {
    return activitySentence(row.text, language);
  } catch {
    return row.note;
  }
}

/** The columns of a system entry written in bulk (insertActivity writes them for one). */
export const systemNote = (text: ActivityText) => ({ note: activitySentence(text, 'en'), text: JSON.stringify(text) });

/** Contributions as whole percentages, for the history. */
export const sharesOf = (list: readonly { repId: string; share: number }[]): Share[] => list.map((c) => ({ repId: c.repId, pct: Math.round(c.share * 100) }));
