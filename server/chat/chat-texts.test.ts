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
    expect(noticeWords(event('customer.reclaimed'), 'en')).toEqual({ title: 'English title of customer.reclaimed', body: 'English body of customer.reclaimed' });
    expect(noticeWords(event('customer.reclaimed'), 'zh').title).toBe('已收回公海：Acme [Asia] Ltd');
    expect(eventMessage(event('customer.reclaimed'), 'zh', null).title).toBe('已收回公海：Acme  Asia  Ltd'.replace(/\s+/g, ' '));
  });
});
