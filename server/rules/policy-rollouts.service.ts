// Starting reclaim-policy rollouts from their outbox rows: at once after the publish commits, and
// from the worker role's sweeper (and later publishes) until each has started. Starting one twice is
// harmless: the workflow id is fixed per rule set.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { type PolicyRolloutRow, findRollout, markAttemptFailed, markStarted, pendingRollouts } from './policy-rollouts.repository.js';
import { type Sweeper, startSweeper } from '../sweeper.js';

export interface RolloutDeps {
  db: Kysely<Database>;
  lifecycle: Pick<LifecycleClient, 'rolloutReclaimPolicy'>;
  clock: Clock;
  logger: Logger;
}

/** How long one attempt may wait for Temporal; the publish answers well within the API's 15 s. */
const ROLLOUT_START_TIMEOUT_MS = 3_000;
const ROLLOUT_SWEEP_EVERY_MS = 15_000;

export interface RolloutView {
  workflowId: string;
  status: 'pending' | 'started' | 'superseded';
  attempts: number;
  lastError: string | null;
}

const toRolloutView = (r: PolicyRolloutRow): RolloutView => ({
  workflowId: r.workflow_id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
});

/** One attempt to start a pending rollout; the outcome (or the error) is recorded on its row. */
export async function startRollout(deps: RolloutDeps, ruleSetId: string): Promise<RolloutView | null> {
  const row = await findRollout(deps.db, ruleSetId);
  if (!row) return null;
  if (row.status !== 'pending') return toRolloutView(row);
  try {
    await deps.lifecycle.rolloutReclaimPolicy(ruleSetId, { timeoutMs: ROLLOUT_START_TIMEOUT_MS });
    await markStarted(deps.db, ruleSetId, deps.clock.now());
  } catch (e) {
    const cause = (e as { details?: { cause?: unknown } }).details?.cause;
    const message = `${e instanceof Error ? e.message : String(e)}${typeof cause === 'string' ? ` (${cause})` : ''}`;
    deps.logger.warn({ err: e, ruleSetId }, 'reclaim policy rollout not started yet; it stays pending and is tried again');
    await markAttemptFailed(deps.db, ruleSetId, message, deps.clock.now());
  }
  return toRolloutView((await findRollout(deps.db, ruleSetId))!);
}

/** Tries every pending rollout once, oldest first; stops at the first failure (Temporal is down). */
export async function startPendingRollouts(deps: RolloutDeps): Promise<{ started: string[]; pending: string[] }> {
  const started: string[] = [];
  const pending: string[] = [];
  for (const row of await pendingRollouts(deps.db)) {
    if (pending.length > 0) {
      pending.push(row.rule_set_id);
      continue;
    }
    const view = await startRollout(deps, row.rule_set_id);
    (view?.status === 'pending' ? pending : started).push(row.rule_set_id);
  }
  return { started, pending };
}

/** The worker role's sweep: at once and then every `everyMs`, one sweep at a time. */
export function startRolloutSweeper(deps: RolloutDeps, options: { everyMs?: number } = {}): Sweeper {
  const round = () => startPendingRollouts(deps).then((r) => r.started.length > 0 && deps.logger.info({ started: r.started }, 'pending reclaim policy rollouts started'));
  return startSweeper(round, { everyMs: options.everyMs ?? ROLLOUT_SWEEP_EVERY_MS, logger: deps.logger, name: 'reclaim policy rollout sweep' });
}
