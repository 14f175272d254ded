// Structured logs (pino); one logger made at start-up and passed down.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'highseas' }, timestamp: pino.stdTimeFunctions.isoTime });
}
