// A JSON body must arrive within a bound: a client that sends it a byte at a time (slowloris)
// gets 408 in the one error shape instead of holding a request, a connection and its buffers for
// as long as it likes. (Uploads stream through their own parser with their own limits.)
import type { MiddlewareHandler } from 'hono';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from './app-env.js';

const JSON_BODY_DEADLINE_MS = 10_000;

export function bodyDeadline(ms = JSON_BODY_DEADLINE_MS): MiddlewareHandler<AppEnv> {
  return async function bodyDeadline(c, next) {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && /json/i.test(c.req.header('content-type') ?? '')) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), ms);
      });
      // Hono keeps the text, so the validators read the same body later.
      const read = c.req.text().then(
        () => 'read' as const,
        // A body refused while reading (too large) is answered by that reader's error.
        (e: unknown) => Promise.reject(e),
      );
      try {
        if ((await Promise.race([read, late])) === 'late') {
          read.catch(() => {});
          throw new AppError(ErrorCode.REQUEST_TIMEOUT, `The request body did not arrive within ${ms / 1000} s; send it again in one go.`);
        }
      } finally {
        clearTimeout(timer);
      }
    }
    await next();
  };
}
