// Who added, changed or removed a decision's test cases, and when; newest first.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { TestCaseChange } from '../../api/types.js';
import { useRepName } from '../../components/rep-names.js';
import { useFormat } from '../../format.js';
import { ruleText } from '../../i18n/codes.js';

export function TestCaseHistory({ decision }: { decision: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = useQuery({ queryKey: ['test-cases', decision, 'history'], queryFn: () => api.get<{ items: TestCaseChange[] }>(`/decisions/${decision}/test-cases/history`) });
  const items = history.data?.items ?? [];
  // Who by name, as reps are named everywhere.
  const nameOf = useRepName();
  return (
    <details data-testid="test-case-history">
      <summary>{t('testCases.history')}</summary>
      <ul className="plain">
        {items.map((e) => (
          <li key={e.id} data-action={e.action}>
            {f.dateTime(e.at)} · {e.by ? f.rep(e.by, nameOf(e.by)) : t('testCases.shipped')} · {t(`testCases.actions.${e.action}`)} “{ruleText((e.after ?? e.before)?.name ?? '')}”
          </li>
        ))}
      </ul>
    </details>
  );
}
