// The OpenAPI document and a Swagger UI page served from the swagger-ui-dist package (no CDN).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { repairPatterns } from './openapi.js';

const require = createRequire(import.meta.url);
const assetsDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>highseas API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-initializer.js"></script>
</body>
</html>`;

// A file, not an inline script, so the page's Content-Security-Policy needs no inline scripts. No
// validator badge: it would load an image from validator.swagger.io.
const initializer = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', persistAuthorization: true, validatorUrl: null });\n`;

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  const config = {
    openapi: '3.1.0',
    info: {
      title: 'highseas',
      version: '0.1.0',
      description:
        'Customer public pool (客户公海) automation. Every route except /health, /ready and the docs needs "Authorization: Bearer <token>". Errors always have the shape { error: { code, message, details, requestId } }.',
    },
    security: [{ bearer: [] }],
  };
  // Generated per request (as doc31 does), with the patterns the generator writes wrongly repaired.
  app.get('/openapi.json', (c) => c.json(repairPatterns(app.getOpenAPI31Document(config))));
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/swagger-initializer.js', (c) => c.body(initializer, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/docs/:asset', async (c) => {
    const name = c.req.param('asset');
    const type = assets[name];
    if (!type) return c.notFound();
    const body = await readFile(path.join(assetsDir, name));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
