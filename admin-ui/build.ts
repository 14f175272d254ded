// Builds the admin UI with Vite's JavaScript API: for `npm run build:ui`, for `npm start` when
// admin-ui/dist is missing, and for the browser tests (into a directory of their own).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the server looks for the built UI by default. */
export const adminUiDistDir = path.join(here, 'dist');

export async function buildAdminUi(outDir: string = adminUiDistDir): Promise<{ outDir: string; ms: number }> {
  const started = performance.now();
  await build({
    configFile: path.join(here, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return { outDir, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, ms } = await buildAdminUi(process.argv[2] ? path.resolve(process.argv[2]) : adminUiDistDir);
  console.log(`admin UI built into ${path.relative(process.cwd(), outDir) || '.'} in ${(ms / 1000).toFixed(1)} s`);
}
