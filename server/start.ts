// `npm start`: API, admin UI and worker in one process; embedded PGlite and Temporal dev server
// when DATABASE_URL and TEMPORAL_ADDRESS are not set. Builds the admin UI first if it is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { adminUiDistDir, buildAdminUi } from '../admin-ui/build.js';
import { main } from './main.js';

if (!existsSync(path.join(adminUiDistDir, 'index.html'))) {
  console.log('admin UI not built yet: building admin-ui/dist (once) …');
  const { ms } = await buildAdminUi();
  console.log(`admin UI built in ${(ms / 1000).toFixed(1)} s`);
}

await main({ api: true, worker: true });
