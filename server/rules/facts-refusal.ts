// Facts sent with a request (a test case, an explanation) that do not fit the decision's contract:
// one 400 VALIDATION_FAILED with a pointer per problem, in the caller's language.
import type { ValidationIssue } from '../../rules/validate/issues.js';
import type { Language } from '../../schemas/language.js';
import { AppError, ErrorCode } from '../errors.js';

/** The problems, each under its place in the body (`/facts`, `/expected`). */
export type PlacedIssues = [under: string, issues: readonly ValidationIssue[]][];

/** Throws the refusal when there is any problem; `subject` names what does not fit ("The test case", "测试用例"). */
export function refuseUnfit(placed: PlacedIssues, decision: string, language: Language, subject: { en: string; zh: string }): void {
  const issues = placed.flatMap(([under, list]) => list.map((i) => ({ pointer: `${under}${i.pointer}`, code: i.code, message: language === 'zh' ? i.zh : i.message })));
  if (issues.length === 0) return;
  const first = `${issues[0]!.pointer} ${issues[0]!.message}`;
  const more = issues.length - 1;
  const message =
    language === 'zh'
      ? `${subject.zh}与 ${decision} 决策不符：${first}${more > 0 ? `（另有 ${more} 处）` : ''}。`
      : `${subject.en} does not fit the ${decision} decision: ${first}${more > 0 ? ` (and ${more} more)` : ''}.`;
  throw new AppError(ErrorCode.VALIDATION_FAILED, message, { location: 'body', issues });
}
