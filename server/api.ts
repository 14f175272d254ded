// `npm run api`: a stateless API process for production (needs DATABASE_URL and TEMPORAL_ADDRESS).
import { main } from './main.js';

await main({ api: true, worker: false }, (config) => [
  ...(config.DATABASE_URL ? [] : ['DATABASE_URL: required for a separate API process (PGlite is single-process)']),
  ...(config.TEMPORAL_ADDRESS ? [] : ['TEMPORAL_ADDRESS: required for a separate API process']),
]);
