// A session's User-Agent is shown as the browser and system people know, in the UI's language.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-CN.js';
import { sessionDevice } from './session-device.js';

async function translator(lng: string) {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n.t;
}

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
const EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91';
const SAFARI_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';

describe('a session’s device', () => {
  it('names the browser with its major version and the system, in the UI’s language', async () => {
    const [english, zh] = [await translator('en'), await translator('zh-CN')];
    expect(sessionDevice(CHROME_WINDOWS, english)).toBe('Chrome 120 on Windows 10');
    expect(sessionDevice(CHROME_WINDOWS, zh)).toBe('Windows 10 上的 Chrome 120');
    expect(sessionDevice(SAFARI_IPHONE, english)).toBe('Safari 17 on iOS 17');
    expect(sessionDevice(EDGE, english)).toBe('Microsoft Edge 120 on Windows 10');
    expect(sessionDevice(SAFARI_MAC, zh)).toBe('macOS 上的 Safari 17');
  });

  it('shows a client it does not know as it named itself, and nothing for none', async () => {
    const english = await translator('en');
    expect(sessionDevice('curl/8.5.0', english)).toBe('curl/8.5.0');
    expect(sessionDevice(null, english)).toBeNull();
    expect(sessionDevice('  ', english)).toBeNull();
  });
});
