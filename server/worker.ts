// `npm run worker`: a worker process for production (needs DATABASE_URL and TEMPORAL_ADDRESS).
import { main } from './main.js';

await main({ api: false, worker: true }, (config) => [
  ...(config.DATABASE_URL ? [] : ['DATABASE_URL: required for a separate worker process (PGlite is single-process)']),
  ...(config.TEMPORAL_ADDRESS ? [] : ['TEMPORAL_ADDRESS: required for a separate worker process']),
]);
