// Import jobs the database holds as queued or running while no workflow runs them (one ended on a
// read that went wrong, or was terminated by hand) are resumed: their workflow is started again
// and carries on from the job's cursors (workflows/import.ts), so nothing is lost or doubled, and a
// cancel asked for meanwhile takes effect. Without this such a job would show running for good.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { importWorkflowId } from '../../schemas/workflow-ids.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { LifecycleClient } from './lifecycle.client.js';
import { type Sweeper, startSweeper } from '../sweeper.js';

export interface ImportSweepDeps {
  db: Kysely<Database>;
  client: Client;
  lifecycle: Pick<LifecycleClient, 'startImport'>;
  clock: Clock;
}

/** A job younger than this is left alone: its workflow may be starting. */
const SETTLE_MS = 60_000;
const IMPORT_SWEEP_EVERY_MS = 60_000;

/** Starts the workflow again of every unfinished job that has none running; answers their ids. */
export async function resumeOrphanedImports(deps: ImportSweepDeps, options: { settleMs?: number } = {}): Promise<string[]> {
  const before = new Date(deps.clock.now().getTime() - (options.settleMs ?? SETTLE_MS));
  const jobs = await deps.db.selectFrom('import_jobs').select('id').where('status', 'in', ['queued', 'running']).where('created_at', '<', before).orderBy('created_at').execute();
  const resumed: string[] = [];
  for (const { id } of jobs) {
    const description = await deps.client.workflow
      .getHandle(importWorkflowId(id))
      .describe()
      .catch((e: unknown) => {
        if (e instanceof WorkflowNotFoundError) return null;
        throw e;
      });
    if (description?.status.name === 'RUNNING') continue;
    // Its workflow may have finished the job between the read above and the description: read again.
    const still = await deps.db.selectFrom('import_jobs').select('status').where('id', '=', id).executeTakeFirst();
    if (!still || (still.status !== 'queued' && still.status !== 'running')) continue;
    await deps.lifecycle.startImport(id);
    resumed.push(id);
  }
  return resumed;
}

export function startImportSweeper(deps: ImportSweepDeps & { logger: Logger }): Sweeper {
  const round = () => resumeOrphanedImports(deps).then((ids) => ids.length > 0 && deps.logger.warn({ jobs: ids }, 'import jobs without a running workflow resumed'));
  return startSweeper(round, { everyMs: IMPORT_SWEEP_EVERY_MS, logger: deps.logger, name: 'orphaned import sweep' });
}
