import { describe, expect, it } from 'vitest';
import { contracts } from '../../schemas/decisions/index.js';
import { type ActivityText, activityNote, activitySentence, repIdsOf, sharesOf, systemNote } from './activity-notes.js';

const rule = { decision: 'assignment', name: '新人优先', version: 4 };
/** One entry of every key, with the values a command writes. */
const EVERY: ActivityText[] = [
  { key: 'quote_submitted', currency: 'EUR', amount: '12000.00', discountPct: 12, marginPct: 18, levels: [1, 2], note: 'FOB Ningbo' },
  { key: 'quote_escalated', level: 2 },
  { key: 'quote_rejected', level: 1, approver: 'Wang Fang', comment: 'margin too thin' },
  { key: 'quote_level_approved', level: 1, approver: 'Wang Fang', comment: null },
  { key: 'quote_approved', approver: 'Li Lei', comment: 'ok' },
  { key: 'dispute_filed', kind: 'assignment', otherRepId: 'rep-b', code: null, rule, reason: 'I met them at the Canton Fair' },
  { key: 'dispute_decided', repId: 'rep-a', kind: 'reclaim', rule: { decision: 'reclaim', name: null, version: null }, reassigned: true, comment: 'fair' },
  { key: 'import_filled', fileName: 'fair.xlsx', row: 7, fields: ['phone', 'website'] },
  { key: 'collaborator_added', name: 'Zhao Min', repId: 'rep-z', by: 'rep-a' },
  { key: 'joint_opened', note: null },
  { key: 'joint_closed', split: [], to: { kind: 'pool' }, reason: 'stays in the pool' },
  { key: 'won_together', split: sharesOf([{ repId: 'rep-a', share: 0.555 }, { repId: 'rep-b', share: 0.445 }]), to: { kind: 'rep', repId: 'rep-b' }, reason: 'most follow-ups' },
  { key: 'collaborator_removed', repId: 'rep-z', by: 'rep-a' },
  { key: 'collaborator_removed', repId: 'rep-z', by: null },
  { key: 'dispute_filed', kind: 'claim_refusal', otherRepId: null, code: 'COOLDOWN', rule: { decision: 'cooldown', name: null, version: null }, reason: '冷却期太长' },
  { key: 'dispute_filed', kind: 'reclaim', otherRepId: null, code: 'no_follow_up', rule: { decision: 'reclaim', name: '跟进期限', version: 2 }, reason: '我上周拜访过' },
  { key: 'joint_closed', split: [{ repId: 'rep-a', pct: 100 }], to: { kind: 'stays', repId: 'rep-a' }, reason: null },
  { key: 'collaborator_removed', repId: 'rep-z', by: 'rep-a', why: 'deactivated' },
  { key: 'collaborator_removed', repId: 'rep-z', by: null, why: 'deactivated' },
  { key: 'collaborator_removed', repId: 'rep-z', by: 'rep-a', why: 'owner' },
  { key: 'collaborator_removed', repId: 'rep-z', by: 'rep-a', why: 'pool' },
  { key: 'collaborator_removed', repId: 'rep-z', by: null, why: 'pool' },
  { key: 'collaborator_removed', repId: 'rep-z', by: 'admin', why: 'merged' },
  { key: 'joint_merged' },
];

describe('the history told in the reader’s language', () => {
  it('says every kind of entry in Chinese and in English, each value in its place and no code left unfilled', () => {
    for (const text of EVERY) {
      const zh = activitySentence(text, 'zh');
      const en = activitySentence(text, 'en');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      if (!/[\u4e00-\u9fff]/.test(JSON.stringify(text))) expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      for (const s of [zh, en]) expect(s).not.toMatch(/undefined|null|\[object|NaN/);
      expect(zh).not.toBe(en);
      // No code in a Chinese sentence: snake_case values and error codes are said in words.
      expect(zh, zh).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b/);
    }
  });

  it('gives whole percentages that add up to 100, as the team reads the split', () => {
    const pcts = (shares: number[]) => sharesOf(shares.map((share, i) => ({ repId: `r${i}`, share }))).map((s) => s.pct);
    expect(pcts([0.555, 0.445])).toEqual([56, 44]);
    expect(pcts([0.3333, 0.3333, 0.3334])).toEqual([33, 33, 34]);
    expect(pcts([0.125, 0.125, 0.125, 0.625])).toEqual([13, 13, 12, 62]);
    expect(pcts([1])).toEqual([100]);
    for (const shares of [[0.555, 0.445], [0.1667, 0.1667, 0.6666], [0.125, 0.125, 0.125, 0.625], [0.2, 0.2, 0.2, 0.2, 0.2]]) expect(pcts(shares).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('writes the English sentences the history held before it was told in two languages', () => {
    expect(activitySentence(EVERY[0]!, 'en')).toBe('EUR 12,000.00, discount 12%, margin 18% — approval: level 1, level 2. FOB Ningbo');
    expect(activitySentence({ ...(EVERY[0] as Extract<ActivityText, { key: 'quote_submitted' }>), levels: [], note: null }, 'en')).toBe('EUR 12,000.00, discount 12%, margin 18% — no approval needed');
    expect(activitySentence(EVERY[5]!, 'en')).toBe('Disputed the assignment (assigned to rep-b) by assignment rule "新人优先" (v4): I met them at the Canton Fair');
    expect(activitySentence(EVERY[11]!, 'en')).toBe('Won together: rep-a 56%, rep-b 44%; by the assignment rules it goes to rep-b: most follow-ups');
    expect(activitySentence(EVERY[10]!, 'zh')).toBe('联合攻坚结束（无人参与）；按分配规则，客户留在公海：stays in the pool');
    expect(activitySentence(EVERY[14]!, 'zh')).toBe('对冷却期的领取被拒决定（领取被拒：冷却期）提出申诉。理由：冷却期太长');
    expect(activitySentence(EVERY[15]!, 'zh')).toBe('对回收规则「跟进期限」（v2）的回收决定（回收：未按时跟进）提出申诉。理由：我上周拜访过');
    // English names the reason in words too, not its code.
    expect(activitySentence(EVERY[15]!, 'en')).toContain('(reclaimed: no follow-up in time)');
    expect(activitySentence(EVERY[16]!, 'zh')).toBe('联合攻坚结束（rep-a 100%）；客户在联合攻坚期间已被领取，仍归 rep-a');
    expect(activitySentence(EVERY[7]!, 'zh')).toBe('由导入文件「fair.xlsx」第 7 行补全：电话、网站');
  });

  it('names a disputed decision as the rule editor does and a refused claim in the refusal words, in either language (one list of words, no code)', () => {
    const caps: ActivityText = { key: 'dispute_filed', kind: 'claim_refusal', otherRepId: null, code: 'CAP_REACHED', rule: { decision: 'caps', name: '新人上限', version: 3 }, reason: '我刚成交了一个' };
    // The caps contract's label (上限), as the rule editor and the dispute list name it.
    expect(activitySentence(caps, 'zh')).toBe('对上限规则「新人上限」（v3）的领取被拒决定（领取被拒：私海已满）提出申诉。理由：我刚成交了一个');
    expect(activitySentence(caps, 'en')).toBe('Disputed the claim refusal (claim refused: private cap reached) by caps rule "新人上限" (v3): 我刚成交了一个');
    // Written out, not read from the contracts the sentence reads: a label renamed there (库容 for 上限)
    // would rename the history and the rule editor while the dispute list keeps its own words.
    const EDITOR_NAMES = { assignment: '分配', grading: '分级', caps: '上限', approval: '审批', reclaim: '回收' } as const;
    expect(Object.keys(EDITOR_NAMES).sort()).toEqual(Object.keys(contracts).sort());
    for (const [decision, name] of Object.entries(EDITOR_NAMES)) {
      expect(activitySentence({ ...caps, rule: { decision, name: 'r', version: null } }, 'zh')).toBe(`对${name}规则「r」的领取被拒决定（领取被拒：私海已满）提出申诉。理由：我刚成交了一个`);
      expect(activitySentence({ ...caps, rule: { decision, name: null, version: null } }, 'zh')).toBe(`对${name}的领取被拒决定（领取被拒：私海已满）提出申诉。理由：我刚成交了一个`);
    }
  });

  it("tells why the assignment rules picked nobody in the reader's language (a rule's own reason is quoted)", () => {
    const nobody: ActivityText = {
      key: 'joint_closed',
      split: [],
      to: { kind: 'pool' },
      reason: 'no eligible rep for team emea: 2 at their cap',
      why: { code: 'nobody', target: { kind: 'team', id: 'emea' }, considered: 2, skipped: { 'at their cap': 2 } },
    };
    expect(activitySentence(nobody, 'zh')).toBe('联合攻坚结束（无人参与）；按分配规则，客户留在公海：没有可分配的业务员（团队 emea）：2 人私海已满');
    expect(activitySentence(nobody, 'en')).toBe('Joint follow-up closed (nobody joined); by the assignment rules it stays in the pool: no eligible rep for team emea: 2 at their cap');
    // Written before the reason was stored with its code: the server's own words are still known.
    const before: ActivityText = { key: 'won_together', split: [{ repId: 'li', pct: 100 }], to: { kind: 'stays', repId: 'li' }, reason: 'no assignment rule fired' };
    expect(activitySentence(before, 'zh')).toBe('共同成交：li 100%；按分配规则，客户仍归 li：没有分配规则适用');
  });

  it('names every rep an entry names as the joining entry does: the name with the id beside it', () => {
    const names = new Map([['zhao', '赵敏'], ['li', '李伟'], ['sun', 'Sun Li'], ['wang', '王芳'], ['rep-a', 'Ann']]);
    const closed: ActivityText = { key: 'joint_closed', split: [{ repId: 'zhao', pct: 75 }, { repId: 'li', pct: 25 }], to: { kind: 'rep', repId: 'zhao' }, reason: 'most follow-ups' };
    expect(activitySentence(closed, 'zh', names)).toBe('联合攻坚结束（赵敏（zhao） 75%, 李伟（li） 25%）；按分配规则，客户归 赵敏（zhao）：most follow-ups');
    expect(activitySentence(closed, 'en', names)).toBe('Joint follow-up closed (赵敏 (zhao) 75%, 李伟 (li) 25%); by the assignment rules it goes to 赵敏 (zhao): most follow-ups');
    const won: ActivityText = { key: 'won_together', split: [{ repId: 'sun', pct: 69 }, { repId: 'wang', pct: 23 }, { repId: 'li', pct: 8 }], to: { kind: 'stays', repId: 'sun' }, reason: 'top contributor' };
    expect(activitySentence(won, 'zh', names)).toBe('共同成交：Sun Li（sun） 69%, 王芳（wang） 23%, 李伟（li） 8%；按分配规则，客户仍归 Sun Li（sun）：top contributor');
    expect(activitySentence(won, 'en', names)).toBe('Won together: Sun Li (sun) 69%, 王芳 (wang) 23%, 李伟 (li) 8%; by the assignment rules it stays with Sun Li (sun): top contributor');
    expect(activitySentence({ key: 'collaborator_added', name: 'Li Wei', repId: 'li', by: 'zhao' }, 'zh', names)).toBe('李伟（li）由 赵敏（zhao） 添加为协作人');
    expect(activitySentence({ key: 'collaborator_removed', repId: 'li', by: 'zhao' }, 'en', names)).toBe('李伟 (li) removed as a collaborator by 赵敏 (zhao)');
    expect(activitySentence({ key: 'dispute_filed', kind: 'assignment', otherRepId: 'li', code: null, rule, reason: 'r' }, 'zh', names)).toBe('对分配规则「新人优先」（v4）的分配决定（分配给 李伟（li））提出申诉。理由：r');
    expect(activitySentence({ key: 'dispute_decided', repId: 'li', kind: 'assignment', rule, reassigned: true, comment: 'ok' }, 'en', names)).toBe(
      'Dispute by 李伟 (li) of the assignment by assignment rule "新人优先" (v4) decided: reassigned to 李伟 (li): ok',
    );
    expect(activitySentence({ key: 'quote_approved', approver: 'Wang Fang', approverId: 'wang', comment: null }, 'zh', names)).toBe('已由 王芳（wang） 批准');
    // A rep not found (deleted, or no names given) is named by the id alone.
    expect(activitySentence(closed, 'en')).toBe('Joint follow-up closed (zhao 75%, li 25%); by the assignment rules it goes to zhao: most follow-ups');
    // Whom to look up: every rep the entry names.
    expect(repIdsOf(closed).sort()).toEqual(['li', 'zhao']);
    expect(repIdsOf(won).sort()).toEqual(['li', 'sun', 'wang']);
    expect(repIdsOf({ key: 'joint_opened', note: null })).toEqual([]);
  });

  it('names the approver of an entry written before approvers were stored by id from the row that logged it', () => {
    const names = new Map([['wang', '王芳']]);
    expect(activityNote({ note: 'x', text: { key: 'quote_level_approved', level: 1, approver: 'Wang Fang', comment: null }, repId: 'wang' }, 'zh', names)).toBe('第 1 级审批已由 王芳（wang） 批准');
  });

  it('keeps an entry without stored values (a person’s note, one written before, one it cannot tell) as it was written', () => {
    expect(activityNote({ note: 'called, no answer', text: null }, 'zh')).toBe('called, no answer');
    expect(activityNote({ note: 'from a newer version', text: { key: 'not_yet_known' } as unknown as ActivityText }, 'zh')).toBe('from a newer version');
    expect(activityNote({ note: 'ignored', text: EVERY[1]! }, 'zh')).toBe('第 2 级审批超时未处理，已升级给管理员。');
  });

  it('stores the English sentence beside the values, cut to the column', () => {
    const long = { key: 'joint_opened', note: 'x'.repeat(5_000) } as const;
    const stored = systemNote(long);
    expect(stored.note).toHaveLength(4_000);
    expect(JSON.parse(stored.text)).toEqual(long);
  });
});
