// A session's browser and system as people say them ("Chrome 120 on Windows 10"), read from its
// User-Agent with bowser; a client bowser does not know (curl, a script) is shown as it named itself.
import Bowser from 'bowser';
import type { TFunction } from 'i18next';

/** The major version: "120.0.6099.71" → "120". */
const major = (version: string | undefined) => /^\d+/.exec(version ?? '')?.[0] ?? '';

/** The system with the version people know it by: Windows 10, Android 14, iOS 17; macOS and Linux by name (a Mac's UA no longer tells its version). */
function systemOf(os: Bowser.Parser.OSDetails): string {
  if (!os.name) return '';
  const version = os.name === 'Windows' ? (os.versionName ?? '') : os.name === 'Android' || os.name === 'iOS' ? major(os.version) : '';
  return version ? `${os.name} ${version}` : os.name;
}

/**
 * @example
 * sessionDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) … Chrome/120.0.0.0 Safari/537.36', t); // 'Chrome 120 on Windows 10'
 */
export function sessionDevice(userAgent: string | null, t: TFunction): string | null {
  if (!userAgent?.trim()) return null;
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return userAgent;
  const name = [browser.name, major(browser.version)].filter(Boolean).join(' ');
  const system = systemOf(os);
  return system ? t('account.device', { browser: name, os: system }) : name;
}
