// Decisions explain themselves in a sentence, in the language the caller asks for (Accept-Language):
// on a customer's decisions, to the rep who owns it too, and in the explain answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

/** A GET or POST as the UI sends it, with the UI's language. */
async function inLanguage(token: string, language: string | null, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (language) headers['accept-language'] = language;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await h.app.request(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as any };
}

type DecisionRow = { decision: string; trigger: string; sentence: string; facts: unknown; ruleSet: { id: string; version: number } };

describe('explanation sentences', () => {
  it("tell a customer's grade in Chinese or English, to the rep who owns it as well as to an admin", async () => {
    const { id: ruleSetId, version } = await h.publishRuleSet(defaultRuleSets.grading as RuleSetDocument, 'sentences');
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', expectedCloseDays: 20 })).body.grade).toBe('A');

    const gradings = async (token: string, language: string | null) => {
      const res = await inLanguage(token, language, 'GET', `/customers/${id}/decisions`);
      expect(res.status).toBe(200);
      return (res.body.items as DecisionRow[]).filter((r) => r.decision === 'grading');
    };

    const zh = await gradings(rep.token, 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(zh.map((r) => [r.trigger, r.sentence])).toEqual([
      ['create', `等级 C，因为 等级 = 未知（规则「未分级：C」，v${version}）`],
      ['follow_up', `等级 A，因为 预计成交天数 20 ≤ 30（规则「1 个月内成交：A」，v${version}）`],
    ]);
    const en = await gradings(rep.token, 'en-GB,en;q=0.9');
    expect(en[1]!.sentence).toBe(`Grade A, because expected close days 20 ≤ 30 (rule "Close within 1 month: A", v${version})`);
    // No Accept-Language, or a language without sentences of its own: English.
    expect((await gradings(h.adminToken, null))[1]!.sentence).toBe(en[1]!.sentence);
    expect((await gradings(h.adminToken, 'de-DE'))[1]!.sentence).toBe(en[1]!.sentence);
    expect((await gradings(h.adminToken, 'zh'))[1]!.sentence).toBe(zh[1]!.sentence);
    // Every decision about the customer (its reclaim deadlines and caps too) reads as a sentence.
    const all = (await inLanguage(rep.token, 'zh-CN', 'GET', `/customers/${id}/decisions`)).body.items as DecisionRow[];
    for (const r of all) expect(r.sentence, r.decision).toMatch(/\p{Script=Han}/u);

    // Reps may not ask for the full explanation; managers and admins get the same sentence with it.
    const facts = zh[1]!.facts;
    expect((await inLanguage(rep.token, 'zh-CN', 'POST', `/rule-sets/${ruleSetId}/explain`, { facts })).status).toBe(403);
    const explained = await inLanguage(h.adminToken, 'zh-CN', 'POST', `/rule-sets/${ruleSetId}/explain`, { facts });
    expect(explained.status).toBe(200);
    expect(explained.body.sentence).toBe(zh[1]!.sentence);
    expect(explained.body.fired[0].name).toBe('Close within 1 month: A');
  });

  it('labels the decision contracts in both languages on GET /decisions', async () => {
    const res = await h.call(h.adminToken, 'GET', '/decisions');
    const grading = res.body.items.find((d: { name: string }) => d.name === 'grading');
    expect(grading.label).toEqual({ en: 'Grading', zh: '分级' });
    expect(grading.whenNothingFires).toEqual({ en: 'The grade stays as it is.', zh: '等级保持不变。' });
    expect(grading.facts.customer.fields.expectedCloseDays.label).toEqual({ en: 'expected close days', zh: '预计成交天数' });
    expect(grading.events.grade.params.grade).toMatchObject({ label: { en: 'grade', zh: '等级' }, type: 'string' });
    expect(grading.operators.lessThanInclusive).toEqual({ text: '<=', en: 'at most', zh: '小于等于' });
    expect(JSON.stringify(res.body)).not.toMatch(/\(R\d+/);
  });
});
