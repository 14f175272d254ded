// Once per browser-test run: Chromium present (installed if missing), the admin UI built into a
// directory of its own (never touching admin-ui/dist).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildAdminUi } from '../../admin-ui/build.js';
import { ensureChromium } from './support/chromium.js';

let dir: string | undefined;

export async function setup(project: TestProject) {
  const chromium = ensureChromium();
  dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-ui-'));
  const { ms } = await buildAdminUi(path.join(dir, 'dist'));
  console.log(`[browser] admin UI built in ${(ms / 1000).toFixed(1)} s`);
  project.provide('uiDistDir', path.join(dir, 'dist'));
  project.provide('chromiumPath', chromium);
}

export async function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
