// Running a decision's live test cases against a version or an unsaved document; publishing
// refuses a version while any case fails.
import type { Kysely } from 'kysely';
import { type RunnableCase, runTestCases, summarize } from '../../rules/test-cases/run.js';
import type { Language } from '../../schemas/language.js';
import { shippedRuleText } from '../../schemas/shipped-rule-words.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { ExpectedOutcome, TestCaseResult } from '../../schemas/test-cases.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { listLiveCases } from './test-cases.repository.js';

export async function liveCases(db: Kysely<Database>, decision: DecisionName): Promise<RunnableCase[]> {
  return (await listLiveCases(db, decision)).map((r) => ({ id: r.id, name: r.name, facts: r.facts as Record<string, unknown>, expected: r.expected as ExpectedOutcome }));
}

export async function testDocument(db: Kysely<Database>, document: RuleSetDocument, options: { version: number | null; language: Language }): Promise<TestCaseResult[]> {
  return runTestCases(document, await liveCases(db, document.decision), options);
}

/** Throws RULE_TESTS_FAILED, listing each failure, while a live case fails against this version. */
export async function assertTestsPass(db: Kysely<Database>, document: RuleSetDocument, options: { version: number; language: Language }): Promise<void> {
  const { passed, failed } = summarize(await testDocument(db, document, options));
  if (failed.length === 0) return;
  // A shipped case by its name in the reader's language (schemas/shipped-rule-words), as the admin UI names it; an admin's as written.
  const names = failed.map((f) => `"${shippedRuleText(f.name, options.language)}"`).join(', ');
  const namesZh = failed.map((f) => `「${shippedRuleText(f.name, 'zh')}」`).join('、');
  throw new AppError(
    ErrorCode.RULE_TESTS_FAILED,
    options.language === 'zh'
      ? `${failed.length} 个测试用例未通过（${namesZh}），不能发布版本 ${options.version}。请修改规则或测试用例。`
      : `Version ${options.version} fails ${failed.length} test case${failed.length === 1 ? '' : 's'} (${names}); fix the rules or the cases before publishing.`,
    { passed, failures: failed.map((f) => ({ id: f.id, name: f.name, expected: f.expected, actual: f.actual, sentence: f.sentence })) },
  );
}
