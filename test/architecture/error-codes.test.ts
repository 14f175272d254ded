// Every error code the API can answer has words in the admin UI, in both languages, and the error
// notice picks them (instead of the server's English message). The UI may not import the server
// (layers), so the two lists are compared here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../admin-ui/src/i18n/en.js';
import { zhCN } from '../../admin-ui/src/i18n/zh-CN.js';
import { ErrorCode } from '../../server/errors.js';

const notice = readFileSync(new URL('../../admin-ui/src/components/error-notice.tsx', import.meta.url), 'utf8');
const codes = Object.values(ErrorCode) as string[];
/** A code's words: its own key, or keys for its variants (CAP_REACHED_KEY). */
const worded = (errors: Record<string, unknown>, code: string) => Object.keys(errors).some((k) => k === code || k.startsWith(`${code}_`));

describe('error codes in the admin UI', () => {
  it('each has words in English and Chinese', () => {
    expect(codes.filter((c) => !worded(en.errors, c))).toEqual([]);
    expect(codes.filter((c) => !worded(zhCN.errors, c))).toEqual([]);
  });

  it('the error notice knows each (by name, in its list or its cases)', () => {
    expect(codes.filter((c) => !notice.includes(`'${c}'`))).toEqual([]);
  });
});
