// A handover's or bulk move's per-customer reason is said in the UI's language for every code the
// server may send, never shown as the raw code.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../schemas/error-codes.js';
import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-CN.js';
import { handoverCodeText } from './handover-codes.js';

async function translator(lng: string) {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('handover reasons in words', () => {
  // Every error code a move may be refused or fail with, and the mover's own (no receiver found).
  const codes = [...Object.values(ErrorCode), 'NO_ELIGIBLE_REP'];

  it('says every code in Chinese for a Chinese reader, and in English otherwise, with no placeholder left', async () => {
    const [zh, english] = [await translator('zh-CN'), await translator('en')];
    for (const code of codes) {
      const said = handoverCodeText(zh, code);
      expect(said, code).toMatch(/[\u4e00-\u9fff]/);
      expect(said, code).not.toMatch(/\{\{|[A-Z]{3,}_[A-Z_]+/);
      expect(handoverCodeText(english, code), code).not.toMatch(/\{\{|[\u4e00-\u9fff]|^[A-Z_]+$/);
    }
    expect(handoverCodeText(zh, 'KEY_CAP_REACHED')).toBe('接收人紧密客户名额已满');
    expect(handoverCodeText(english, 'CAP_REACHED')).toBe("over the receiver's private cap");
    // A code this UI does not know yet, or one naming a branch of the messages, is no raw text either.
    expect(handoverCodeText(zh, 'SOMETHING_NEW')).toBe('未能转移（悬停查看详情）');
    expect(handoverCodeText(zh, 'other')).toBe('未能转移（悬停查看详情）');
  });
});
