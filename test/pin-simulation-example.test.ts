// "Pin as a test case" from a simulation example: the example's facts, and the outcome of the
// version the simulation compared with (the published one), become a case of that decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { seedCustomers } from './support/seed.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
  await seedCustomers(h.db, 5, (i) => ({ company_name: `Pinned ${i}`, country: 'DE', expected_close_days: 20 + i }));
});
afterAll(() => h?.close());

const draft = `decision grading
hit policy first

rule "Everyone D" priority 1
  when always
  then grade D
`;

describe('pinning a simulation example as a test case', () => {
  it('takes the example’s facts and the published outcome; the case passes the published version and fails the draft', async () => {
    const sim = await h.call(h.adminToken, 'POST', '/simulations', { format: 'dsl', source: draft, wait: true });
    const example = sim.body.result.examples[0];
    expect(example.facts.customer.expectedCloseDays).toBeGreaterThanOrEqual(20);
    const pinned = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'from the simulation', fromSimulation: { id: sim.body.id, subjectId: example.subjectId } });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);
    expect(pinned.body.facts.customer.expectedCloseDays).toBe(example.facts.customer.expectedCloseDays);
    expect(pinned.body.expected.fired[0]).toMatchObject({ name: 'Close within 1 month: A', params: { grade: 'A' } });

    const published = (await h.call(h.adminToken, 'GET', '/rule-sets?decision=grading&status=published')).body.items[0];
    const onPublished = await h.call(h.adminToken, 'POST', `/rule-sets/${published.id}/test`, {});
    expect(onPublished.body.results.find((r: { name: string }) => r.name === 'from the simulation').passed).toBe(true);
    const onDraft = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { format: 'dsl', source: draft });
    expect(onDraft.body.tests.failed.map((f: { name: string }) => f.name)).toContain('from the simulation');
  });

  it('refuses a subject that is not one of the examples, and an unknown simulation', async () => {
    const sim = await h.call(h.adminToken, 'POST', '/simulations', { format: 'dsl', source: draft, wait: true });
    const wrong = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'x', fromSimulation: { id: sim.body.id, subjectId: 'nobody' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].pointer).toBe('/fromSimulation/subjectId');
    const other = await h.call(h.adminToken, 'POST', '/decisions/caps/test-cases', { name: 'x', fromSimulation: { id: sim.body.id, subjectId: sim.body.result.examples[0].subjectId } });
    expect(other.status).toBe(400);
    expect((await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'x', fromSimulation: { id: 'nope', subjectId: 'x' } })).status).toBe(404);
  });
});
