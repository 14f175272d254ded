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
