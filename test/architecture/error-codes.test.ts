// Every error code the API can answer has words in the admin UI, in both languages, and the error
// notice picks them (instead of the server's English message). The UI may not import the server
// (layers), so the two lists are compared here.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

describe('validation errors the server builds by hand', () => {
  // Each issue carries a code of server/request-issue-words.ts (invalidRequest), so the error
  // handler words it in the reader's language. Left out: zod's own issues (worded by the handler),
  // rule-set problems (worded by their own catalogue in the request's language: validOrThrow in
  // rule-sets.service.ts, which the simulations call too; facts that do not fit a decision, in
  // facts-refusal.ts, for test cases and explanations), an event the server itself emits wrongly
  // (a programming error, never a request's).
  const WORDED_ELSEWHERE = ['server/request-issues.ts', 'server/http/errors.middleware.ts', 'server/rules/rule-sets.service.ts', 'server/rules/facts-refusal.ts', 'server/notifications/emit.ts'];
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [`${dir}/${e.name}`] : []));
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const serverFiles = () => sources(`${root}server`).map((file) => file.slice(root.length));

  it('are built with coded issues (invalidRequest), not as English-only AppErrors', () => {
    const byHand = serverFiles().filter((file) => !WORDED_ELSEWHERE.includes(file) && /new AppError\(\s*ErrorCode\.VALIDATION_FAILED/.test(readFileSync(`${root}${file}`, 'utf8')));
    expect(byHand).toEqual([]);
  });

  // A request schema's own check (a form field's refinement) words its issue by a code too
  // (codedZodIssue), or the handler keeps its English for every reader. Left out: the configuration,
  // read once at start and never a request's.
  it("and so are a request schema's own issues (codedZodIssue), not English-only custom issues", () => {
    const custom = serverFiles().filter((file) => file !== 'server/config.ts' && /addIssue\(\s*\{\s*code:\s*'custom'/.test(readFileSync(`${root}${file}`, 'utf8')));
    expect(custom).toEqual([]);
  });
});
