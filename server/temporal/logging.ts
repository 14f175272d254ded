// Routes the Temporal SDK's own logs (worker state, activity failures) into the process logger.
import { type LogLevel, type LogMetadata, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

let installed = false;

function runtimeExists(): boolean {
  return Runtime._instance !== undefined;
}

/** Installs the Temporal runtime once per process; later calls are no-ops. */
export function installTemporalLogging(logger: Logger, coreLevel: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  const child = logger.child({ component: 'temporal' });
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => child[levels[level]](meta ?? {}, message);
  // Something (a test's own dev server) may have created the runtime already; keep its logging.
  if (runtimeExists()) return;
  Runtime.install({
    logger: {
      log,
      trace: (m, meta) => log('TRACE', m, meta),
      debug: (m, meta) => log('DEBUG', m, meta),
      info: (m, meta) => log('INFO', m, meta),
      warn: (m, meta) => log('WARN', m, meta),
      error: (m, meta) => log('ERROR', m, meta),
    },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: coreLevel }), forward: {} } },
    // The process stops its worker itself, after draining the HTTP requests that may need it
    // (server/runtime.ts); the SDK's own signal handlers would stop it at the first SIGTERM.
    shutdownSignals: [],
  });
}
