// Simulation of the editor's text against the published version over the real customers:
// progress and cancel while it runs, then changed counts, the common changes and explained examples.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { pollWhile } from '../../api/poll.js';
import { useAction } from '../../api/use-action.js';
import type { SimulationRun } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { ExplanationView } from '../../components/explanation-view.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { ruleText, useCodeText } from '../../i18n/codes.js';
import { changeText, outcomeText, type OutcomeWords } from './outcome-words.js';
import { PinTestCase } from '../pin-test-case.js';

export function SimulatePanel({ document }: { document: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const words: OutcomeWords = {
    deadline: (name, at) => t('simulate.deadlineBy', { name: code('deadline', name), at }),
    noDeadline: t('simulate.noDeadline'),
    exempt: (reason) => t('simulate.exempt', { reason: ruleText(reason) }),
  };
  const [scope, setScope] = useState<'all' | 'sample'>('all');
  const [size, setSize] = useState(1000);
  const [runId, setRunId] = useState<string | null>(null);

  const start = useAction({
    mutationFn: () => api.post<SimulationRun>('/simulations', { document, scope: scope === 'all' ? { kind: 'all' } : { kind: 'sample', size } }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    queryKey: ['simulation', runId],
    queryFn: () => api.get<SimulationRun>(`/simulations/${encodeURIComponent(runId!)}`),
    enabled: runId !== null,
    refetchInterval: pollWhile((s: SimulationRun) => s.status === 'running', 400),
  });
  const cancel = useAction({ mutationFn: () => api.post<SimulationRun>(`/simulations/${encodeURIComponent(runId!)}/cancel`), onSuccess: () => void run.refetch() });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRunId(null);
    start.mutate();
  };
  const sim = run.data;
  const result = sim?.result;

  return (
    <div className="simulate" data-testid="simulate-panel">
      <form onSubmit={submit} className="form-grid">
        <Field label={t('simulate.scope')}>
          {(id) => (
            <select id={id} value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'sample')}>
              <option value="all">{t('simulate.all')}</option>
              <option value="sample">{t('simulate.sample')}</option>
            </select>
          )}
        </Field>
        {scope === 'sample' ? (
          <Field label={t('simulate.size')}>
            {(id) => <input id={id} type="number" min={1} max={1_000_000} value={size} onChange={(e) => setSize(Number(e.target.value))} />}
          </Field>
        ) : null}
        <div className="buttons">
          <button type="submit" disabled={document === undefined || start.isPending || sim?.status === 'running'}>
            {t('simulate.run')}
          </button>
        </div>
      </form>
      <ErrorNotice error={start.error ?? run.error ?? cancel.error} />

      {sim?.status === 'running' ? (
        <div className="progress" role="status">
          <progress value={sim.processed} max={sim.total ?? undefined} />
          <span>{t('simulate.running', { processed: f.number(sim.processed), total: sim.total === null ? '…' : f.number(sim.total) })}</span>
          <button type="button" className="secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {t('simulate.cancel')}
          </button>
        </div>
      ) : null}
      {sim?.status === 'cancelled' ? <p className="notice">{t('simulate.cancelled', { processed: f.number(sim.processed) })}</p> : null}
      {sim?.status === 'failed' ? <p className="notice error">{t('simulate.failed', { error: sim.error ?? '' })}</p> : null}

      {result && sim?.status !== 'running' ? (
        <div data-testid="simulation-result">
          <dl className="stats">
            <div>
              <dt>{t('simulate.evaluated')}</dt>
              <dd data-testid="sim-evaluated">{f.number(result.evaluated)}</dd>
            </div>
            <div>
              <dt>{t('simulate.changed')}</dt>
              <dd data-testid="sim-changed">{f.number(result.changed)}</dd>
            </div>
            <div>
              <dt>{t('simulate.unchanged')}</dt>
              <dd>{f.number(result.unchanged)}</dd>
            </div>
          </dl>
          {result.transitions.length ? (
            <>
              <h3>{t('simulate.transitions')}</h3>
              <table>
                <tbody>
                  {result.transitions.map((tr) => (
                    <tr key={tr.change}>
                      <td>{changeText(tr.change, words)}</td>
                      <td>{f.number(tr.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {result.examples.length ? (
            <>
              <h3>{t('simulate.examples')}</h3>
              {result.examples.map((ex) => (
                <details key={ex.subjectId} className="example">
                  <summary>
                    {ex.subject}: {outcomeText(ex.before, words)} → {outcomeText(ex.after, words)}
                  </summary>
                  {ex.facts && runId ? <PinTestCase decision={sim!.decision} from={{ fromSimulation: { id: runId, subjectId: ex.subjectId } }} defaultName={`${ex.subject}: ${ex.before}`} /> : null}
                  <div className="grid-2">
                    <div>
                      <h4>{t('simulate.baseline')}</h4>
                      {ex.sentences?.baseline ? (
                        <p className="sentence" data-testid="decision-sentence">
                          {ex.sentences.baseline}
                        </p>
                      ) : null}
                      {ex.explanation?.baseline ? <ExplanationView explanation={ex.explanation.baseline} /> : '—'}
                    </div>
                    <div>
                      <h4>{t('simulate.candidate')}</h4>
                      {ex.sentences?.candidate ? (
                        <p className="sentence" data-testid="decision-sentence">
                          {ex.sentences.candidate}
                        </p>
                      ) : null}
                      {ex.explanation?.candidate ? <ExplanationView explanation={ex.explanation.candidate} /> : '—'}
                    </div>
                  </div>
                </details>
              ))}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
