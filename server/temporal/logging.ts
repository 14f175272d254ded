// Installs the Temporal SDK's runtime once per process: its own logs (worker state, activity
// failures) go into the process logger, and its worker metrics (temporal_…) to a Prometheus
// listener when one is configured. Domain refusals are BENIGN failures (activity-failures.ts), which
// the SDK logs at debug, so only real failures reach the log as "Activity failed" warnings.
import { type LogLevel, type LogMetadata, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

export interface TemporalRuntimeOptions {
  /** The Rust core's own log level (default WARN). */
  coreLevel?: LogLevel;
  /** host:port where the SDK serves its worker metrics for Prometheus (GET /metrics); none when absent. */
  metricsAddress?: string | undefined;
}

let installed = false;

function runtimeExists(): boolean {
  return Runtime._instance !== undefined;
}

/** The SDK's metadata as pino logs it: its `error` under pino's `err`, so the message and stack show. */
export function logFields(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta) return {};
  const { error, ...rest } = meta as LogMetadata & { error?: unknown };
  return error === undefined ? rest : { ...rest, err: error };
}

/** Installs the Temporal runtime once per process; later calls are no-ops. */
export function installTemporalLogging(logger: Logger, options: TemporalRuntimeOptions = {}): void {
  if (installed) return;
  installed = true;
  const child = logger.child({ component: 'temporal' });
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => child[levels[level]](logFields(meta), message);
  // Something (a test's own dev server) may have created the runtime already; keep its logging.
  if (runtimeExists()) return;
  const logging = { filter: makeTelemetryFilterString({ core: options.coreLevel ?? 'WARN' }), forward: {} };
  Runtime.install({
    logger: {
      log,
      trace: (m, meta) => log('TRACE', m, meta),
      debug: (m, meta) => log('DEBUG', m, meta),
      info: (m, meta) => log('INFO', m, meta),
      warn: (m, meta) => log('WARN', m, meta),
      error: (m, meta) => log('ERROR', m, meta),
    },
    telemetryOptions: {
      logging,
      // Durations in seconds and counters ending in _total, as Prometheus names them.
      ...(options.metricsAddress
        ? { metrics: { prometheus: { bindAddress: options.metricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } }
        : {}),
    },
    // The process stops its worker itself, after draining the HTTP requests that may need it
    // (server/runtime.ts); the SDK's own signal handlers would stop it at the first SIGTERM.
    shutdownSignals: [],
  });
}
