// Rules: the five decisions with their published versions, and a workspace for the one chosen.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router';
import { api } from '../../api/client.js';
import type { DecisionInfo } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { inLanguage } from '../../i18n/language.js';
import { DecisionWorkspace } from './decision-workspace.js';

export function RulesPage() {
  const { t, i18n } = useTranslation();
  const { decision } = useParams();
  const decisions = useQuery({ queryKey: ['decisions'], queryFn: () => api.get<{ items: DecisionInfo[] }>('/decisions') });
  const items = decisions.data?.items ?? [];
  const current = items.find((d) => d.name === decision) ?? items[0];

  return (
    <div className="rules">
      <nav className="decisions" aria-label={t('rules.decisions')}>
        <h1>{t('rules.title')}</h1>
        <ErrorNotice error={decisions.error} />
        <ul className="plain">
          {items.map((d) => (
            <li key={d.name}>
              <NavLink to={`/rules/${d.name}`} className={d.name === current?.name ? 'active' : ''} data-testid={`decision-${d.name}`}>
                <strong>{inLanguage(d.label, i18n.language)}</strong> <code className="muted">{d.name}</code>
                <span className="muted" data-testid={`published-${d.name}`}>
                  {d.published ? t('rules.published', { version: d.published.version }) : t('rules.nonePublished')}
                </span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {current ? <DecisionWorkspace key={current.name} info={current} /> : <p>{t('common.loading')}</p>}
    </div>
  );
}
