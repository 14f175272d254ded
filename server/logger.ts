// Structured logs (pino); one logger made at start-up and passed down. Readable lines on a
// terminal (pino-pretty, in-process: no transport thread), one JSON object a line otherwise, for
// log collectors; LOG_FORMAT overrides the guess.
import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

/** Never logged, wherever they appear in a log object: passwords, session cookies, bearer tokens. */
const REDACTED = ['password', '*.password', 'current', '*.current', 'new', '*.new', 'token', '*.token', 'cookie', '*.cookie', '*.headers.cookie', '*.headers.authorization', '*.headers["set-cookie"]'];

/** The format for `format` as configured, or from whether stdout is a terminal. */
export function logFormat(format: LogFormat | undefined, isTerminal = process.stdout.isTTY === true): LogFormat {
  return format ?? (isTerminal ? 'pretty' : 'json');
}

/** The options of every process logger (level, service name, ISO time, redaction). */
export function loggerOptions(level: string) {
  return { level, base: { service: 'highseas' }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACTED, censor: '[redacted]' } };
}

export function createLogger(level: string, format?: LogFormat): Logger {
  const options = loggerOptions(level);
  if (logFormat(format) === 'json') return pino(options);
  return pino(options, PinoPretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', sync: true }));
}
