// Debian's Chromium for the browser tests: used where it is, installed with apt-get where it is not
// (the test machines run as root), with a CJK font so zh-CN screenshots are legible. Never a
// downloaded browser, and never a skip: no browser fails the run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PACKAGES = ['chromium', 'fonts-wqy-microhei'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function apt(args: string[]) {
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
}

export function ensureChromium(log: (line: string) => void = console.log): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH is ${CHROMIUM_PATH}, which does not exist.`);
  log('Chromium is missing: installing Debian\'s packages (apt-get install -y chromium fonts-wqy-microhei, about 40 s) …');
  try {
    try {
      apt(['install', '-y', '--no-install-recommends', ...PACKAGES]);
    } catch {
      // A fresh machine may have no package lists yet.
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', ...PACKAGES]);
    }
  } catch (e) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM_PATH}, and installing it with apt-get failed (run as root, or install the "chromium" package): ${(e as Error).message}`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing.`);
  return CHROMIUM_PATH;
}
