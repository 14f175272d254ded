// The admin UI build: static files under /ui/ (the API serves admin-ui/dist there). In development
// `npx vite admin-ui` proxies every path outside /ui/ to a running `npm start` (HIGHSEAS_API).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Everything but the UI itself (its files and Vite's own under /ui/) is the API's. */
const apiPaths = '^/(?!ui(/|$))';
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
  server: { proxy: { [apiPaths]: { target: apiTarget, changeOrigin: false } } },
});
