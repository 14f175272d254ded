// Worker bootstrap: runs the lifecycle workflows and their activities on one task queue.
import { existsSync, readFileSync } from 'node:fs';
import { NativeConnection, Worker, type WorkflowBundle, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities.js';
import { activityFailureInterceptors } from './activity-failures.js';
import { activityContextInterceptors } from './activity-context.js';
import { buildWorkflowBundle } from '../../workflows/bundle.js';

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A pre-built bundle (path or code); built from source when absent. */
  workflowBundle?: WorkflowBundleOption | undefined;
  identity?: string;
  /** Workflows kept in memory between tasks; evicted ones are replayed from history when needed. */
  maxCachedWorkflows?: number | undefined;
  /** More activities on the same worker (tests register fault points this way). */
  extraActivities?: Record<string, (...args: never[]) => Promise<unknown>> | undefined;
  /** After shutdown(): how long running activities may finish before they are cancelled (ms). */
  shutdownGraceMs?: number | undefined;
  /** After shutdown(): when the worker stops whatever still runs (ms); unbounded when absent. */
  shutdownForceMs?: number | undefined;
}

export async function loadWorkflowBundle(codePath?: string): Promise<WorkflowBundle> {
  if (codePath && existsSync(codePath)) return { code: readFileSync(codePath, 'utf8') };
  return buildWorkflowBundle();
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await buildWorkflowBundle()),
    activities: { ...createActivities(options), ...options.extraActivities },
    interceptors: { activity: [activityFailureInterceptors, activityContextInterceptors] },
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    ...(options.shutdownGraceMs !== undefined ? { shutdownGraceTime: options.shutdownGraceMs } : {}),
    ...(options.shutdownForceMs !== undefined ? { shutdownForceTime: options.shutdownForceMs } : {}),
    // A replacement worker should pick up a stopped worker's workflows quickly.
    stickyQueueScheduleToStartTimeout: '2 seconds',
  });
}
