// The readiness checks behind /ready: the database answers, Temporal answers, and a worker polls the
// task queue (without one, every lifecycle command would wait for nobody).
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves when ready; throws NotReady with a public reason, or any error (logged, not shown). */
  check(): Promise<void>;
}

/** A dependency is up but not ready; the message is safe to show on the public /ready. */
export class NotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReady';
  }
}

/**
 * An idle worker's long poll lasts up to a minute (the server's long-poll interval) and the server
 * records a poller when its poll begins, so a live worker's last poll may be a minute old.
 */
const POLLER_SEEN_WITHIN_MS = 90_000;

type TemporalTimestamp = { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;
const timestampMs = (ts: TemporalTimestamp) => (ts ? Number(ts.seconds ?? 0) * 1000 + (ts.nanos ?? 0) / 1e6 : 0);

export interface ReadinessDeps {
  db: Kysely<Database>;
  connection: Connection;
  namespace: string;
  taskQueue: string;
}

export function readinessChecks(deps: ReadinessDeps): ReadinessCheck[] {
  const { TaskQueueType, TaskQueueKind } = proto.temporal.api.enums.v1;
  return [
    {
      name: 'database',
      check: async () => {
        // The answer is read, not only awaited: a database that answers nothing is not ready (pglite-connection.ts).
        const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(deps.db);
        if (rows[0]?.ok !== 1) throw new NotReady('the database answered select 1 with nothing');
      },
    },
    { name: 'temporal', check: async () => void (await deps.connection.workflowService.getSystemInfo({})) },
    {
      name: 'worker',
      check: async () => {
        // A worker polls both kinds of task; either missing stalls the lifecycle.
        for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
          const described = await deps.connection.workflowService.describeTaskQueue({
            namespace: deps.namespace,
            taskQueue: { name: deps.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            taskQueueType,
          });
          // Compared with the wall clock, not the app's clock: the times are the Temporal server's.
          const recent = (described.pollers ?? []).some((p) => Date.now() - timestampMs(p.lastAccessTime) < POLLER_SEEN_WITHIN_MS);
          if (!recent) throw new NotReady(`no worker polls task queue ${deps.taskQueue}`);
        }
      },
    },
  ];
}
