// zod compiles object parsers with `new Function` unless told not to, which the admin UI's
// Content-Security-Policy (no 'unsafe-eval') refuses. Imported first by main.tsx, before any schema
// is built (zod decides per schema when it is created).
import { config } from 'zod';

config({ jitless: true });
