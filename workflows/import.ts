// An import job as one durable workflow, `import-<jobId>` (R11, issue 14): the staged rows live in
// the database and each batch activity records its rows' outcomes in the transaction that writes
// them, advancing the job's next row; a retried batch or a restarted worker carries on from there,
// so no row is lost or doubled. The similar-names phase compares the created rows' company names
// with the customers, in batches from its own cursor (server/imports/similar-names.ts): beside the
// rows, following their cursor, so the job ends soon after its last row (histories recorded before
// that ran it after the rows). Continue-as-new keeps the history short.
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
  const similarLimit = input.similarBatchSize ?? 1000;
  const { jobId } = input;
  // The tenures of assigned rows start while the next batches are decided: one start activity at
  // a time, taking every row still waiting (the batches count those against the reps' caps).
  let starting: Promise<void> | null = null;
  const startTenures = () => {
    starting ??= persistently(() => acts.startImportTenures({ jobId })).finally(() => (starting = null));
  };
  // The similar-names phase beside the rows; stopped between its activities for a continue-as-new.
  const beside = patched('import-similar-beside-rows');
  let similar: Promise<void> | null = null;
  let pausing = false;
  const compareBeside = async () => {
    for (let more = true; more && !pausing; ) ({ more } = await persistently(() => acts.runImportSimilar({ jobId, limit: similarLimit, beside: true })));
  };
  // It starts with the rows (reading the customers' names meanwhile) and waits for created rows.
  if (beside) similar = compareBeside();
  for (;;) {
    const { more } = await persistently(() => acts.runImportBatch({ jobId, limit }));
    startTenures();
    if (!more) break;
    if (workflowInfo().continueAsNewSuggested) {
      pausing = true;
      while (starting) await starting;
      await similar;
      await continueAsNew<typeof importJob>(input);
    }
  }
  while (starting) await starting;
  if (beside) {
    // Every row recorded: the phase compares what is left and ends.
    await persistently(() => acts.endImportRows({ jobId }));
    await similar;
  } else if (patched('import-similar-names')) {
    // Histories recorded before the phase existed end here, as they did.
    const { similar: compare } = await persistently(() => acts.endImportRows({ jobId }));
    for (let more = compare; more; ) {
      ({ more } = await persistently(() => acts.runImportSimilar({ jobId, limit: similarLimit })));
      if (more && workflowInfo().continueAsNewSuggested) await continueAsNew<typeof importJob>(input);
    }
  }
  return persistently(() => acts.finishImport({ jobId }));
}
