// The approval preview builds its facts as submitting the quote does, so it never promises another route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { customerInCosting } from './support/customers.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
let rep: { id: string; token: string };

/** Level 2 (admin) from USD 50,000; level 1 (manager) for a first quote. */
const approvalRules = {
  decision: 'approval',
  hitPolicy: 'collect',
  rules: [
    { name: 'first quote', conditions: { all: [{ fact: 'quote', path: '$.isFirstQuote', operator: 'equal', value: true }, { fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 20 }] }, event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout: '1h', reason: 'first quote, deep discount' } } },
    { name: 'big quote', conditions: { all: [{ fact: 'quote', path: '$.amountUsd', operator: 'greaterThanInclusive', value: 50_000 }] }, event: { type: 'require_approval', params: { level: 2, role: 'admin', timeout: '1h', reason: 'USD 50,000 or more' } } },
  ],
} as unknown as RuleSetDocument;

beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  await h.publishRuleSet(approvalRules);
  rep = await h.createRep();
});
afterAll(() => h?.close());


const levelsOf = (body: { levels: { level: number }[] }) => body.levels.map((l) => l.level);

describe('the approval preview', () => {
  it('counts a USD quote at its amount, whatever amountUsd the preview is sent, as submitting does', async () => {
    const id = await customerInCosting(h, rep);
    const preview = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: 5000, currency: 'USD', amountUsd: 90_000, discountPct: 3, marginPct: 30 } });
    expect(preview.status).toBe(200);
    const submitted = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, { currency: 'USD', discountPct: 3, marginPct: 30, items: [{ description: 'Pump', quantity: 1, unitPrice: 5000 }] });
    expect(submitted.status).toBe(200);
    expect(submitted.body.quote.required).toBe(false);
    expect(preview.body).toMatchObject({ required: false, levels: [] });
  });

  it('takes any amount a quote may have, and refuses one past it as the quote does', async () => {
    const id = await customerInCosting(h, rep);
    const big = 9_999_899_999_500.01; // 99,999 × 99,999,999.995: a total a quote may reach
    const preview = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: big, currency: 'USD', discountPct: 3, marginPct: 30 } });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(levelsOf(preview.body)).toEqual([2]);
    const eur = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: big, currency: 'EUR', amountUsd: big, discountPct: 3, marginPct: 30 } });
    expect(eur.status, JSON.stringify(eur.body)).toBe(200);
    const past = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: 1e13 + 1, currency: 'USD', discountPct: 3, marginPct: 30 } });
    expect([past.status, past.body.error.details.issues[0].pointer]).toEqual([400, '/quote/amount']);
  });

  it('knows a customer quoted before by its quotes, as submitting does', async () => {
    const id = await customerInCosting(h, rep);
    const deep = { currency: 'USD', discountPct: 25, marginPct: 30 };
    const before = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { ...deep, amount: 1000 } });
    expect(levelsOf(before.body)).toEqual([1]);
    const first = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, { ...deep, items: [{ description: 'Pump', quantity: 1, unitPrice: 1000 }] });
    expect(levelsOf(first.body.quote)).toEqual([1]);
    // A second quote is no longer the first: the preview and the submission both drop level 1.
    const after = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { ...deep, amount: 1000 } });
    expect(after.body).toMatchObject({ required: false, levels: [] });
  });
});
