// Every decision is fed the facts its contract describes (schemas/decisions): the facts each
// decision module builds, as recorded in the audit, match the contract field for field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsSchema } from '../schemas/decisions/contract.js';
import { contracts } from '../schemas/decisions/index.js';
import type { DecisionName } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
});
afterAll(() => h?.close());

describe('the facts of every decision', () => {
  it('match the decision contract in shape and in every field', async () => {
    const rep = await h.createRep();
    // A customer through every decision: grading and assignment on create, caps and reclaim on
    // claim, grading and reclaim on follow-up, reclaim on each stage, approval on the quote.
    const id = await h.createCustomer({ assign: true });
    const other = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${other}/claim`)).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${other}/follow-ups`, { kind: 'call', note: 'first call' })).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${other}/inquiry`, {})).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${other}/costing`, {})).status).toBe(200);
    const quote = { currency: 'EUR', amountUsd: 12_000, discountPct: 5, marginPct: 20, items: [{ description: 'Pump', quantity: 2, unitPrice: 5000 }] };
    expect((await h.call(rep.token, 'POST', `/customers/${other}/quotes`, quote)).status).toBe(200);

    const records = await h.db.selectFrom('decision_records').select(['decision', 'facts']).where('customer_id', 'in', [id, other]).execute();
    const seen = new Set(records.map((r) => r.decision));
    expect([...seen].sort()).toEqual(['approval', 'assignment', 'caps', 'grading', 'reclaim']);
    for (const r of records) {
      const contract = contracts[r.decision as DecisionName];
      const facts = r.facts as Record<string, Record<string, unknown>>;
      expect(factsSchema(contract).safeParse(facts).error?.issues ?? [], r.decision).toEqual([]);
      for (const [name, fact] of Object.entries(contract.facts)) {
        expect(Object.keys(facts[name] ?? {}).sort(), `${r.decision}: ${name}`).toEqual(Object.keys(fact.fields).sort());
      }
      expect(Object.keys(facts).sort(), r.decision).toEqual(Object.keys(contract.facts).sort());
    }
  });
});
