// The reconciler's check (R13): every owned customer has exactly one running tenure that agrees
// with its row, and every running tenure that holds an owner has its row. A mismatch (a tenure
// terminated by hand, a claim whose workflow task failed after its transaction committed, a start
// that failed) is repaired: the tenure restarted from the row with its remaining deadline (so an
// overdue one is reclaimed at once), or a stale tenure stopped. Each repair is audited as
// `reconciled`, before it is made (so a repair cut off half-way is audited once all the same).
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { decideDeadline, deadlineSetBy } from '../decisions/reclaim.js';
import { repRow } from '../reps/reps.repository.js';
import { findCustomerRow, ownedRows } from '../customers/customer-rows.repository.js';
import { appendOwnershipEvent, ownershipEventSeen } from '../customers/ownership-events.repository.js';
import { pendingApprovalOf } from '../quotes/quotes.repository.js';
import type { Customer, Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import type { ReconcileActivities, ReconcileReport } from '../../workflows/activities.js';
import { DeadlineAttribute, type LifecycleState, OwnerAttribute, StageAttribute, WORKFLOW_TYPE, stateQuery, workflowIdFor } from '../../workflows/shared.js';

export interface ReconcileDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  client: Client;
  taskQueue: string;
  /** Rows changed and tenures started more recently than this are left for the next round. */
  graceMs?: number;
  /** Repairs per round at most, so one round stays short. */
  maxRepairs?: number;
  /** Where repairs are counted by kind (default: the process's registry). */
  metrics?: Metrics | undefined;
}

type Running = { ownerId: string | null; startedAt: number };
type Mismatch = 'no running tenure' | 'tenure owner differs' | 'row not owned by the tenure owner';

const QUERY_TIMEOUT_MS = 5000;
/** Tenures stopped in one round at most (or STOP_SHARE of those holding an owner, if more). */
const STOPS_AT_ONCE = 3;
const STOP_SHARE = 0.1;

export function createReconcileActivities(deps: ReconcileDeps): ReconcileActivities {
  const { db, client, taskQueue } = deps;
  const graceMs = deps.graceMs ?? 5000;
  const metrics = deps.metrics ?? processMetrics;

  async function runningTenures(): Promise<Map<string, Running>> {
    const running = new Map<string, Running>();
    const query = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue.replaceAll("'", "\\'")}'`;
    for await (const w of client.workflow.list({ query })) {
      const owner = w.typedSearchAttributes?.get(OwnerAttribute);
      running.set(w.workflowId, { ownerId: typeof owner === 'string' ? owner : null, startedAt: w.startTime.getTime() });
    }
    return running;
  }

  /** The state a restarted tenure carries: the row as it is, with the reclaim decision's details. */
  async function carryFrom(row: Customer, now: Date): Promise<LifecycleState> {
    const { decided, approval } = await db.transaction().execute(async (tx) => {
      const owner = await repRow(tx, row.owner_id!);
      const { trigger, from, actorRole } = deadlineSetBy(row, now);
      const decided = await decideDeadline(deps.decisions, tx, row, owner, trigger, from, undefined, actorRole);
      const approval = await pendingApprovalOf(tx, row.id, row.tenure_id!);
      return { decided, approval };
    });
    const outcome = decided.outcome.kind === 'deadline' ? decided.outcome : null;
    // The row's deadline stands; the decision only supplies what the row does not keep.
    const sameDeadline = outcome !== null && row.deadline !== null && outcome.deadline.getTime() === row.deadline.getTime();
    return {
      customerId: row.id,
      tenureId: row.tenure_id!,
      ownerId: row.owner_id,
      stage: row.stage,
      grade: row.grade,
      deadline: row.deadline?.getTime() ?? null,
      deadlineKind: row.deadline_kind,
      deadlineReason: outcome?.reason ?? null,
      cooldownMs: outcome?.cooldownMs ?? null,
      reclaimPool: outcome?.pool ?? null,
      warnAt: sameDeadline ? (outcome.warnAt?.getTime() ?? null) : null,
      approval: approval ? { quoteId: approval.quote_id, level: approval.level, dueAt: approval.due_at?.getTime() ?? null } : null,
      // Keys of the restarted run must not meet the keys the lost run used in this tenure.
      seq: now.getTime(),
      ended: null,
    };
  }

  /**
   * Audits a repair before it is made, once per incident (the key names the run it replaces or
   * stops): a repair cut off after its act is found done by the next round and would go unaudited.
   * A repair whose act then fails is tried again by the next round under the same key.
   */
  async function audit(row: Customer, key: string, details: Record<string, unknown>, now: Date): Promise<void> {
    const idempotencyKey = `reconciled/${row.id}/${key}`;
    if (await ownershipEventSeen(db, idempotencyKey)) return;
    await appendOwnershipEvent(db, {
      customer_id: row.id,
      kind: 'reconciled',
      from_rep_id: row.owner_id,
      to_rep_id: row.owner_id,
      actor_id: null,
      reason: 'reconciled',
      tenure_id: row.tenure_id,
      rule_version: null,
      details,
      idempotency_key: idempotencyKey,
      at: now,
    }).catch((e: unknown) => {
      // The same incident audited by another round meanwhile.
      if ((e as { code?: unknown }).code !== '23505') throw e;
    });
  }

  /** Verifies one suspected mismatch against Temporal and the row, then repairs it. */
  async function repair(customerId: string, suspected: Mismatch, report: ReconcileReport): Promise<void> {
    const now = deps.clock.now();
    const handle = client.workflow.getHandle(workflowIdFor(customerId));
    const description = await handle.describe().catch((e: unknown) => {
      if (e instanceof WorkflowNotFoundError) return null;
      throw e;
    });
    let stopped: string | null = null;
    if (description?.status.name === 'RUNNING') {
      const state = await client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => handle.query(stateQuery)).catch(() => null);
      // No answer (no worker right now): nothing is known for sure; the next round tries again.
      if (!state || state.ended !== null) return;
      const row = await findCustomerRow(db, customerId);
      // Customers are never deleted once committed: no row is a read that cannot be trusted, and a
      // live deadline timer is never stopped on one.
      if (!row) return;
      const agrees = row.status === 'owned' ? state.ownerId === row.owner_id && state.tenureId === row.tenure_id : state.ownerId === null;
      if (agrees) return;
      if (row.status !== 'owned') {
        await audit(row, `stop/${description.runId}`, { repair: 'stopped', suspected, stoppedRunId: description.runId, tenureOwnerId: state.ownerId, tenureId: state.tenureId }, now);
      }
      await handle.terminate(`reconciled: ${suspected} (tenure ${state.tenureId} of ${state.ownerId ?? 'nobody'}; the database has ${row.status === 'owned' ? `tenure ${row.tenure_id} of ${row.owner_id}` : row.status})`);
      report.stopped++;
      metrics.reconcilerRepairs.inc({ kind: 'stopped' });
      stopped = description.runId;
      if (row.status !== 'owned') return;
    }
    // The row is the truth: an owned row gets its tenure back.
    const row = await findCustomerRow(db, customerId);
    if (!row || row.status !== 'owned' || !row.owner_id || !row.tenure_id) return;
    const carry = await carryFrom(row, now);
    const overdue = row.deadline !== null && row.deadline.getTime() <= now.getTime();
    await audit(
      row,
      `restart/${row.tenure_id}/${description?.runId ?? 'none'}`,
      { repair: 'restarted', suspected, overdue, deadline: row.deadline?.toISOString() ?? null, previousRun: description ? { runId: description.runId, status: description.status.name } : null, ...(stopped ? { stoppedRunId: stopped } : {}) },
      now,
    );
    try {
      await client.workflow.start(WORKFLOW_TYPE, {
        workflowId: workflowIdFor(row.id),
        taskQueue,
        args: [{ customerId: row.id, carry }],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        typedSearchAttributes: [
          { key: StageAttribute, value: row.stage ?? 'pool' },
          { key: OwnerAttribute, value: row.owner_id },
          ...(row.deadline ? [{ key: DeadlineAttribute, value: row.deadline }] : []),
        ],
      });
    } catch (e) {
      // Started meanwhile (a claim cannot race an owned row, but another reconciler can).
      if (e instanceof WorkflowExecutionAlreadyStartedError) return;
      throw e;
    }
    report.restarted++;
    if (overdue) report.overdue++;
    metrics.reconcilerRepairs.inc({ kind: overdue ? 'restarted_overdue' : 'restarted' });
  }

  return {
    /** One round: compare owned rows with running tenures and repair what disagrees. */
    async reconcileTenures(): Promise<ReconcileReport> {
      const now = deps.clock.now().getTime();
      const [running, owned] = await Promise.all([
        runningTenures(),
        ownedRows(db),
      ]);
      const report: ReconcileReport = { ownedRows: owned.length, runningTenures: running.size, restarted: 0, overdue: 0, stopped: 0 };
      const suspects = new Map<string, Mismatch>();
      const ownerOf = new Map<string, string | null>();
      for (const row of owned) {
        ownerOf.set(row.id, row.owner_id);
        if (now - row.updated_at.getTime() < graceMs) continue;
        const tenure = running.get(workflowIdFor(row.id));
        if (!tenure) suspects.set(row.id, 'no running tenure');
        else if (tenure.ownerId !== row.owner_id && now - tenure.startedAt >= graceMs) suspects.set(row.id, 'tenure owner differs');
      }
      for (const [workflowId, tenure] of running) {
        const customerId = workflowId.slice(workflowIdFor('').length);
        if (tenure.ownerId === null || now - tenure.startedAt < graceMs) continue;
        if (ownerOf.get(customerId) !== tenure.ownerId) suspects.set(customerId, 'row not owned by the tenure owner');
      }
      // Stopping a tenure ends a live deadline timer: more than a small share of them at once is
      // what a wrong read of the owned rows looks like (an empty answer), so then a second read
      // must name each again, and still only that share is stopped this round (each round reads anew).
      const holding = [...running.values()].filter((t) => t.ownerId !== null).length;
      const stopsAtOnce = Math.max(STOPS_AT_ONCE, Math.floor(holding * STOP_SHARE));
      let stops = [...suspects].filter(([, s]) => s === 'row not owned by the tenure owner');
      if (stops.length > stopsAtOnce) {
        const again = new Map((await ownedRows(db)).map((r) => [r.id, r.owner_id]));
        stops = stops.filter(([customerId]) => again.get(customerId) !== running.get(workflowIdFor(customerId))!.ownerId);
        for (const [customerId] of stops.slice(stopsAtOnce)) suspects.delete(customerId);
        report.deferred = Math.max(0, stops.length - stopsAtOnce);
      }
      const confirmed = new Set(stops.map(([customerId]) => customerId));
      for (const [customerId, suspected] of [...suspects].filter(([id, s]) => s !== 'row not owned by the tenure owner' || confirmed.has(id)).slice(0, deps.maxRepairs ?? 200)) {
        await repair(customerId, suspected, report);
      }
      return report;
    },
  };
}

