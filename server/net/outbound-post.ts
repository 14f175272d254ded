// One outbound POST to a destination the policy allows, checked on the addresses actually dialled:
// a literal host before connecting, a name inside the socket's own lookup (so DNS cannot rebind
// between the check and the connection). Redirects are answers, never followed; only the start of
// the answer is read.
import http from 'node:http';
import https from 'node:https';
import type { DestinationPolicy } from './public-destination.js';

export interface OutboundAnswer {
  status: number;
  /** The start of the answer's body (at most maxAnswerBytes, decoded as UTF-8). */
  text: string;
}

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  maxAnswerBytes: number;
  destinations: DestinationPolicy;
}

/** Thrown when the receiver did not answer within the timeout. */
class OutboundTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

export function postChecked(url: string, post: OutboundPost): Promise<OutboundAnswer> {
  const target = new URL(url);
  // Throws DestinationRefused; net never calls `lookup` for a literal address.
  post.destinations.assertReachable(target.hostname);
  const client = target.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(post.timeoutMs);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(signal.aborted ? new OutboundTimeout(post.timeoutMs) : e);
    };
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: post.destinations.lookup,
        // A fresh connection per attempt: a pooled socket would skip the lookup.
        agent: false,
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).subarray(0, post.maxAnswerBytes).toString('utf8') });
          res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= post.maxAnswerBytes) done();
        });
        res.on('end', done);
        // Cut off mid-answer (timeout, reset): the status is known, so it is the answer.
        res.on('close', done);
        res.on('error', () => done());
      },
    );
    req.on('error', fail);
    req.end(post.body);
  });
}
