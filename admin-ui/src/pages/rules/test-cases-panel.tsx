// A decision's test cases beside the editor: each with pass or fail against the editor's current
// text (the validate answer's `tests`), a failure's expected and actual outcome with its sentence,
// and, for admins, remove. Publishing refuses while a case fails.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { TestCase, TestCaseResult } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { FailureDetail } from '../../components/test-failures.js';
import { ruleText } from '../../i18n/codes.js';
import { TestCaseHistory } from './test-case-history.js';

interface Props {
  decision: string;
  /** The cases run against the editor's text; undefined while it has problems or is being checked. */
  tests: { passed: number; failed: TestCaseResult[] } | undefined;
}

export function TestCasesPanel({ decision, tests }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [notice, setNotice] = useState<string | null>(null);
  const cases = useQuery({ queryKey: ['test-cases', decision], queryFn: () => api.get<{ items: TestCase[] }>(`/decisions/${decision}/test-cases`) });
  const remove = useAction({
    mutationFn: (c: TestCase) => api.delete(`/decisions/${decision}/test-cases/${encodeURIComponent(c.id)}`),
    notice: setNotice,
    message: (_, c) => t('testCases.removed', { name: ruleText(c.name) }),
    invalidates: [['test-cases', decision]], // the list and its history
  });
  const items = cases.data?.items ?? [];
  const failures = new Map((tests?.failed ?? []).map((f) => [f.id, f]));

  return (
    <section data-testid="test-cases">
      <SuccessNotice message={notice} />
      <ErrorNotice error={cases.error ?? remove.error} />
      <p className="muted" data-testid="test-summary">
        {tests ? t('testCases.summary', { passed: tests.passed, total: tests.passed + tests.failed.length }) : t('testCases.notChecked')}
      </p>
      {cases.data && items.length === 0 ? <p>{t('testCases.none')}</p> : null}
      <ul className="plain">
        {items.map((c) => {
          const failure = failures.get(c.id);
          const status = !tests ? null : failure ? 'failed' : 'passed';
          return (
            <li key={c.id} className="card" data-testid="test-case" data-status={status ?? 'unknown'}>
              <p>
                <strong>{ruleText(c.name)}</strong>
                {status ? <> <span className={`badge ${status}`}>{t(`testCases.${status}`)}</span></> : null}
              </p>
              {failure ? <FailureDetail failure={failure} /> : null}
              {me.role === 'admin' ? (
                <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(c)}>
                  {t('testCases.remove')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <TestCaseHistory decision={decision} />
    </section>
  );
}
