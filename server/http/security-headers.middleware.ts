// Security headers (hono/secure-headers) on every response, and a Content-Security-Policy on the pages
// a browser renders: the admin UI (Vite-built, with Monaco) and the API docs (Swagger UI).
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';

const everywhere = {
  // nosniff, no-referrer, same-origin opener and resources come from the defaults.
  xFrameOptions: 'DENY',
  // The server speaks plain HTTP; HSTS is for whoever terminates TLS in front of it.
  strictTransportSecurity: false,
} as const;

const pagePolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Monaco and Swagger UI add <style> elements and style attributes at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // Icons inlined into CSS as data: URLs.
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  // Monaco's workers are files of the build; a worker may also be started from a blob: URL.
  workerSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const isPage = (path: string) => path === '/ui' || path.startsWith('/ui/') || path === '/docs' || path.startsWith('/docs/');

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const api = secureHeaders(everywhere);
  const page = secureHeaders({ ...everywhere, contentSecurityPolicy: pagePolicy });
  return async function securityHeaders(c, next) {
    return isPage(c.req.path) ? page(c, next) : api(c, next);
  };
}
