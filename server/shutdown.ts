// Stopping the process in order with every step bounded: what the runtime starts it registers as a
// step, and SIGTERM undoes the steps in reverse, leaving behind whatever does not stop in time.
import type { ServerType } from '@hono/node-server';
import type { Logger } from 'pino';

// Shutdown bounds: together well under the 30 s an orchestrator waits before it kills the process
// (main.ts exits at its own deadline whatever still runs). Requests are answered within 15 s (R13);
// ones still running after the drain are cut.
export const HTTP_DRAIN_MS = 10_000;
/** Running activities may finish for this long after the worker is told to stop, then are cancelled. */
export const WORKER_SHUTDOWN_GRACE_MS = 5_000;
/** Then the worker stops whatever still runs (a local activity stuck on a lock, say). */
export const WORKER_SHUTDOWN_FORCE_MS = 10_000;
/** Every other step (closing a connection, the dev server, the database pool). */
export const CLOSE_STEP_MS = 2_000;

interface StopStep {
  name: string;
  run(): Promise<unknown>;
  boundMs: number;
}

/** Resolves true when `work` settles within `ms`, false when it is abandoned. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops taking connections and waits (bounded) for the requests in flight; then cuts what is left. */
export async function drainHttp(server: ServerType, boundMs: number): Promise<void> {
  const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection falls idle once its response is sent; it would hold the server open.
  const sweep = setInterval(() => http.closeIdleConnections?.(), 100);
  try {
    if (!(await within(closed, boundMs))) {
      http.closeAllConnections?.();
      await closed;
      throw new Error(`requests still running after ${boundMs} ms were cut`);
    }
  } finally {
    clearInterval(sweep);
  }
}

export interface StopSequence {
  /** Registers a step; steps run in reverse order of registration. */
  add(name: string, run: () => Promise<unknown>, boundMs?: number): void;
  /** Runs every step once; false when one failed or was left behind. */
  run(): Promise<boolean>;
}

export function createStopSequence(logger: Logger): StopSequence {
  const steps: StopStep[] = [];
  return {
    add: (name, run, boundMs = CLOSE_STEP_MS) => void steps.push({ name, run, boundMs }),
    async run() {
      let clean = true;
      for (const s of steps.splice(0).reverse()) {
        const settled = await within(
          s.run().catch((e: unknown) => {
            clean = false;
            logger.warn({ err: e, step: s.name }, 'error while stopping');
          }),
          s.boundMs,
        );
        if (!settled) {
          clean = false;
          logger.warn({ step: s.name, boundMs: s.boundMs }, 'did not stop in time; left behind');
        }
      }
      return clean;
    },
  };
}
