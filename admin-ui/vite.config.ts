// The admin UI build: static files under /ui/ (the API serves admin-ui/dist there). In development
// `npx vite admin-ui` proxies the API paths to a running `npm start`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const apiPaths = ['/me', '/reps', '/teams', '/customers', '/pool', '/decisions', '/rule-sets', '/simulations', '/imports', '/reports', '/approvals', '/pools', '/holidays', '/notifications', '/webhooks'];
const apiTarget = process.env.HIGHSEAS_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  base: '/ui/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // Monaco is one large chunk by nature; it loads only on the Rules page.
    chunkSizeWarningLimit: 6000,
    // Monaco's many modules make the timing report fire on every build; it says nothing actionable.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, apiTarget])) },
});
