// An import job's last step (finishImport) ends the job and drops the identities a preview claimed
// (the upload's e-mails, phones and names, which must not outlive the run). An attempt that fails
// part-way (here the claims' delete, as a dropped connection would) is retried by the workflow:
// the retry must still drop them, whatever the first attempt committed. The fault is a trigger in
// the real database, so it strikes the statement wherever the code runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../server/clock.js';
import { findImportJob, uploadOf } from '../server/imports/import-jobs.repository.js';
import { runBatches } from '../server/imports/import-batch.js';
import { createImportActivities } from '../server/temporal/import.activities.js';
import { createHarness, type Harness } from './support/harness.js';
import { upload, waitForJob } from './support/imports.js';
import { resumeOrphanedImports } from '../server/lifecycle/import-job-sweep.js';
import { importWorkflowId } from '../schemas/workflow-ids.js';
import { failFirstWrite, firstWriteFailed } from './support/database-faults.js';

let h: Harness;
beforeAll(async () => {
  // No worker: the test runs the job's steps itself.
  h = await createHarness({ worker: false });
  await failFirstWrite(h.db, { name: 'fail_first_claims_delete', table: 'import_claims', event: 'delete' });
}, 120_000);
afterAll(() => h?.close());

describe('a preview whose last step fails once', () => {
  it('ends previewed and keeps none of its claimed identities after the retry', async () => {
    const lines = ['Company,E-mail,Phone,Country'];
    for (let i = 0; i < 12; i++) lines.push(`Finish Claims ${i} Ltd,buyer${i}@finish-claims.example,+49 30 5550${String(i).padStart(3, '0')},DE`);
    const res = await upload(h, new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'claims.csv', { mode: 'preview' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const jobId = res.body.id as string;
    await h.db.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', jobId).execute();
    const job = (await findImportJob(h.db, jobId))!;
    await runBatches({ db: h.db, decisions: h.decisions, now: new Date() }, job, (await uploadOf(h.db, job.upload_id))!.headers, 100, 30_000);
    const claims = () => h.db.selectFrom('import_claims').select('key').where('job_id', '=', jobId).execute();
    expect((await claims()).length).toBeGreaterThanOrEqual(36);

    const acts = createImportActivities({ db: h.db, clock: systemClock, decisions: h.decisions });
    await expect(acts.finishImport({ jobId })).rejects.toThrow(/connection terminated/);
    expect(await firstWriteFailed(h.db, 'fail_first_claims_delete')).toBe(true);
    // The workflow retries the step.
    expect(await acts.finishImport({ jobId })).toEqual({ status: 'previewed' });
    expect(await claims()).toEqual([]);
    expect((await findImportJob(h.db, jobId))!.status).toBe('previewed');
    // A later attempt (a replayed workflow) answers the same and changes nothing.
    expect(await acts.finishImport({ jobId })).toEqual({ status: 'previewed' });
  });
});

describe('an import job whose database read comes back empty', () => {
  it('fails each step (Temporal retries it) instead of ending the workflow with the job left running', async () => {
    const res = await upload(h, new Blob(['Company,Country\nEmpty Read Ltd,DE\n'], { type: 'text/csv' }), 'empty-read.csv', { assign: 'false' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const jobId = res.body.id as string;
    const answersNothing = h.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async () => ({ rows: [] }) });
    const acts = createImportActivities({ db: answersNothing, clock: systemClock, decisions: h.decisions });
    await expect(acts.finishImport({ jobId })).rejects.toThrow(/not found/);
    await expect(acts.runImportBatch({ jobId, limit: 100 })).rejects.toThrow(/not found/);
    await expect(acts.endImportRows({ jobId })).rejects.toThrow(/not found/);
    await expect(acts.runImportSimilar({ jobId, limit: 100, beside: true })).rejects.toThrow(/not found/);
    expect((await findImportJob(h.db, jobId))!.status).toBe('queued');
  });
});

describe('an import whose tenure start fails part-way', () => {
  it('fails the step only once every start it began has ended, and begins none after the failure', async () => {
    const lines = ['Company,Country'];
    for (let i = 0; i < 6; i++) lines.push(`Lane Stop ${i} Trading Ltd,DE`);
    const res = await upload(h, new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'lanes.csv', { assign: 'false' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const jobId = res.body.id as string;
    await h.db.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', jobId).execute();
    const job = (await findImportJob(h.db, jobId))!;
    await runBatches({ db: h.db, decisions: h.decisions, now: new Date() }, job, (await uploadOf(h.db, job.upload_id))!.headers, 100, 30_000);
    // The rows as a batch leaves them when it gave them to a rep: their tenures still to start.
    const assignment = JSON.stringify({ status: 'assigned', repId: 'admin', reason: 'test' });
    await h.db.updateTable('import_job_rows').set({ tenure: 'pending', assignment }).where('job_id', '=', jobId).where('customer_id', 'is not', null).execute();

    // The first start fails at once (Temporal unreachable); the others take a while.
    let calls = 0;
    let inFlight = 0;
    const lifecycle = {
      assign: async () => {
        calls++;
        if (calls === 1) throw new Error('test: Temporal unreachable');
        inFlight++;
        await new Promise((r) => setTimeout(r, 300));
        inFlight--;
        return {} as never;
      },
    };
    const acts = createImportActivities({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle, concurrency: 4 });
    await expect(acts.startImportTenures({ jobId })).rejects.toThrow(/Temporal unreachable/);
    // Nothing of the failed attempt runs on beside the retry Temporal starts next.
    expect(inFlight).toBe(0);
    const started = calls;
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toBe(started);
    expect(started).toBeLessThan(6);
  });
});

describe('an import job left running with no workflow', () => {
  it('is resumed by the sweep and completes, every row imported once', async () => {
    const lines = ['Company,Country'];
    for (let i = 0; i < 5; i++) lines.push(`Orphaned Job ${i} Trading Ltd,DE`);
    const res = await upload(h, new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'orphaned.csv', { assign: 'false' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const jobId = res.body.id as string;
    // Its workflow ended (as on a read that answered "not found") while the row says running.
    await h.client.workflow.getHandle(importWorkflowId(jobId)).terminate('test: the workflow ended on a wrong read');
    await h.db.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', jobId).execute();
    const deps = { db: h.db, client: h.client, lifecycle: h.lifecycle, clock: systemClock };
    expect(await resumeOrphanedImports(deps, { settleMs: 0 })).toEqual([jobId]);
    // Its workflow runs now: the next sweep leaves it alone.
    expect(await resumeOrphanedImports(deps, { settleMs: 0 })).toEqual([]);
    await h.startWorker();
    const job = await waitForJob(h, jobId, { timeoutMs: 30_000 });
    expect(job).toMatchObject({ status: 'completed', progress: { created: 5 } });
  }, 60_000);
});
