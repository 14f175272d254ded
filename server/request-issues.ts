// Validation errors the server finds by itself, past the zod schemas (an unknown team, a password
// too easy to guess, a follow-up in the future): each issue is kept as a code with its values beside
// the English sentence, so the HTTP layer words it again in the reader's language
// (http/errors.middleware.ts), as it words zod's own issues. The words are in request-issue-words.ts.
import type { Language } from '../schemas/language.js';
import { AppError, ErrorCode } from './errors.js';
import { type IssueCode, type IssueParams, issueText, isIssueCode } from './request-issue-words.js';

export type { IssueCode, IssueParams };

/** One problem at one place: what it is (a code of the catalogue) and the values its words name. */
export interface RequestIssue {
  pointer: string;
  code: IssueCode;
  params?: IssueParams;
}

/** An issue as the API answers it: the sentence, and the code and values it was worded from. */
export interface WordedIssue {
  pointer: string;
  message: string;
  code?: string;
  params?: IssueParams;
}

const PARTS_ZH: Record<string, string> = { body: '请求体', query: '查询参数', param: '路径参数', form: '表单', header: '请求头', path: '请求路径' };

/** The summary of a refused request part: its first issue and how many more. */
export function invalidRequestWords(where: string, first: { pointer: string; message: string } | undefined, more: number, language: Language): string {
  const zh = language === 'zh';
  const part = zh ? (PARTS_ZH[where] ?? where) : where;
  if (!first) return zh ? `${part}无效` : `Invalid request ${where}`;
  const pointer = first.pointer || (zh ? '（根）' : '(root)');
  if (zh) return `${part}无效：${pointer} ${first.message}${more > 0 ? `（另有 ${more} 处）` : ''}`;
  return `Invalid request ${where}: ${pointer} ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`;
}

/** The issue in `language`, with its code and values. */
export const wordIssue = (i: RequestIssue, language: Language): WordedIssue => ({
  pointer: i.pointer,
  message: issueText(i.code, i.params ?? {}, language),
  code: i.code,
  ...(i.params ? { params: i.params } : {}),
});

/**
 * VALIDATION_FAILED for `location` (body, query, form …) with every issue coded. The message is
 * `message` when given (an English sentence saying more than the first issue), else the summary of
 * the issues as zod's are summed up; `details` adds to the details (never `issues` or `location`).
 *
 * @example
 * throw invalidRequest('body', [{ pointer: '/teamId', code: 'unknown', params: { what: 'team', id } }]);
 */
export function invalidRequest(location: string | null, issues: readonly RequestIssue[], options: { message?: string; details?: Record<string, unknown> } = {}): AppError {
  const worded = issues.map((i) => wordIssue(i, 'en'));
  const message = options.message ?? invalidRequestWords(location ?? 'body', worded[0], worded.length - 1, 'en');
  return new AppError(ErrorCode.VALIDATION_FAILED, message, { ...options.details, ...(location ? { location } : {}), issues: worded });
}

/**
 * A zod custom issue (for `ctx.addIssue`) of a catalogue issue: its English words as the message,
 * its code and values in the issue's params, so the validation hook words it in the reader's
 * language and answers its code, as it does invalidRequest's.
 *
 * @example
 * z.string().superRefine((v, ctx) => v.includes('\u0000') && ctx.addIssue(codedZodIssue('text_nul')));
 */
export const codedZodIssue = (code: IssueCode, params?: IssueParams) => ({
  code: 'custom' as const,
  message: issueText(code, params ?? {}, 'en'),
  params: { issue: code, ...(params ? { values: params } : {}) },
});

/** The catalogue issue a zod issue carries (codedZodIssue), or null for any other. */
export function carriedIssue(issue: { code: string; params?: Record<string, unknown> | undefined }): { code: IssueCode; params?: IssueParams } | null {
  const p = issue.code === 'custom' ? issue.params : undefined;
  if (!p || typeof p.issue !== 'string' || !isIssueCode(p.issue)) return null;
  return { code: p.issue, ...(p.values && typeof p.values === 'object' ? { params: p.values as IssueParams } : {}) };
}

const coded = (i: unknown): i is WordedIssue & { code: IssueCode } =>
  typeof i === 'object' && i !== null && typeof (i as WordedIssue).code === 'string' && isIssueCode((i as WordedIssue).code!);

/**
 * A validation error in `language`: each coded issue worded again, the message the summary of the
 * issues in that language. English (the words it was thrown with), an error with no coded issue or
 * another error is returned as it is.
 */
export function inLanguage(error: AppError, language: Language): AppError {
  if (language === 'en' || error.code !== ErrorCode.VALIDATION_FAILED) return error;
  const issues = error.details?.issues;
  if (!Array.isArray(issues) || !issues.some(coded)) return error;
  const worded = issues.map((i) => (coded(i) ? { ...i, message: issueText(i.code, i.params ?? {}, language) } : i)) as WordedIssue[];
  const where = typeof error.details?.location === 'string' ? error.details.location : 'body';
  return new AppError(error.code, invalidRequestWords(where, worded[0], worded.length - 1, language), { ...error.details, issues: worded });
}
