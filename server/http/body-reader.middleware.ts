// The one place a request body that is not an upload is read: within a size limit and a deadline
// that both hold whether the body is sent with Content-Length or chunked, decoded as strict UTF-8,
// and kept in Hono's body cache, so the validators read the same text later. A client that sends
// its body a byte at a time (slowloris) gets 408 instead of holding a request, a connection and its
// buffers for as long as it likes; invalid UTF-8 is refused instead of being read as U+FFFD.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from './app-env.js';
import { invalidRequest } from '../request-issues.js';
import type { RouteBody } from './route-bodies.js';

/** How long a request body may take to arrive (REQUEST_TIMEOUT after that). */
export const BODY_DEADLINE_MS = 10_000;

export interface BodyReaderOptions {
  maxBytes: number;
  /** The error for a body over `maxBytes` (PAYLOAD_TOO_LARGE with the route's own wording). */
  tooLarge: () => AppError;
  /** Default: BODY_DEADLINE_MS. */
  deadlineMs?: number | undefined;
  /** What the matched route declares of its body (null: unknown, not checked): one that takes none refuses one, one that requires one refuses none. */
  declaredBody?: ((c: Context) => RouteBody | null) | undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or the offset of the first byte that is not part of well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { badByte: number } {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    // The longest prefix that decodes (an unfinished sequence at its end allowed) ends at the bad byte.
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const mid = (good + bad) >>> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        good = mid;
      } catch {
        bad = mid;
      }
    }
    if (bad < bytes.length) return { badByte: bad - 1 };
    // Only the end is unfinished: the sequence it cuts short starts at its lead byte.
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) if (bytes[i]! >= 0xc0) return { badByte: i };
    return { badByte: bytes.length - 1 };
  }
}

const notUtf8 = (offset: number) =>
  invalidRequest('body', [{ pointer: '', code: 'body_not_utf8', params: { offset } }], {
    message: `Invalid request body: it is not valid UTF-8 (byte ${offset}); send the text encoded as UTF-8.`,
    details: { byteOffset: offset },
  });

/** Reads the whole body, refusing it past `maxBytes` or `deadlineMs`; the rest of a refused body stays unread (the connection closes after the answer). */
async function readWithin(c: Context, body: ReadableStream<Uint8Array>, options: BodyReaderOptions, deadlineMs: number): Promise<Uint8Array> {
  const declared = c.req.header('transfer-encoding') ? null : c.req.header('content-length');
  if (declared && Number(declared) > options.maxBytes) throw options.tooLarge();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let abandoned = false;
  const read = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || abandoned) return;
      size += value.length;
      if (size > options.maxBytes) throw options.tooLarge();
      chunks.push(value);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  try {
    if ((await Promise.race([read, late])) === 'late') {
      abandoned = true;
      read.catch(() => {});
      throw new AppError(ErrorCode.REQUEST_TIMEOUT, `The request body did not arrive within ${deadlineMs / 1000} s; send it again in one go.`);
    }
  } finally {
    clearTimeout(timer);
  }
  reader.releaseLock();
  return Buffer.concat(chunks, size);
}

/** No body (or an empty one) where the route requires one: refused as an empty body sent as JSON is (MALFORMED_JSON). */
const bodyMissing = (c: Context) =>
  new AppError(ErrorCode.MALFORMED_JSON, `${c.req.method} ${c.req.path} needs a JSON body; send one with "Content-Type: application/json".`, { pointer: '' });

/** A body-less command accepts no body, an empty one or `{}`. */
const EMPTY_BODY = /^\s*(\{\s*\})?\s*$/;

/** Route middleware for bodies that are not uploads: bounded in size and time, strict UTF-8, none where the route takes none. */
export function readBody(options: BodyReaderOptions): MiddlewareHandler<AppEnv> {
  const deadlineMs = options.deadlineMs ?? BODY_DEADLINE_MS;
  return async function readBody(c, next) {
    const body = c.req.raw.body;
    if (!['POST', 'PUT', 'PATCH'].includes(c.req.method) || c.req.bodyCache.text) return next();
    const declared = options.declaredBody?.(c) ?? null;
    // Without a body (or Content-Type) the validator would read {}: a required body is refused, not replaced by nothing.
    if (!body) {
      if (declared === 'required') throw bodyMissing(c);
      return next();
    }
    const decoded = decodeUtf8(await readWithin(c, body, options, deadlineMs));
    if ('badByte' in decoded) throw notUtf8(decoded.badByte);
    if (declared === 'required' && decoded.text.trim() === '') throw bodyMissing(c);
    // A body sent without a Content-Type: the validator would read {} in its place and the body would be lost.
    if (declared !== 'none' && !c.req.header('content-type') && !EMPTY_BODY.test(decoded.text)) {
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Send the request body of ${c.req.method} ${c.req.path} as JSON with "Content-Type: application/json" (it came with no Content-Type).`);
    }
    // Hono keeps promises in its cache (its type says values). An empty body where the route's body
    // is optional is none, as it is for a command that takes no body (the validator reads {}).
    const text = declared === 'optional' && decoded.text.trim() === '' ? '{}' : decoded.text;
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    if (declared === 'none' && !EMPTY_BODY.test(decoded.text)) {
      let json = true;
      try {
        JSON.parse(decoded.text);
      } catch {
        json = false;
      }
      if (!json) throw malformedJson(decoded.text);
      throw invalidRequest('body', [{ pointer: '', code: 'takes_no_body' }], { message: `Invalid request body: ${c.req.method} ${c.req.path} takes no body; send none or {}.` });
    }
    await next();
  };
}

/**
 * MALFORMED_JSON for `text`, pointing at the fault: the whole body (pointer "") and, where the parser
 * says where it stopped, the line and column (1-based) there.
 */
export function malformedJson(text: string | undefined): AppError {
  let at: number | null = null;
  if (text !== undefined) {
    try {
      JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const position = /at position (\d+)/.exec(message);
      at = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null;
    }
  }
  if (text === undefined || at === null) return new AppError(ErrorCode.MALFORMED_JSON, 'The request body is not valid JSON.', { pointer: '' });
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return new AppError(ErrorCode.MALFORMED_JSON, `The request body is not valid JSON: it breaks off at line ${line}, column ${column}.`, { pointer: '', line, column });
}
