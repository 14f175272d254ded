// Helpers for describing routes in OpenAPI: the error responses and the JSON body wrapper.
import type { z } from 'zod';
import { ErrorBody } from '../../schemas/errors.js';

const descriptions: Record<number, string> = {
  400: 'Malformed JSON or invalid fields; details.issues has a JSON pointer per problem.',
  401: 'Missing, unknown or revoked token.',
  403: 'The token may not do this (role, ownership or deactivated account).',
  404: 'No such resource.',
  409: 'Refused by a domain rule (owned, cap, cooldown, duplicate …); see the code.',
  413: 'The request body is larger than this route accepts (PAYLOAD_TOO_LARGE); the connection is closed after the answer.',
  408: 'The request body did not arrive within 10 s (REQUEST_TIMEOUT; requests with a body).',
  415: 'The body is not JSON.',
  429: 'Too many failed authentications (or imports) from this client or token; Retry-After says when to try again.',
  503: 'A dependency (database or workflow service) is unavailable.',
};

export function errorResponses(...statuses: number[]) {
  const all = [400, 401, 403, 408, 429, ...statuses];
  return Object.fromEntries(
    [...new Set(all)].map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/json': { schema: ErrorBody } } }]),
  );
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** An API token, or the admin UI's session cookie. */
export const bearer: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

/**
 * The OpenAPI generator writes a regex with flags as its literal minus the leading slash
 * (`^[\p{L}]+$/u`), which no tool reads as the pattern. JSON Schema patterns are ECMAScript
 * regexes read with Unicode semantics, so `u` (and `v`, `g`, `y`, `d`) is dropped; flags that
 * change what matches (`i`, `m`, `s`) cannot be written in a pattern and are refused.
 */
export function repairPattern(pattern: string): string {
  const m = /^(.*)\/([dgimsuvy]+)$/s.exec(pattern);
  // A regex's source escapes every "/", so a "/" after an even number of backslashes ends a literal.
  if (!m || /(^|[^\\])(\\\\)*\\$/.test(m[1]!)) return pattern;
  const unexpressible = m[2]!.replace(/[dguvy]/g, '');
  if (unexpressible) throw new Error(`The pattern /${m[1]}/${m[2]} has flags a JSON Schema pattern cannot carry (${unexpressible}); write it without them.`);
  return m[1]!;
}

/** The document with every `pattern` repaired (repairPattern). */
export function repairPatterns<T>(document: T): T {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') (node as Record<string, unknown>)[key] = repairPattern(value);
      else stack.push(value);
    }
  }
  return document;
}
