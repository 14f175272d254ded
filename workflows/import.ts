// An import job as one durable workflow, `import-<jobId>` (R11, issue 14): the staged rows live in
// the database and each batch activity records its rows' outcomes in the transaction that writes
// them, advancing the job's next row; a retried batch or a restarted worker carries on from there,
// so no row is lost or doubled. Then the similar-names phase compares the created rows' company
// names with the customers, in batches from its own cursor (server/imports/similar-names.ts); the
// job ends after it. Continue-as-new keeps the history short.
import { continueAsNew, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from './activities.js';
import { persistently as retrying } from './persistently.js';

// Bounded (R13); the heartbeat lets a replacement worker take over a batch within seconds.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  scheduleToCloseTimeout: '15 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const persistently = <T>(work: () => Promise<T>) => retrying(work, '30 seconds');

export interface ImportJobInput {
  jobId: string;
  /** Rows per batch activity. */
  batchSize?: number;
  /** Created rows per similar-names transaction; one activity records batches until its time budget (about 0.2 ms a row against 170,000 customers). */
  similarBatchSize?: number;
}

export async function importJob(input: ImportJobInput): Promise<{ status: string }> {
  const limit = input.batchSize ?? 2000;
  const { jobId } = input;
  // The tenures of assigned rows start while the next batches are decided: one start activity at
  // a time, taking every row still waiting (the batches count those against the reps' caps).
  let starting: Promise<void> | null = null;
  const startTenures = () => {
    starting ??= persistently(() => acts.startImportTenures({ jobId })).finally(() => (starting = null));
  };
  for (;;) {
    const { more } = await persistently(() => acts.runImportBatch({ jobId, limit }));
    startTenures();
    if (!more) break;
    if (workflowInfo().continueAsNewSuggested) {
      while (starting) await starting;
      await continueAsNew<typeof importJob>(input);
    }
  }
  while (starting) await starting;
  // Histories recorded before the phase existed end here, as they did.
  if (patched('import-similar-names')) {
    const { similar } = await persistently(() => acts.endImportRows({ jobId }));
    for (let more = similar; more; ) {
      ({ more } = await persistently(() => acts.runImportSimilar({ jobId, limit: input.similarBatchSize ?? 1000 })));
      if (more && workflowInfo().continueAsNewSuggested) await continueAsNew<typeof importJob>(input);
    }
  }
  return persistently(() => acts.finishImport({ jobId }));
}
