import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { toAppError } from '../lifecycle/lifecycle.client.js';
import type { AppEnv } from './app-env.js';
import { createErrorHandler } from './errors.middleware.js';

/** An app whose routes throw what the real ones might, and the log lines its error handler writes. */
function appThrowing(errors: Record<string, () => unknown>) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestId());
  app.onError(createErrorHandler(logger));
  for (const [path, thrown] of Object.entries(errors)) {
    app.get(path, () => {
      throw thrown();
    });
  }
  return { app, lines };
}

describe('the error handler and 500s', () => {
  const secret = 'relation "api_tokens" at 10.0.0.5:5432 ← WorkflowUpdateFailedError: Activity task failed';
  const { app, lines } = appThrowing({
    '/internal': () => new AppError(ErrorCode.INTERNAL, `failed: ${secret}`, { cause: secret }),
    '/lifecycle': () => toAppError(new Error(secret, { cause: new TypeError('x is undefined') }), () => new AppError(ErrorCode.NOT_FOUND, 'gone')),
    '/unhandled': () => new TypeError(secret),
  });

  it.each(['/internal', '/lifecycle', '/unhandled'])('%s answers a generic message and the request id, nothing of the error', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toMatch(/request id/);
    expect(text).not.toMatch(/api_tokens|10\.0\.0\.5|Workflow|TypeError|undefined/);
    // The log keeps what an operator needs, under the same request id.
    const logged = lines.find((l) => l.requestId === body.error.requestId);
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain('api_tokens');
  });

  it('keeps the details of refusals, which are meant for the client', async () => {
    const { app: refusing } = appThrowing({ '/cap': () => new AppError(ErrorCode.CAP_REACHED, 'At your cap.', { cap: 2, count: 2 }) });
    const body = (await (await refusing.request('/cap')).json()) as { error: { details: unknown } };
    expect(body.error.details).toEqual({ cap: 2, count: 2 });
  });
});
