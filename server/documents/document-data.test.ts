// The days a document prints are the quote's rep's: a quote submitted and sent just after midnight
// in Shanghai is dated that day, though it is still the day before in UTC.
import { describe, expect, it } from 'vitest';
import { documentData } from './document-data.js';

const inputs = (timeZone: string) => ({
  kind: 'quotation' as const,
  language: 'zh' as const,
  number: 'QT-20261205-ABCDEF',
  now: new Date('2026-12-04T16:30:00Z'), // 00:30 on 5 December in Shanghai
  quote: {
    id: '01a241ce-38c4-727c-bcaf-024936aabbcc',
    created_at: new Date('2026-12-04T16:18:00Z'),
    amount: '100.00',
    amount_usd: '100.00',
    currency: 'USD',
    discount_pct: '0',
    items: [{ description: 'Valve', quantity: 1, unitPrice: 100 }],
    note: null,
    valid_until: null,
    status: 'approved' as const,
  },
  version: 1,
  rep: '李伟',
  timeZone,
  customer: { company_name: 'Acme Ltd.', contact_name: null, email: null, phone: null, country: 'DE', website: null },
  profile: { name: 'Ningbo Valves Co.' },
  approvals: [{ level: 1, approverId: 'wang', approver: '王芳', decidedAt: '2026-12-04T16:25:00Z', comment: null }],
  incoterms: undefined,
  paymentTerms: undefined,
});

describe('the days a document prints', () => {
  it("are the quote's rep's calendar days", () => {
    const data = documentData(inputs('Asia/Shanghai') as never) as { quote: { number: string; date: string }; document: { date: string }; date: string; approvals: { decidedAt: string }[]; approvalSummary: string };
    expect(data.quote).toMatchObject({ number: 'Q-20261205-AABBCC', date: '2026-12-05' });
    expect(data.document.date).toBe('2026-12-05');
    expect(data.date).toBe('2026-12-05');
    expect(data.approvals[0]!.decidedAt).toBe('2026-12-05');
    expect(data.approvalSummary).toBe('第1级 王芳 2026-12-05');
  });

  it('are the UTC days for a rep working in UTC', () => {
    const data = documentData(inputs('UTC') as never) as { quote: { date: string }; document: { date: string } };
    expect(data.quote.date).toBe('2026-12-04');
    expect(data.document.date).toBe('2026-12-04');
  });
});
