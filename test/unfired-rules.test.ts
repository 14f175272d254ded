// "Rules that fired for no customer and no test case": after a simulation of the exact document over
// all customers, validation warns about each rule that fired for nobody, unless a test case fires it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { seedCustomers } from './support/seed.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
  await seedCustomers(h.db, 20, (i) => ({ country: i % 2 ? 'DE' : 'FR', expected_close_days: 40 }));
});
afterAll(() => h?.close());

const source = `decision grading
hit policy first

rule "Germans: A" priority 30
  when customer.country = "DE"
  then grade A

rule "Atlantis: B" priority 20
  when customer.country = "XA"
  then grade B

rule "Others: C" priority 1
  when always
  then grade C
`;

const unfired = async (text = source) => {
  const res = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { format: 'dsl', source: text });
  expect(res.body.valid).toBe(true);
  return res.body.warnings.filter((w: { code: string }) => w.code === 'analysis.unfired');
};

describe('rules that fired for no customer and no test case', () => {
  it('are unknown before the document was simulated, and warned about at their line after', async () => {
    expect(await unfired()).toEqual([]);
    const sim = await h.call(h.adminToken, 'POST', '/simulations', { format: 'dsl', source, wait: true });
    expect(sim.body.result.firedRules).toEqual([0, 2]);
    const warnings = await unfired();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ pointer: '/rules/1', line: 8 });
    expect(warnings[0].message).toContain('Atlantis: B');
    // A comment written since (the document carries it) changes nothing that was evaluated.
    expect(await unfired(source.replace('rule "Atlantis: B"', '# no customer is from there yet\nrule "Atlantis: B"'))).toEqual([expect.objectContaining({ pointer: '/rules/1', line: 9 })]);
  });

  it('are not warned about once a test case fires them', async () => {
    const added = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', {
      name: 'Atlantis is B',
      facts: { customer: { country: 'XA' } },
      expected: { fired: [{ name: 'Atlantis: B' }] },
    });
    expect(added.status).toBe(201);
    expect(await unfired()).toEqual([]);
  });
});
