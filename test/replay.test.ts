// Replay: histories recorded from every earlier workflow version (test/fixtures/histories) and
// histories made just now must replay against the current workflow code without nondeterminism.
// RECORD_HISTORIES=1 writes this run's histories as new fixtures (name them after the version).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { workflowIdFor } from '../workflows/shared.js';
import { createHarness, type Harness } from './support/harness.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { fastReclaim, keepInPool } from './support/rule-sets.js';
import { upload, waitForJob } from './support/imports.js';

const fixturesDir = path.join(import.meta.dirname, 'fixtures', 'histories');
const FIXTURE_VERSION = process.env.RECORD_HISTORIES_VERSION ?? 'v5';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '2500ms' }) });
});
afterAll(() => h?.close());

async function replay(history: unknown, workflowId: string) {
  await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, workflowId);
}

/** Every run of the customer's workflow (continue-as-new makes several), oldest first. */
async function runsOf(workflowId: string) {
  await h.waitFor(async () => {
    for await (const e of h.client.workflow.list({ query: `WorkflowId = '${workflowId}' AND ExecutionStatus = 'Running'` })) return e.workflowId !== workflowId;
    return true;
  });
  const runs: { runId: string; startTime: Date }[] = [];
  for await (const e of h.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push({ runId: e.runId, startTime: e.startTime });
  return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime()).map((r) => r.runId);
}

describe('histories made by the current code', () => {
  /** A customer's tenure runs, or (workflowId) another workflow's. */
  const made: { name: string; customerId: string; workflowId?: string }[] = [];

  it('are produced by the main paths', async () => {
    const rep = await h.createRep({ privateCap: 1 });
    const other = await h.createRep();

    const released = await h.createCustomer();
    expect((await h.call(rep.token, 'POST', `/customers/${released}/claim`)).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${released}/follow-ups`, { kind: 'call', grade: 'B' })).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${released}/release`, { reason: 'done' })).status).toBe(200);
    made.push({ name: 'claim-followup-release', customerId: released });

    const reclaimed = await h.createCustomer();
    expect((await h.call(other.token, 'POST', `/customers/${reclaimed}/claim`)).status).toBe(200);
    made.push({ name: 'claim-reclaim', customerId: reclaimed });

    // rep owns nothing now (released); fill the cap of 1, then a direct workflow claim is refused.
    const filler = await h.createCustomer();
    expect((await h.call(rep.token, 'POST', `/customers/${filler}/claim`)).status).toBe(200);
    const refused = await h.createCustomer();
    await expect(h.lifecycle.claim(refused, { repId: rep.id })).rejects.toMatchObject({ code: 'CAP_REACHED' });
    made.push({ name: 'claim-refused', customerId: refused });
    expect((await h.call(rep.token, 'POST', `/customers/${filler}/release`)).status).toBe(200);
    made.push({ name: 'claim-release', customerId: filler });

    // Let the plain reclaim finish under the pool-keeping rules before the hand-over rules exist:
    // the run decides on assignment after the customer is back in the pool, so wait for the run.
    await h.client.workflow.getHandle(workflowIdFor(reclaimed)).result();

    // v2: the assignment rules start tenures (assign update) and hand reclaimed customers over.
    const heir = await h.createRep();
    await h.publishRuleSet({
      decision: 'assignment',
      hitPolicy: 'first',
      rules: [
        { name: 'created: to heir', priority: 10, conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'create' }, { fact: 'customer', path: '$.region', operator: 'equal', value: 'replay' }] }, event: { type: 'assign', params: { rep: heir.id, strategy: 'direct' } } },
        { name: 'reclaimed: to heir', priority: 10, conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'reclaim' }] }, event: { type: 'assign', params: { rep: heir.id, strategy: 'direct' } } },
        { name: 'otherwise pool', conditions: { all: [] }, event: { type: 'assign', params: { pool: 'default' } } },
      ],
    } as never);
    const assigned = (await h.call(h.adminToken, 'POST', '/customers', { companyName: `Replay Assigned ${Date.now()}`, region: 'replay' })).body;
    expect(assigned.ownerId).toBe(heir.id);
    expect((await h.call(heir.token, 'POST', `/customers/${assigned.id}/follow-ups`, { kind: 'call', expectedCloseDays: 40 })).status).toBe(200);
    expect((await h.call(heir.token, 'POST', `/customers/${assigned.id}/release`)).status).toBe(200);
    made.push({ name: 'assign-followup-release', customerId: assigned.id });

    const handed = await h.createCustomer();
    expect((await h.call(other.token, 'POST', `/customers/${handed}/claim`)).status).toBe(200);
    await h.waitFor(async () => (await h.customerRow(handed)).owner_id === heir.id);
    expect((await h.call(heir.token, 'POST', `/customers/${handed}/release`)).status).toBe(200);
    made.push({ name: 'reclaim-handover', customerId: handed });
  });

  it('are produced by the lifecycle after the claim (v3)', async () => {
    // Slow deadlines for the stage paths; the warning path publishes its own fast one last.
    await h.publishRuleSet(keepInPool);
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
    await h.publishRuleSet({
      decision: 'approval',
      hitPolicy: 'collect',
      rules: [
        { name: 'discount over 10%', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10 }] }, event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout: '1h', reason: 'discount' } } },
        { name: 'discount over 20%', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 20 }] }, event: { type: 'require_approval', params: { level: 2, role: 'admin', timeout: '1500ms', reason: 'deep discount' } } },
      ],
    } as unknown as RuleSetDocument);
    await h.call(h.adminToken, 'POST', '/teams', { id: 'replay-team', name: 'Replay team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'replay-team' });
    await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'replay-team').execute();
    const rep = await h.createRep({ teamId: 'replay-team', keyCap: 2 });
    const mate = await h.createRep({ teamId: 'replay-team' });
    const quote = (discountPct: number) => ({ currency: 'USD', discountPct, marginPct: 25, items: [{ description: 'Solar inverter 5 kW', quantity: 10, unitPrice: 500 }] });
    const ok = async (token: string, method: string, url: string, body?: unknown) => {
      const res = await h.call(token, method, url, body);
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    };
    const claimed = async () => {
      const id = await h.createCustomer({ assign: false });
      await ok(rep.token, 'POST', `/customers/${id}/claim`);
      return id;
    };

    // Every stage, a quote without approval, won: the tenure completes.
    const won = await claimed();
    await ok(rep.token, 'POST', `/customers/${won}/follow-ups`, { kind: 'call' });
    await ok(rep.token, 'POST', `/customers/${won}/inquiry`, { note: '2 x 40HQ' });
    await ok(rep.token, 'POST', `/customers/${won}/costing`, { unitCost: 8.2, currency: 'USD' });
    expect((await ok(rep.token, 'POST', `/customers/${won}/quotes`, quote(5))).quote.status).toBe('approved');
    await ok(rep.token, 'POST', `/customers/${won}/samples`, { kind: 'send' });
    await ok(rep.token, 'POST', `/customers/${won}/won`, { orderValueUsd: 48_000 });
    await h.client.workflow.getHandle(workflowIdFor(won)).result();
    made.push({ name: 'stages-won', customerId: won });

    // A quote rejected, revised, approved by the manager; then released.
    const approved = await claimed();
    await ok(rep.token, 'POST', `/customers/${approved}/inquiry`, {});
    const first = await ok(rep.token, 'POST', `/customers/${approved}/quotes`, quote(15));
    await ok(manager.token, 'POST', `/approvals/${first.quote.id}/reject`, { comment: 'max 12%' });
    const revised = await ok(rep.token, 'POST', `/customers/${approved}/quotes`, quote(12));
    expect((await ok(manager.token, 'POST', `/approvals/${revised.quote.id}/approve`, { comment: 'ok' })).decided).toBe('approved');
    await ok(rep.token, 'POST', `/customers/${approved}/release`, { reason: 'went silent' });
    made.push({ name: 'quote-reject-approve-release', customerId: approved });

    // Two levels; the second escalates after its timeout, an admin approves.
    const escalated = await claimed();
    await ok(rep.token, 'POST', `/customers/${escalated}/inquiry`, {});
    const deep = await ok(rep.token, 'POST', `/customers/${escalated}/quotes`, quote(25));
    await ok(manager.token, 'POST', `/approvals/${deep.quote.id}/approve`, {});
    await h.waitFor(async () => (await h.db.selectFrom('quote_approvals').select('escalated').where('quote_id', '=', deep.quote.id).where('level', '=', 2).executeTakeFirst())?.escalated, 15_000);
    expect((await ok(h.adminToken, 'POST', `/approvals/${deep.quote.id}/approve`, {})).decided).toBe('approved');
    await ok(rep.token, 'POST', `/customers/${escalated}/release`);
    made.push({ name: 'quote-escalated-release', customerId: escalated });

    // Key flag on and off, then the manager reassigns (continue-as-new), the new owner releases.
    const reassigned = await claimed();
    await ok(rep.token, 'PUT', `/customers/${reassigned}/key`, { key: true });
    await ok(rep.token, 'PUT', `/customers/${reassigned}/key`, { key: false });
    await ok(manager.token, 'POST', `/customers/${reassigned}/reassign`, { repId: mate.id, reason: 'trade show' });
    await ok(mate.token, 'POST', `/customers/${reassigned}/follow-ups`, { kind: 'email' });
    await ok(mate.token, 'POST', `/customers/${reassigned}/release`);
    made.push({ name: 'key-reassign-release', customerId: reassigned });

    // Merged away by an admin: the absorbed tenure ends.
    const survivor = await h.createCustomer({ assign: false });
    const absorbed = await claimed();
    await ok(h.adminToken, 'POST', `/customers/${absorbed}/merge`, { into: survivor });
    await h.client.workflow.getHandle(workflowIdFor(absorbed)).result();
    made.push({ name: 'merged', customerId: absorbed });

    // A reclaim policy published while the tenure is open (policyChanged signal), then released.
    const redecided = await claimed();
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: fastReclaim({ firstFollowUp: '1h', cadence: { A: '1h', B: '1h', C: '1h', D: '1h', E: '1h' } }) });
    const published = await ok(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    await h.client.workflow.getHandle(published.rollout.workflowId).result();
    await h.waitFor(async () => (await h.customerRow(redecided)).deadline!.getTime() - Date.now() > 50 * 60_000);
    await ok(rep.token, 'POST', `/customers/${redecided}/release`);
    made.push({ name: 'policy-change-release', customerId: redecided });

    // Warned (owner, then manager), then reclaimed.
    const warnRules = fastReclaim({ firstFollowUp: '3s' });
    (warnRules.rules[1]!.event.params as Record<string, unknown>).warnBefore = '2s';
    await h.publishRuleSet(warnRules);
    const warned = await claimed();
    await h.client.workflow.getHandle(workflowIdFor(warned)).result();
    const kinds = (await h.db.selectFrom('notifications').select('kind').where('customer_id', '=', warned).execute()).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['deadline.warning', 'deadline.escalation', 'customer.reclaimed']));
    made.push({ name: 'warning-reclaim', customerId: warned });
  });

  it('are produced by an import job (rows in batches, tenures, similar company names)', async () => {
    const lines = ['Company,E-mail'];
    for (let i = 0; i < 40; i++) lines.push(`Replay Import ${i % 2 ? 'Ningbo Solar Trading' : 'Xiamen Textile Export'} ${i} Co Ltd,ri${i}@replay-import${i}.example`);
    lines.push('Replay Import Ningbo Solar Trading 1 Co Ltd,'); // a duplicate of row 3
    const started = await upload(h, new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), 'replay.csv', { assign: 'false' });
    expect(started.status).toBe(202);
    const job = await waitForJob(h, started.body.id);
    expect(job).toMatchObject({ status: 'completed', progress: { created: 40, duplicates: 1 } });
    expect(job.progress.similarChecked).toBe(40);
    made.push({ name: 'import-job', customerId: '', workflowId: `import-${job.id}` });
  });

  it('replay against the current code', async () => {
    expect(made.length).toBeGreaterThan(0);
    const runCounts: Record<string, number> = {};
    for (const { name, customerId, workflowId = workflowIdFor(customerId) } of made) {
      const runs = await runsOf(workflowId);
      runCounts[name] = runs.length;
      for (const [n, runId] of runs.entries()) {
        const history = await h.client.workflow.getHandle(workflowId, runId).fetchHistory();
        expect(history.events?.length).toBeGreaterThan(3);
        await replay(history, workflowId);
        if (process.env.RECORD_HISTORIES === '1') {
          // Exported the way an operator would, with the CLI (proto3 JSON, as the UI downloads it).
          const json = execFileSync(
            inject('temporalCliPath'),
            ['workflow', 'show', '--workflow-id', workflowId, '--run-id', runId, '--address', inject('temporalAddress'), '--output', 'json'],
            { encoding: 'utf8' },
          );
          writeFileSync(path.join(fixturesDir, `${FIXTURE_VERSION}-${name}${runs.length > 1 ? `-run${n + 1}` : ''}.json`), json);
        }
      }
    }
    // The hand-over made two runs: the reclaimed tenure and the assigned one.
    expect(runCounts).toEqual({
      'claim-followup-release': 1,
      'claim-reclaim': 1,
      'claim-refused': 1,
      'claim-release': 1,
      'assign-followup-release': 1,
      'reclaim-handover': 2,
      'stages-won': 1,
      'quote-reject-approve-release': 1,
      'quote-escalated-release': 1,
      'key-reassign-release': 2,
      'merged': 1,
      'policy-change-release': 1,
      'warning-reclaim': 1,
      'import-job': 1,
    });
  });
});

describe('histories recorded from earlier versions', () => {
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'));

  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('%s replays against the current code', async (file) => {
    const json = JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8'));
    await replay(json, `replay-${file}`);
  });
});
