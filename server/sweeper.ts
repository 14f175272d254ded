// A process's periodic sweep (stale simulations, pending rollouts): at once and then every
// `everyMs`, one round at a time, a failed round logged and tried again at the next tick.
import type { Logger } from 'pino';

export interface Sweeper {
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

export function startSweeper(round: () => Promise<unknown>, options: { everyMs: number; logger: Logger; name: string }): Sweeper {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const sweep = () => {
    if (busy) return;
    busy = true;
    running = round()
      .catch((e) => options.logger.warn({ err: e }, `${options.name} failed; will retry`))
      .finally(() => (busy = false));
  };
  sweep();
  const timer = setInterval(sweep, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
