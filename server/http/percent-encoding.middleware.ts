// A path or query whose percent-encoding is broken (a lone "%", an escape that is not UTF-8) means
// nothing: it is refused up front with VALIDATION_FAILED, before a route decodes it and throws.
import type { MiddlewareHandler } from 'hono';
import { toPointer } from '../errors.js';
import type { AppEnv } from './app-env.js';
import { invalidRequest } from '../request-issues.js';

const decodes = (text: string) => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

const HINT = 'a "%" must start an escape of two hex digits, and the escapes must spell UTF-8; send a literal "%" as "%25"';

/** The JSON pointers of the query parameters that do not decode ("" when the name itself does not). */
function malformedQueryParameters(query: string): string[] {
  const pointers: string[] = [];
  for (const pair of query.split('&')) {
    const cut = pair.indexOf('=');
    const [name, value] = cut === -1 ? [pair, ''] : [pair.slice(0, cut), pair.slice(cut + 1)];
    if (!decodes(name)) pointers.push('');
    else if (!decodes(value)) pointers.push(toPointer([decodeURIComponent(name.replace(/\+/g, ' '))]));
  }
  return pointers;
}

export function refuseMalformedPercentEncoding(): MiddlewareHandler<AppEnv> {
  return async function refuseMalformedPercentEncoding(c, next) {
    // The raw request target: the parsed URL and Hono's path are already (leniently) decoded.
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('://') + 3);
    const queryAt = url.indexOf('?', start);
    const path = start === -1 ? '/' : url.slice(start, queryAt === -1 ? undefined : queryAt);
    if (!decodes(path)) {
      throw invalidRequest('path', [{ pointer: '', code: 'percent_encoding' }], { message: `Invalid request path: it is not valid percent-encoding (${HINT}).` });
    }
    const pointers = queryAt === -1 ? [] : malformedQueryParameters(url.slice(queryAt + 1).split('#')[0]!);
    if (pointers.length > 0) {
      throw invalidRequest(
        'query',
        pointers.map((pointer) => ({ pointer, code: 'percent_encoding' as const })),
        { message: `Invalid request query: ${pointers[0] || 'a parameter name'} is not valid percent-encoding (${HINT}).` },
      );
    }
    await next();
  };
}
