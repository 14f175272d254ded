// Requests Node's HTTP parser refuses before the app sees them (headers or a URL over its limit, a
// body longer than its Content-Length, a malformed request line) are answered in the one error shape,
// with a request id, and the connection closed; Node's own answer is an empty 400 or 431.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, errorStatus } from '../../schemas/errors.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The answer to a request the parser refused with `code` (Node's error code), as raw HTTP. */
export function clientErrorAnswer(code: string | undefined, requestId = randomUUID()): string {
  const [errorCode, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [ErrorCode.HEADERS_TOO_LARGE, 'The request line and headers are larger than the server reads (16 KiB); send a shorter address or fewer headers.']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [ErrorCode.REQUEST_TIMEOUT, 'The request did not arrive in time; send it again.']
        : [ErrorCode.VALIDATION_FAILED, 'The request is not well-formed HTTP (a body longer than its Content-Length, or a malformed request line or header); nothing was read.'];
  const status = errorStatus[errorCode];
  const body = JSON.stringify({ error: { code: errorCode, message, requestId } });
  return [
    `HTTP/1.1 ${status} ${REASONS[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Answers the parser's refusals on `server` in the one error shape. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection reset, or one whose answer has begun (as Node's own handler checks), has nobody to tell.
    if (err.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: { _headerSent?: boolean } | null })._httpMessage?._headerSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorAnswer(err.code));
  });
}
