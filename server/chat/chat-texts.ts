// What a chat robot says about an event, in Chinese or English: one message per event (a digest
// listing many is chat-digest.ts). Each names the customer, links to its page (or to Approvals)
// under PUBLIC_URL, and mentions the reps the event concerns. Reps are named as people read them
// (schemas/rep-label), a deadline as a time in the rep's time zone.
import type { EventType } from '../../schemas/notifications.js';
import { poolName, SHIPPED_POOL } from '../../schemas/pool-name.js';
import { singleStops } from '../../schemas/single-stops.js';
import { deadlineWords, reasonWords, refusalWords } from '../../schemas/reason-words.js';
import { repLabel } from '../../schemas/rep-label.js';
import { shippedRuleText } from '../../schemas/shipped-rule-words.js';
import type { ChatEventPayload } from '../db/tables/chat.js';
import type { ChatMessage, Mention } from './vendors.js';

export type ChatLanguage = 'zh' | 'en';

export interface ChatEvent {
  type: string;
  customerId: string | null;
  customerName: string | null;
  payload: ChatEventPayload;
  mentions: Mention[];
  /** The reps the event names, and its time zone (its rep's); without it reps are named by id, times in UTC. */
  people?: People | undefined;
}

/** Who the event names, by id, and the time zone its times are told in. */
export interface People {
  names: ReadonlyMap<string, string>;
  timeZone: string;
  /** The pools the event names, by id: their names now (without it, or for a pool gone, a pool is named by its id). */
  pools?: ReadonlyMap<string, string> | undefined;
}

/** The reps an event's values name, by id: whose names (and time zone) to look up before telling it. */
export const namedReps = (data: Record<string, unknown>): string[] =>
  ['ownerId', 'formerOwnerId', 'fromRepId', 'toRepId', 'repId', 'startedBy', 'decidedBy', 'actorId'].flatMap((k) => (typeof data[k] === 'string' ? [data[k] as string] : []));

/** The pools an event's values name, by id: whose names to look up before telling it. */
export const namedPools = (data: Record<string, unknown>): string[] => ['poolId', 'pool'].flatMap((k) => (typeof data[k] === 'string' ? [data[k] as string] : []));

/** A pool as people read it (schemas/pool-name): the shipped default pool in the reader's language, any other by its name; no pool named: the default one. */
function poolNamed(event: Pick<ChatEvent, 'people'>, id: unknown, lang: ChatLanguage): string {
  const poolId = typeof id === 'string' && id ? id : SHIPPED_POOL.id;
  const stored = event.people?.pools?.get(poolId) ?? (poolId === SHIPPED_POOL.id ? SHIPPED_POOL.name : poolId);
  return poolName({ id: poolId, name: stored }, lang);
}

/** A time as people read it: date, weekday and minute in the time zone, the zone named. */
export function readableTime(iso: unknown, timeZone: string, lang: ChatLanguage): string {
  const d = typeof iso === 'string' ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '—';
  const zone = (() => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
    } catch {
      return 'UTC';
    }
  })();
  const f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: zone, year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  const parts = f.formatToParts(d);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
  const text = parts
    .filter((p) => p.type !== 'timeZoneName')
    .map((p) => p.value)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return lang === 'zh' ? `${text}（${name}）` : `${text} (${name})`;
}

const LABELS: Record<EventType, { zh: string; en: string }> = {
  'deadline.warning': { zh: '跟进期限将至', en: 'Deadline soon' },
  'deadline.escalation': { zh: '团队可能失去客户', en: 'Your team may lose a customer' },
  'customer.reclaimed': { zh: '已收回公海', en: 'Reclaimed to the pool' },
  'customer.assigned': { zh: '新分配客户', en: 'New customer assigned' },
  'approval.requested': { zh: '报价待审批', en: 'Quote to approve' },
  'approval.decided': { zh: '报价已审批', en: 'Quote decided' },
  'approval.escalated': { zh: '审批超时', en: 'Approval overdue' },
  'customer.handed_over': { zh: '客户已交接', en: 'Customer handed over' },
  'handover.completed': { zh: '交接完成', en: 'Handover completed' },
  'dispute.filed': { zh: '客户分配申诉', en: 'Dispute filed' },
  'dispute.decided': { zh: '申诉已裁决', en: 'Dispute decided' },
};

export const label = (type: string, lang: ChatLanguage) => LABELS[type as EventType]?.[lang] ?? type;

/** The page an event is about: Approvals for approval events, Disputes for dispute events, else the customer's page. */
export function deepLink(publicUrl: string | null, event: Pick<ChatEvent, 'type' | 'customerId'>): string | null {
  if (!publicUrl) return null;
  const base = publicUrl.replace(/\/+$/, '');
  if (event.type.startsWith('approval.')) return `${base}/ui/approvals`;
  if (event.type.startsWith('dispute.')) return `${base}/ui/disputes`;
  return event.customerId ? `${base}/ui/customers/${encodeURIComponent(event.customerId)}` : null;
}

/**
 * Markdown must not let what people typed open links, emphasis, code or mentions: those marks are
 * written as their full-width look-alikes (the text keeps its punctuation; parentheses, "#" and
 * "_" inside a line open nothing). Long texts are cut (WeCom takes 4096 bytes).
 */
const LOOK_ALIKES: Record<string, string> = { '[': '［', ']': '］', '<': '＜', '>': '＞', '*': '＊', '`': '＇', '~': '～' };
const markdownSafe = (s: string, max = 600) => {
  const flat = s.replace(/[[\]<>*`~]/g, (c) => LOOK_ALIKES[c]!).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

type Told = Pick<ChatEvent, 'type' | 'people'> & { payload: Pick<ChatEventPayload, 'body' | 'data'> };

/** A rep an event names: by the name looked up now, else the one the event stored (its id alone before names were stored); '' for no rep. */
function repNamed(event: Told, id: unknown, stored: unknown, lang: ChatLanguage): string {
  return typeof id === 'string' ? repLabel({ id, name: event.people?.names.get(id) ?? (typeof stored === 'string' ? stored : null) }, lang) : '';
}

/**
 * A reclaim in a line: which deadline passed and why, in words, and the pool the customer is in now
 * by name (`poolId`; `pool`, the rule's, for events stored before; neither: the pool, unnamed).
 */
function reclaimLine(event: Told, lang: ChatLanguage, plain: (s: string) => string): string {
  const d = event.payload.data;
  const kind = typeof d.deadlineKind === 'string' && d.deadlineKind ? plain(deadlineWords(d.deadlineKind, lang)) : null;
  const reason = plain(reasonWords(String(d.reason ?? 'no_follow_up'), lang));
  const poolId = [d.poolId, d.pool].find((p): p is string => typeof p === 'string' && p !== '');
  const pool = poolId ? plain(poolNamed(event, poolId, lang)) : null;
  return lang === 'zh'
    ? `${kind ? `「${kind}」` : ''}期限已过（${reason}），客户已回到${pool ? `「${pool}」` : '公海'}。`
    : `The ${kind ? `${kind} ` : ''}deadline passed (${reason}); the customer is back in the pool${pool ? ` "${pool}"` : ''}.`;
}

/**
 * What happened, in a line; `plain` quotes what people and rules wrote (markdown-safe by default).
 * `group`: said in a team's chat group, where "you" is nobody: the receiver is named instead.
 */
function detailLine(event: Told, lang: ChatLanguage, plain: (s: string) => string = markdownSafe, group = false): string {
  const d = event.payload.data;
  const who = (id: unknown, stored?: unknown) => plain(repNamed(event, id, stored, lang) || '?');
  // Who decided a dispute, and who moved customers in bulk (events stored before they were named say nothing).
  const decider = () => (typeof d.decidedBy === 'string' ? (lang === 'zh' ? `，裁决人 ${who(d.decidedBy, d.decidedByName)}` : ` (decided by ${who(d.decidedBy, d.decidedByName)})`) : '');
  const mover = () => (typeof d.startedBy === 'string' ? (lang === 'zh' ? `由 ${who(d.startedBy, d.startedByName)} ` : ` by ${who(d.startedBy, d.startedByName)}`) : '');
  const when = (v: unknown) => readableTime(v, event.people?.timeZone ?? 'UTC', lang);
  const firstDeadline = () => (d.deadline ? `首个期限：${when(d.deadline)}。` : '');
  const pool = () => plain(poolNamed(event, d.poolId, lang));
  // Why a handed-over customer went to the pool instead (the receiver's refusal), in words.
  const why = () => (typeof d.code === 'string' && d.code ? plain(refusalWords(d.code, lang)) : '');
  if (lang === 'en') {
    switch (event.type) {
      case 'deadline.warning':
      case 'deadline.escalation':
        return `The ${typeof d.deadlineKind === 'string' ? `${plain(deadlineWords(d.deadlineKind, 'en'))} ` : ''}deadline is ${when(d.deadline)}; after it the customer returns to the pool.`;
      case 'customer.reclaimed':
        return reclaimLine(event, 'en', plain);
      case 'customer.handed_over': {
        const receiver = group ? who(d.toRepId, d.toRepName) : 'you';
        const where = d.toRepId ? (group ? `it is ${receiver}'s now, with its history` : 'it is yours now, with its history') : `it is in the pool "${pool()}"`;
        const code = why() ? ` (${why()})` : '';
        return d.kind === 'handover' ? `A customer of ${who(d.fromRepId, d.fromRepName)}, who left: ${where}${code}.` : `Moved in bulk${mover()}${d.toRepId ? ` to ${receiver}` : ` to the pool "${pool()}"`}${code}.`;
      }
      case 'customer.assigned':
        return `${typeof d.actorId === 'string' ? `Assigned to you by ${who(d.actorId, d.actorName)}` : 'Assigned by the assignment rules'} (${plain(reasonWords(String(d.reason ?? ''), 'en'))}). First deadline: ${d.deadline ? when(d.deadline) : 'none'}.`;
      case 'approval.decided': {
        // Stored before the decider was named: as stored.
        if (typeof d.decidedBy !== 'string') return plain(event.payload.body);
        const by = ` by ${who(d.decidedBy, d.decidedByName)}`;
        const comment = typeof d.comment === 'string' && d.comment !== '' ? plain(d.comment) : null;
        return d.decided === 'approved'
          ? `Approved${by}${comment ? `: "${comment}"` : ''}. Send it; the customer moves on to samples.`
          : singleStops(`Rejected${by}. Reason: ${comment ?? '—'}. Revise and submit a new quote.`);
      }
      case 'dispute.filed':
        return `${who(d.repId, d.repName)} disputes the decision${d.ruleName ? ` of rule "${plain(String(d.ruleName))}"` : ''}: ${plain(String(d.reason ?? ''))}`;
      case 'dispute.decided':
        return d.status === 'reassigned' ? `Dispute accepted${decider()}; the customer is reassigned to ${who(d.repId, d.repName)}: ${plain(String(d.comment ?? ''))}` : `Dispute rejected${decider()}; the decision stands: ${plain(String(d.comment ?? ''))}`;
      default:
        return plain(event.payload.body);
    }
  }
  switch (event.type) {
    case 'deadline.warning':
    case 'deadline.escalation':
      return `${typeof d.deadlineKind === 'string' ? `「${plain(deadlineWords(d.deadlineKind, 'zh'))}」` : ''}期限为 ${when(d.deadline)}，逾期后客户回到公海。`;
    case 'customer.reclaimed':
      return reclaimLine(event, 'zh', plain);
    case 'customer.assigned':
      return typeof d.actorId === 'string'
        ? `由 ${who(d.actorId, d.actorName)} 分配（${plain(reasonWords(String(d.reason ?? ''), 'zh'))}）。${firstDeadline()}`
        : `由分配规则分配（${plain(reasonWords(String(d.reason ?? ''), 'zh'))}）。${firstDeadline()}`;
    case 'approval.requested': {
      if (typeof d.amount !== 'string') return `第 ${String(d.level ?? '?')} 级审批等待处理。`; // stored before the terms were kept
      const reasons = Array.isArray(d.reasons) ? d.reasons.map((r) => plain(shippedRuleText(String(r), 'zh'))).join('；') : '';
      return `${plain(String(d.currency ?? ''))} ${d.amount}（折扣 ${String(d.discountPct ?? '?')}%，毛利率 ${String(d.marginPct ?? '?')}%），第 ${String(d.level ?? '?')} 级审批${reasons ? `：${reasons}` : '等待处理'}。`;
    }
    case 'approval.decided': {
      const by = typeof d.decidedBy === 'string' ? `${who(d.decidedBy, d.decidedByName)} ` : null;
      const comment = typeof d.comment === 'string' && d.comment !== '' ? plain(d.comment) : null;
      if (!by) return d.decided === 'approved' ? '报价已批准。' : `报价已驳回：${comment ?? '—'}`; // stored before the decider was named
      return d.decided === 'approved' ? `${by}已批准报价${comment ? `：${comment}。` : '。'}可以发给客户，客户进入样品阶段。` : `${by}驳回了报价：${comment ?? '—'}${comment && /[。.!！?？]$/.test(comment) ? '' : '。'}请修改后重新提交。`;
    }
    case 'approval.escalated':
      return `第 ${String(d.level ?? '?')} 级审批未按时处理。`;
    case 'dispute.filed':
      return `${who(d.repId, d.repName)} 对${d.ruleName ? `规则「${plain(shippedRuleText(String(d.ruleName), 'zh'))}」的` : ''}决定提出申诉：${plain(String(d.reason ?? ''))}`;
    case 'dispute.decided':
      return d.status === 'reassigned' ? `申诉成立，客户已改派给 ${who(d.repId, d.repName)}${decider()}：${plain(String(d.comment ?? ''))}` : `申诉驳回，原决定维持${decider()}：${plain(String(d.comment ?? ''))}`;
    case 'customer.handed_over': {
      const receiver = group ? ` ${who(d.toRepId, d.toRepName)}` : '你';
      const where = d.toRepId ? `现在归${receiver}，历史记录随客户转移` : `已回到「${pool()}」`;
      const code = why() ? `（${why()}）` : '';
      return d.kind === 'handover' ? `原属 ${who(d.fromRepId, d.fromRepName)}（已离职）的客户：${where}${code}。` : `${mover()}批量转移${d.toRepId ? `给${receiver}` : `到「${pool()}」`}${code}。`;
    }
    case 'handover.completed':
      return `共 ${n(d.total)} 个客户：${n(d.movedToReps)} 个转给业务员，${n(d.toPool)} 个回到公海，${n(d.kept)} 个保留，${n(d.refused)} 个被拒，${n(d.failed)} 个失败。`;
    default:
      return plain(event.payload.body);
  }
}

const n = (v: unknown) => (typeof v === 'number' ? String(v) : '0');
const plain = markdownSafe;
export const subject = (event: Pick<ChatEvent, 'customerName' | 'customerId'>) => plain(event.customerName ?? event.customerId ?? '') || '—';

/**
 * An in-app notification's title and body in the reader's language: the stored English as written,
 * Chinese told again from the event's values (what people typed quoted whole, not made markdown-safe).
 */
export function noticeWords(event: Told & Pick<ChatEvent, 'customerName'> & { payload: { title: string } }, lang: ChatLanguage): { title: string; body: string } {
  if (lang === 'en') return { title: event.payload.title, body: detailLine(event, 'en', (s) => s) };
  const label = LABELS[event.type as EventType]?.zh;
  if (!label) return { title: event.payload.title, body: event.payload.body };
  const d = event.payload.data;
  const head = event.type === 'approval.decided' ? (d.decided === 'rejected' ? '报价被驳回' : '报价已批准') : label;
  const title = event.type === 'handover.completed' ? completionTitle(event, 'zh') : event.customerName ? `${head}：${event.customerName}` : head;
  return { title, body: detailLine(event, 'zh', (s) => s) };
}

/** Whose handover an event is about, named. */
const handoverOf = (event: Told, lang: ChatLanguage) => repNamed(event, event.payload.data.fromRepId, event.payload.data.fromRepName, lang);

/** A job's completion by whose handover it was (or a bulk move), as its notice is titled. */
const completionTitle = (event: Told, lang: ChatLanguage) => {
  if (event.payload.data.kind !== 'handover') return lang === 'zh' ? '批量转移已完成' : 'Bulk move completed';
  return lang === 'zh' ? `${handoverOf(event, 'zh')} 的交接已完成` : `Handover of ${handoverOf(event, 'en')} completed`;
};

/** One event as one message, to a team's chat group (the receiver named, not "you"). */
export function eventMessage(event: ChatEvent, lang: ChatLanguage, publicUrl: string | null): ChatMessage {
  const link = deepLink(publicUrl, event);
  const title = event.type === 'handover.completed' ? completionTitle(event, lang) : event.customerName ? `${label(event.type, lang)}：${subject(event)}` : label(event.type, lang);
  const open = lang === 'zh' ? '打开' : 'Open';
  return {
    title: lang === 'en' ? title.replace('：', ': ') : title,
    lines: [detailLine(event, lang, markdownSafe, true), ...(link ? [`[${open}](${link})`] : [])],
    mentions: event.mentions,
  };
}

/** The message POST /channels/{id}/test sends. */
export function testMessage(lang: ChatLanguage, channelName: string, publicUrl: string | null): ChatMessage {
  const link = publicUrl ? `${publicUrl.replace(/\/+$/, '')}/ui/settings/channels` : null;
  return lang === 'zh'
    ? { title: `highseas 测试消息：${plain(channelName)}`, lines: ['此频道已连接。', ...(link ? [`[设置](${link})`] : [])], mentions: [] }
    : { title: `highseas test message: ${plain(channelName)}`, lines: ['This channel is connected.', ...(link ? [`[Settings](${link})`] : [])], mentions: [] };
}
