// Shared process entry: parse config once, start the chosen roles, print where things are, stop on signals.
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startRuntime } from './runtime.js';
import { ListenError } from './http/listen.js';
import { startupLines } from './startup-message.js';

/** The process exits this long after SIGTERM or SIGINT at the latest. */
const STOP_DEADLINE_MS = 28_000;

export async function main(roles: { api: boolean; worker: boolean }, check?: (config: Config) => string[]): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
    const problems = check?.(config) ?? [];
    if (problems.length > 0) throw new ConfigError(problems);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const runtime = await startRuntime({ config, logger, ...roles }).catch((e: unknown) => {
    // A port that cannot be bound is the operator's to fix: told in one sentence, without a stack.
    if (e instanceof ListenError) console.error(`highseas could not start: ${e.message}`);
    else logger.fatal({ err: e }, 'start-up failed');
    process.exit(1);
  });

  const lines = startupLines({
    apiUrl: runtime.apiUrl,
    workerTaskQueue: roles.worker ? config.TEMPORAL_TASK_QUEUE : null,
    temporalAddress: runtime.temporalAddress,
    temporalNamespace: config.TEMPORAL_NAMESPACE,
    temporalUiUrl: runtime.temporalUiUrl,
    database: runtime.database.description,
    admin: runtime.adminBootstrap,
    publicUrl: config.PUBLIC_URL ?? null,
  });
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Whatever still runs then, the process exits before an orchestrator's kill (30 s) would cut it
    // off mid-write; unref'd, so a clean stop exits as soon as it is done.
    setTimeout(() => {
      logger.error({ afterMs: STOP_DEADLINE_MS }, 'stopping took too long; exiting now');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    const clean = await runtime.stop();
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
