// An answer given before the request body has fully arrived (401, 413, 415 …) closes the
// connection, so a keep-alive client never sends its next request on a connection whose unread
// body the server would still be draining or about to drop. The close lingers: the rest of the
// body is read and discarded for a bounded time, because closing a socket with unread data resets
// it, and a client still writing its body would see the reset instead of the answer.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/** How long, and how much, a closing connection keeps discarding a body after the answer. */
const LINGER_MS = 2_000;
const LINGER_MAX_BYTES = 32 * 1024 * 1024;

/** Replaces the socket's destroySoon (what Node calls after a `Connection: close` answer) with a lingering close. */
function lingerOnClose(incoming: IncomingMessage) {
  const socket = incoming.socket as Socket;
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    // Whoever was reading the body (a body-limit reader, a stream adapter) is done with it.
    incoming.removeAllListeners('data');
    let discarded = 0;
    incoming.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_MAX_BYTES) this.destroy();
    });
    incoming.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    // The client read the answer and closed its side.
    this.once('end', () => this.destroy());
  };
}

export function closeWhenBodyUnread(): MiddlewareHandler {
  return async function closeWhenBodyUnread(c, next) {
    await next();
    // @hono/node-server passes the Node request as env.incoming; in-process calls have none.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || incoming.complete || !incoming.socket) return;
    c.header('connection', 'close');
    lingerOnClose(incoming);
  };
}
