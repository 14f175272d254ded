// PostgreSQL text cannot hold U+0000, so a NUL anywhere in a request (path, query, JSON body) is
// refused up front with a pointer to it, instead of failing later in the database.
import type { MiddlewareHandler } from 'hono';
import { AppError, ErrorCode, toPointer } from '../errors.js';
import type { AppEnv } from './app-env.js';

const NUL = '\u0000';

/** JSON pointers of the keys and strings in `value` that contain NUL (at most `max`). */
export function nulPointers(value: unknown, max = 10): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: PropertyKey[]): void => {
    if (found.length >= max) return;
    if (typeof node === 'string') {
      if (node.includes(NUL)) found.push(toPointer(path));
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, [...path, i]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key.includes(NUL)) found.push(toPointer([...path, key]));
        else walk(child, [...path, key]);
      }
    }
  };
  walk(value, []);
  return found;
}

const refuse = (location: 'path' | 'query' | 'body', pointers: string[]) =>
  new AppError(ErrorCode.VALIDATION_FAILED, `Invalid request ${location}: ${pointers[0] || '(root)'} contains a NUL character (U+0000); remove it.`, {
    location,
    issues: pointers.map((pointer) => ({ pointer, message: 'contains a NUL character (U+0000)' })),
  });

/**
 * Refuses NUL characters in the path, the query and JSON bodies with VALIDATION_FAILED. A body
 * that is not valid JSON is left to the route's validator (MALFORMED_JSON).
 */
export function refuseNulCharacters(): MiddlewareHandler<AppEnv> {
  return async function refuseNulCharacters(c, next) {
    const url = new URL(c.req.url);
    if (/%00/.test(url.pathname)) throw refuse('path', ['']);
    const query = [...url.searchParams].filter(([k, v]) => k.includes(NUL) || v.includes(NUL)).map(([k]) => toPointer([k]));
    if (query.length > 0) throw refuse('query', query);
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && /json/i.test(c.req.header('content-type') ?? '')) {
      // Hono keeps the text, so the validator's later c.req.json() reads the same body.
      const text = await c.req.text();
      // A NUL in JSON text is either the \u0000 escape or a raw byte (which is not valid JSON).
      if (/\\u0000/i.test(text)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return next();
        }
        const pointers = nulPointers(parsed);
        if (pointers.length > 0) throw refuse('body', pointers);
      }
    }
    await next();
  };
}
