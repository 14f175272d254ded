// The decision workspace's side tabs: problems with save/publish, test cases, simulation and forecast, version history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSetInfo } from '../../api/types.js';
import type { DecisionTable } from '../../../../schemas/decision-table/index.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Tabs } from '../../components/tabs.js';
import { ruleIndexOf } from './decision-grid.js';
import { ForecastPanel } from './forecast-panel.js';
import { ProblemsList } from './problems-list.js';
import { PublishForm } from './publish-form.js';
import { SimulatePanel } from './simulate-panel.js';
import { TestCasesPanel } from './test-cases-panel.js';
import type { Problem, ValidationState } from './use-server-validation.js';
import { VersionsPanel } from './versions-panel.js';

interface Props {
  decision: string;
  validation: ValidationState;
  /** The editor's text has no problems: it can be saved and published. */
  valid: boolean;
  /** Its test cases' results and its document, while it is valid. */
  tests: Extract<ValidationState, { status: 'done' }>['tests'];
  document: unknown;
  /** The table the table view shows: problems are then named by its rows. */
  table: DecisionTable | undefined;
  notice: string | null;
  error: unknown;
  busy: boolean;
  onJump: (p: Problem) => void;
  onSave: (comment: string) => void;
  onPublish: (comment: string) => void;
  versions: RuleSetInfo[];
  onOpen: (v: RuleSetInfo) => void;
  onCompare: (before: RuleSetInfo, after: RuleSetInfo) => void;
  onRolledBack: (message: string) => Promise<void>;
}

export function WorkspaceSide({ decision, validation, valid, tests, document, table, notice, error, busy, onJump, onSave, onPublish, versions, onOpen, onCompare, onRolledBack }: Props) {
  const { t } = useTranslation();
  const [side, setSide] = useState<'problems' | 'tests' | 'simulate' | 'versions'>('problems');
  return (
    <aside className="workspace-side">
      <Tabs
        label={t('rules.title')}
        tabs={[
          { key: 'problems', label: t('rules.problems') },
          { key: 'tests', label: t('testCases.tab') },
          { key: 'simulate', label: t('rules.simulate') },
          { key: 'versions', label: t('rules.versions') },
        ]}
        selected={side}
        onSelect={setSide}
      >
        <SuccessNotice message={notice} />
        <ErrorNotice error={error} />
        {side === 'problems' ? (
          <>
            <ProblemsList
              state={validation}
              rowOf={
                table
                  ? (pointer) => {
                      const at = ruleIndexOf(pointer);
                      return at === undefined ? null : (table.rows[at]?.name ?? t('table.rowN', { n: at + 1 }));
                    }
                  : undefined
              }
              onJump={onJump}
            />
            <PublishForm
              disabled={!valid}
              busy={busy}
              onSave={onSave}
              onPublish={onPublish}
            />
          </>
        ) : side === 'tests' ? (
          <TestCasesPanel decision={decision} tests={tests} />
        ) : side === 'simulate' ? (
          <>
            <SimulatePanel document={document} />
            {decision === 'reclaim' || decision === 'assignment' || decision === 'caps' ? <ForecastPanel document={document} /> : null}
          </>
        ) : (
          <VersionsPanel
            decision={decision}
            versions={versions}
            onOpen={onOpen}
            onCompare={onCompare}
            onRolledBack={onRolledBack}
          />
        )}
      </Tabs>
    </aside>
  );
}
