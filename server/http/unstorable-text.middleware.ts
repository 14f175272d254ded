// PostgreSQL text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate (JSON's "\ud800"), and a
// value the database refuses inside a tenure's command must never reach it. So any such character
// in the path, the query or a JSON body (keys and values, at any depth) is refused up front with
// VALIDATION_FAILED and a pointer to each place. So is a key named "__proto__": a JavaScript object
// built from the body would lose it without a word (reserved_key).
import type { MiddlewareHandler } from 'hono';
import { type AppError, toPointer } from '../errors.js';
import type { z } from 'zod';
import { type RequestIssue, codedZodIssue, invalidRequest } from '../request-issues.js';
import { issueText } from '../request-issue-words.js';
import { TEXT_FAULT_CODES as FAULT_CODES, type TextFault, textFault } from '../../schemas/storable-text.js';
import type { AppEnv } from './app-env.js';

/**
 * A zod refinement for text no JSON body carries (a form field): refuses what PostgreSQL cannot
 * store with the issue the middleware gives, worded in the reader's language.
 *
 * @example
 * const Form = z.object({ name: z.string().superRefine(refuseUnstorable) });
 */
export function refuseUnstorable(value: string, ctx: z.RefinementCtx): void {
  const fault = textFault(value);
  if (fault) ctx.addIssue(codedZodIssue(FAULT_CODES[fault]));
}

const faultIssue = (pointer: string, fault: TextFault, key = false): RequestIssue => ({ pointer, code: FAULT_CODES[fault], ...(key ? { params: { key: 1 } } : {}) });

/** A place in a JSON value: its key and the place that holds it (paths are built only for faults). */
interface Place {
  key: PropertyKey;
  parent: Place | null;
}

function pointerOf(place: Place | null, key?: PropertyKey): string {
  const path: PropertyKey[] = key === undefined ? [] : [key];
  for (let p = place; p; p = p.parent) path.push(p.key);
  return toPointer(path.reverse());
}

/**
 * Every key and string in `value` that cannot be stored (at most `max`), walked without recursion
 * and without copying paths, so a body nested thousands of levels deep costs time linear in its
 * size and cannot overflow the stack.
 */
export function unstorableText(value: unknown, max = 10): RequestIssue[] {
  const found: RequestIssue[] = [];
  const stack: [unknown, Place | null][] = [[value, null]];
  while (stack.length > 0 && found.length < max) {
    const [node, place] = stack.pop()!;
    if (typeof node === 'string') {
      const fault = textFault(node);
      if (fault) found.push(faultIssue(pointerOf(place), fault));
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], { key: i, parent: place }]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const fault = textFault(key);
        if (fault) found.push(faultIssue(pointerOf(place, key), fault, true));
        else if (key === '__proto__') found.push({ pointer: pointerOf(place, key), code: 'reserved_key' });
        else stack.push([child, { key, parent: place }]);
      }
    }
  }
  return found;
}

function unstorableTextError(location: 'path' | 'query' | 'body', issues: RequestIssue[]): AppError {
  const first = issues[0]!;
  return invalidRequest(location, issues, { message: `Invalid request ${location}: ${first.pointer || '(root)'} ${issueText(first.code, first.params ?? {}, 'en')}; remove it.` });
}

// A NUL or a surrogate reaches JSON text only as an escape (raw bytes are not valid JSON, and
// invalid UTF-8 decodes to U+FFFD); "__proto__" as itself or with any of its letters escaped (_ o p r
// t: \u005f \u006f \u0070 \u0072 \u0074): only bodies holding such an escape or that name need a
// second look (a client escaping all non-ASCII text, as Python's json.dumps does, pays nothing more).
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2}|00(?:5[fF]|6[fF]|7[0-4]))|__proto__/;

/**
 * Refuses NUL characters and lone surrogates in the path, the query and JSON bodies. A body that
 * is not valid JSON is left to the route's validator (MALFORMED_JSON).
 */
export function refuseUnstorableText(): MiddlewareHandler<AppEnv> {
  return async function refuseUnstorableText(c, next) {
    const url = new URL(c.req.url);
    if (/%00/.test(url.pathname)) throw unstorableTextError('path', [faultIssue('', 'nul')]);
    const query = [...url.searchParams].flatMap(([k, v]) => {
      const fault = textFault(k) ?? textFault(v);
      return fault ? [faultIssue(toPointer([k]), fault)] : [];
    });
    if (query.length > 0) throw unstorableTextError('query', query);
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && /json/i.test(c.req.header('content-type') ?? '')) {
      // Hono keeps the text, so the validator's later c.req.json() reads the same body.
      const text = await c.req.text();
      if (SUSPECT_ESCAPE.test(text)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return next();
        }
        const issues = unstorableText(parsed);
        if (issues.length > 0) throw unstorableTextError('body', issues);
      }
    }
    await next();
  };
}
