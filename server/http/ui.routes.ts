// Serves the admin UI (admin-ui/dist) under /ui/, with index.html for client-side routes (a missing
// file is a 404), and sends
// /favicon.ico to its icon.
// Static and public: every API call the UI makes carries the signed-in user's session cookie.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { AppError, ErrorCode } from '../errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function registerUi(app: OpenAPIHono<AppEnv>, distDir: string | null) {
  app.get('/', (c) => c.redirect('/ui/'));
  app.get('/ui', (c) => c.redirect('/ui/'));
  // Browsers and tools ask for /favicon.ico by habit: the UI's icon (admin-ui/public/favicon.svg), public like the UI.
  app.get('/favicon.ico', (c) => c.redirect('/ui/favicon.svg', 301));
  app.get('/ui/*', async (c) => {
    if (!distDir || !existsSync(path.join(distDir, 'index.html'))) {
      return c.text('The admin UI is not built; run "npm run build:ui" (npm start builds it when missing).', 503);
    }
    const relative = decodeURIComponent(c.req.path.slice('/ui/'.length));
    const file = path.resolve(distDir, relative);
    // Never outside the build directory, whatever the path says.
    const inside = file.startsWith(path.resolve(distDir) + path.sep);
    const isFile = inside && (await stat(file).then((s) => s.isFile()).catch(() => false));
    // A path naming a file (the build's assets, anything with an extension) that is not there is
    // missing, not a page of the UI: an old asset after a deploy must fail, not run as HTML.
    if (!isFile && (relative.startsWith('assets/') || path.extname(relative) !== '')) {
      throw new AppError(ErrorCode.NOT_FOUND, `The admin UI has no file "${relative}"; reload the page (a new version may have been deployed).`);
    }
    const target = isFile ? file : path.join(distDir, 'index.html');
    const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must always be fresh.
    const cache = isFile && relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(await readFile(target), 200, { 'content-type': type, 'cache-control': cache });
  });
}
