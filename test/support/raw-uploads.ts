// Uploads at the HTTP level for the limits tests: requests over node:http that may hold their body
// open or send it chunk by chunk, multipart bodies as a browser builds them, and large generated files.
import { once } from 'node:events';
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** Whether the whole request body had been handed to the socket when the answer came. */
  bodySent: boolean;
}

export interface SendOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** The whole body at once (with Content-Length unless the headers say otherwise). */
  body?: Buffer;
  /** The body chunk by chunk; without a Content-Length header it is sent chunked. */
  chunks?: Iterable<Buffer>;
  /** Never finish the body: the answer must come while it is still open. */
  holdBodyOpen?: boolean;
  agent?: http.Agent | false;
  answerWithinMs?: number;
}

/** One request over node:http; errors after the answer (the server closing on us) are ignored. */
export function sendTo(port: number, options: SendOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let bodySent = false;
    const headers = { ...options.headers };
    if (options.body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['content-length'] = String(options.body.length);
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, headers, agent: options.agent ?? false });
    const timer = setTimeout(() => {
      if (answered) return;
      req.destroy();
      reject(new Error(`no answer within ${options.answerWithinMs} ms (body sent: ${bodySent})`));
    }, options.answerWithinMs ?? 30_000);
    const responded = new Promise<void>((r) => req.once('response', () => r()));
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode!, headers: res.headers, body, bodySent });
        if (options.holdBodyOpen) req.destroy();
      });
    });
    req.on('finish', () => (bodySent = true));
    req.on('error', (e) => {
      if (answered) return;
      clearTimeout(timer);
      reject(e);
    });
    void (async () => {
      if (options.body) return void req.end(options.body);
      for (const chunk of options.chunks ?? []) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) await Promise.race([once(req, 'drain'), responded, once(req, 'close')]);
      }
      if (!options.holdBodyOpen && !answered) req.end();
    })().catch(() => {});
  });
}

/** A multipart/form-data body as a browser would send it. */
export async function multipart(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(file)]), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const request = new Request('http://upload.local/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

/**
 * `head`, then `line(0)`, `line(1)` … up to about `bytes`. Written in batches: millions of live
 * little strings would make this process (the server's too) pause for a major GC mid-upload.
 */
export const filled = (head: string, line: (i: number) => string, bytes: number) => {
  const parts: Buffer[] = [Buffer.from(head)];
  let size = head.length;
  let batch = '';
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    batch += l;
    size += l.length;
    if (batch.length >= 1024 * 1024) {
      parts.push(Buffer.from(batch));
      batch = '';
    }
  }
  parts.push(Buffer.from(batch));
  return Buffer.concat(parts);
};
