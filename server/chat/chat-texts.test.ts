import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../schemas/vocabulary.js';
import { eventMessage, noticeWords } from './chat-texts.js';

/** An event of each type as the lifecycle writes it: an English title and body, and the values. */
const event = (type: string) => ({
  type,
  customerId: 'c1',
  customerName: 'Acme [Asia] Ltd',
  mentions: [],
  payload: {
    title: `English title of ${type}`,
    body: `English body of ${type}`,
    data: { deadline: '2026-12-24T08:00:00.000Z', reason: 'no_follow_up', level: 2, decided: 'approved', repId: 'rep-a', ruleName: '新人优先', status: 'upheld', comment: 'ok', kind: 'handover', fromRepId: 'rep-b', toRepId: 'rep-c', poolId: null, code: null, total: 3, movedToReps: 2, toPool: 1, kept: 0, refused: 0, failed: 0 },
    recipients: [],
    occurredAt: '2026-12-03T08:00:00.000Z',
  },
});

describe('what a notice says', () => {
  it('tells every event type in Chinese from its values, never in the stored English', () => {
    for (const type of EVENT_TYPES) {
      const zh = eventMessage(event(type), 'zh', null);
      expect(zh.title, type).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.lines[0], type).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.lines[0], type).not.toContain('English');
      const inbox = noticeWords(event(type), 'zh');
      expect(inbox.body, type).toMatch(/[\u4e00-\u9fff]/);
      expect(inbox.title, type).not.toContain('English');
    }
  });

  it('keeps the stored English for English readers, and the customer name whole in the inbox', () => {
    expect(noticeWords(event('approval.escalated'), 'en')).toEqual({ title: 'English title of approval.escalated', body: 'English body of approval.escalated' });
    expect(noticeWords(event('customer.reclaimed'), 'en').title).toBe('English title of customer.reclaimed');
    expect(noticeWords(event('customer.reclaimed'), 'zh').title).toBe('已收回公海：Acme [Asia] Ltd');
    expect(eventMessage(event('customer.reclaimed'), 'zh', null).title).toBe('已收回公海：Acme ［Asia］ Ltd');
  });

  it('tells a deadline as a time in the rep’s time zone, in either language, never as a raw timestamp', () => {
    const people = { names: new Map<string, string>(), timeZone: 'Asia/Shanghai' };
    const warning = { ...event('deadline.warning'), people, payload: { ...event('deadline.warning').payload, data: { deadline: '2026-12-24T08:00:00.000Z', deadlineKind: 'first_follow_up' } } };
    const zh = eventMessage(warning, 'zh', null).lines[0]!;
    expect(zh).toBe('「首次跟进」期限为 2026年12月24日周四 16:00（GMT+8），逾期后客户回到公海。');
    const en = eventMessage(warning, 'en', null).lines[0]!;
    expect(en).toBe('The first follow-up deadline is Thu, 24 Dec 2026, 16:00 (GMT+8); after it the customer returns to the pool.');
    expect(noticeWords(warning, 'en').body).toBe(en);
    for (const line of [zh, en]) expect(line).not.toMatch(/T\d\d:\d\d|\.000Z/);
  });

  it('keeps the punctuation of what people wrote while no link, emphasis or mention can open', () => {
    const typed = { ...event('dispute.filed'), payload: { ...event('dispute.filed').payload, data: { repId: 'li', reason: 'Met them (twice) at booth #12_A; see [this](http://evil.example) **now** <at id=all></at>' } } };
    for (const lang of ['zh', 'en'] as const) {
      const line = eventMessage(typed, lang, null).lines[0]!;
      expect(line).toContain('Met them (twice) at booth #12_A;');
      expect(line).not.toMatch(/\]\(|\*\*|<at/);
    }
  });

  it('names reps by name with the id beside it (handover, its completion, disputes)', () => {
    const people = { names: new Map([['rep-b', '李伟'], ['rep-a', 'Ann Wu']]), timeZone: 'UTC' };
    const handed = { ...event('customer.handed_over'), people };
    // To the receiving rep in the app: "you"; in a team's chat group, where "you" is nobody, the receiver by name.
    expect(noticeWords(handed, 'zh').body).toBe('原属 李伟（rep-b）（已离职）的客户：现在归你，历史记录随客户转移。');
    expect(noticeWords(handed, 'en').body).toBe('A customer of 李伟 (rep-b), who left: it is yours now, with its history.');
    expect(eventMessage(handed, 'zh', null).lines[0]).toBe('原属 李伟（rep-b）（已离职）的客户：现在归 rep-c，历史记录随客户转移。');
    expect(eventMessage(handed, 'en', null).lines[0]).toBe("A customer of 李伟 (rep-b), who left: it is rep-c's now, with its history.");
    const done = { ...event('handover.completed'), people };
    expect(noticeWords(done, 'zh').title).toBe('李伟（rep-b） 的交接已完成');
    // The group is told whose handover finished, not only that one did.
    expect(eventMessage(done, 'zh', null).title).toBe('李伟（rep-b） 的交接已完成');
    expect(eventMessage(done, 'en', null).title).toBe('Handover of 李伟 (rep-b) completed');
    expect(eventMessage({ ...event('dispute.filed'), people }, 'zh', null).lines[0]).toMatch(/^Ann Wu（rep-a） 对规则「新人优先」的决定提出申诉/);
  });

  it('tells a new customer\'s first deadline as a local time in either language, never as a timestamp', () => {
    const people = { names: new Map<string, string>(), timeZone: 'Asia/Shanghai' };
    const en = eventMessage({ ...event('customer.assigned'), people }, 'en', null).lines[0]!;
    expect(en).toMatch(/^Assigned by the assignment rules \(no follow-up in time\)\. First deadline: .*16:00.*\.$/);
    expect(en).not.toContain('T08:00');
    expect(noticeWords({ ...event('customer.assigned'), people }, 'zh').body).toMatch(/^由分配规则分配（未按时跟进）。首个期限：2026年12月24日.*16:00/);
  });

  it('says who decided a dispute and who moved customers in bulk, in either language, by the name looked up or the one stored', () => {
    const people = { names: new Map([['mgr', '王经理']]), timeZone: 'UTC' };
    const decided = (data: Record<string, unknown>) => ({ ...event('dispute.decided'), people, payload: { ...event('dispute.decided').payload, data: { ...event('dispute.decided').payload.data, ...data } } });
    const upheld = decided({ status: 'reassigned', decidedBy: 'mgr', decidedByName: 'Old Name' });
    expect(eventMessage(upheld, 'en', null).lines[0]).toBe('Dispute accepted (decided by 王经理 (mgr)); the customer is reassigned to rep-a: ok');
    expect(noticeWords(upheld, 'zh').body).toBe('申诉成立，客户已改派给 rep-a，裁决人 王经理（mgr）：ok');
    // A rep no longer found is named by the name stored with the event.
    expect(eventMessage(decided({ decidedBy: 'gone', decidedByName: 'Gone Rep' }), 'en', null).lines[0]).toBe('Dispute rejected (decided by Gone Rep (gone)); the decision stands: ok');
    const bulk = { ...event('customer.handed_over'), people, payload: { ...event('customer.handed_over').payload, data: { ...event('customer.handed_over').payload.data, kind: 'bulk', startedBy: 'mgr' } } };
    expect(noticeWords(bulk, 'en').body).toBe('Moved in bulk by 王经理 (mgr) to you.');
    expect(eventMessage(bulk, 'en', null).lines[0]).toBe('Moved in bulk by 王经理 (mgr) to rep-c.');
    expect(noticeWords(bulk, 'zh').body).toBe('由 王经理（mgr） 批量转移给你。');
    expect(eventMessage(bulk, 'zh', null).lines[0]).toBe('由 王经理（mgr） 批量转移给 rep-c。');
  });

  it('names the pool a customer went to by its name (the shipped one in the reader’s language), and why it went there in words, never a code', () => {
    const pools = new Map([['emea', 'EMEA pool'], ['default', 'Public pool']]);
    const people = { names: new Map<string, string>(), timeZone: 'UTC', pools };
    const to = (poolId: string | null, kind = 'handover', code: string | null = 'CAP_REACHED') => {
      const e = event('customer.handed_over');
      return { ...e, people, payload: { ...e.payload, data: { ...e.payload.data, kind, toRepId: null, poolId, code } } };
    };
    expect(eventMessage(to('emea'), 'zh', null).lines[0]).toBe('原属 rep-b（已离职）的客户：已回到「EMEA pool」（私海已满）。');
    expect(eventMessage(to('emea'), 'en', null).lines[0]).toBe('A customer of rep-b, who left: it is in the pool "EMEA pool" (private cap reached).');
    expect(noticeWords(to('default', 'bulk', null), 'zh').body).toBe('批量转移到「公海」。');
    expect(eventMessage(to('default', 'bulk', null), 'en', null).lines[0]).toBe('Moved in bulk to the pool "Public pool".');
    // A pool renamed since is told by its name now; one gone by its id.
    const renamed = { ...to('emea'), people: { ...people, pools: new Map([['emea', 'Europe desk']]) } };
    expect(eventMessage(renamed, 'zh', null).lines[0]).toContain('「Europe desk」');
    expect(eventMessage({ ...to('gone'), people: { ...people, pools: new Map() } }, 'zh', null).lines[0]).toContain('「gone」');
    const reclaimed = event('customer.reclaimed');
    expect(noticeWords({ ...reclaimed, people, payload: { ...reclaimed.payload, data: { reason: 'no_follow_up', pool: 'emea' } } }, 'zh').body).toBe('期限已过（未按时跟进），客户已回到「EMEA pool」。');
    for (const lang of ['zh', 'en'] as const) for (const e of [to('emea'), to(null, 'bulk', 'NO_ELIGIBLE_REP')]) expect(eventMessage(e, lang, null).lines[0]).not.toMatch(/默认公海池|default pool|[A-Z]+_[A-Z_]+/);
  });

  it('tells a reclaim by the deadline and the reason in words and the pool the customer went to by name, in either language, in the inbox and the chat alike', () => {
    const pools = new Map([['emea', 'EMEA pool'], ['default', 'Public pool']]);
    const people = { names: new Map<string, string>(), timeZone: 'UTC', pools };
    const reclaimed = (data: Record<string, unknown>) => {
      const e = event('customer.reclaimed');
      return { ...e, people, payload: { ...e.payload, data: { formerOwnerId: 'rep-a', deadline: '2026-12-24T08:00:00.000Z', ...data } } };
    };
    const toEmea = reclaimed({ reason: 'no_follow_up', deadlineKind: 'first_follow_up', poolId: 'emea', pool: 'emea' });
    expect(eventMessage(toEmea, 'en', null).lines[0]).toBe('The first follow-up deadline passed (no follow-up in time); the customer is back in the pool "EMEA pool".');
    expect(noticeWords(toEmea, 'en').body).toBe(eventMessage(toEmea, 'en', null).lines[0]);
    expect(eventMessage(toEmea, 'zh', null).lines[0]).toBe('「首次跟进」期限已过（未按时跟进），客户已回到「EMEA pool」。');
    expect(noticeWords(toEmea, 'zh').body).toBe('「首次跟进」期限已过（未按时跟进），客户已回到「EMEA pool」。');
    // Its own pool (no reclaim rule named one): the shipped pool in the reader's language.
    const own = reclaimed({ reason: 'no_quote', deadlineKind: 'quote', poolId: 'default', pool: null });
    expect(noticeWords(own, 'en').body).toBe('The quote deadline passed (no quote in time after the inquiry); the customer is back in the pool "Public pool".');
    expect(noticeWords(own, 'zh').body).toBe('「报价」期限已过（询盘后未按时报价），客户已回到「公海」。');
    // Stored before the pool it went to was: the pool, unnamed.
    expect(noticeWords(reclaimed({ reason: 'no_deal' }), 'en').body).toBe('The deadline passed (no deal in time); the customer is back in the pool.');
    for (const lang of ['zh', 'en'] as const) for (const e of [toEmea, own]) expect(noticeWords(e, lang).body).not.toMatch(/[a-z]+_[a-z_]+|English body/);
  });
});
