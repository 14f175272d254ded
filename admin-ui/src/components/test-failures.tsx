// Failing test cases in words: each case's name, what it expected and what happened (rules fired
// with their params), and the sentence that explains the actual outcome. Shown by the test-cases
// panel and for a publish refused with RULE_TESTS_FAILED.
import { useTranslation } from 'react-i18next';
import type { ActualOutcome, ExpectedOutcome } from '../api/types.js';
import { ruleText } from '../i18n/codes.js';
import { contentLanguage } from '../i18n/language.js';
import { paramsText } from './outcome-params.js';

export interface Failure {
  name: string;
  expected: ExpectedOutcome;
  actual: ActualOutcome;
  sentence: string;
}


/**
 * The rules fired, each by its name in the reader's words; a shipped rule's name said in other words
 * than it is stored with is followed by the stored name, which a case compares: a rule renamed to
 * the words shown is another rule, and the two lines would otherwise read the same.
 */
export function OutcomeLine({ fired }: { fired: { name: string | null; params?: Record<string, unknown> | undefined }[] }) {
  const { t } = useTranslation();
  if (fired.length === 0) return <>{t('testCases.nothingFires')}</>;
  const named = (name: string) => {
    const shown = ruleText(name);
    return shown === name ? shown : `${shown}${t('testCases.storedName', { name })}`;
  };
  return <>{fired.map((f) => `${f.name ? named(f.name) : '—'}${paramsText(f.params, contentLanguage())}`).join(' → ')}</>;
}

export function FailureDetail({ failure }: { failure: Failure }) {
  const { t } = useTranslation();
  return (
    <dl className="test-failure">
      <dt>{t('testCases.expected')}</dt>
      <dd data-testid="test-expected">
        <OutcomeLine fired={failure.expected.fired} />
      </dd>
      <dt>{t('testCases.actual')}</dt>
      <dd data-testid="test-actual">
        <OutcomeLine fired={failure.actual.fired} />
      </dd>
      <dd className="sentence" data-testid="test-sentence">
        {failure.sentence}
      </dd>
    </dl>
  );
}

export function TestFailures({ failures }: { failures: Failure[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain test-failures" aria-label={t('testCases.failures')}>
      {failures.map((f) => (
        <li key={f.name} data-testid="test-failure">
          <strong>{ruleText(f.name)}</strong>
          <FailureDetail failure={f} />
        </li>
      ))}
    </ul>
  );
}
