// An upload (an import, a document template) may take long to arrive over a slow line, so it has
// no deadline as a whole (Node's own request timeout, 5 minutes, still holds); but one that stops
// arriving is answered 408 REQUEST_TIMEOUT once no byte has come for the idle time, instead of
// holding a request, a connection and the parser's buffers until Node gives up. The body's stream
// is wrapped, so whoever reads it (the multipart parser) meets the refusal at its next read.
import type { MiddlewareHandler } from 'hono';
import { AppError, ErrorCode } from '../errors.js';

const stalled = (idleMs: number) =>
  new AppError(ErrorCode.REQUEST_TIMEOUT, `The upload stopped arriving: no data came for ${idleMs / 1000} s; send the file again.`);

/** Route middleware: an upload's body refused with 408 when nothing of it arrives for `idleMs`. */
export function uploadIdleDeadline(idleMs: number): MiddlewareHandler {
  return async function uploadIdleDeadline(c, next) {
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(stalled(idleMs)), idleMs);
        });
        try {
          const { done, value } = await Promise.race([reader.read(), late]);
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (e) {
          controller.error(e);
          reader.cancel().catch(() => {});
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    c.req.raw = new Request(c.req.raw, { body: stream, duplex: 'half' } as RequestInit);
    await next();
  };
}
