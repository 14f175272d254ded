// The server's verdict on the editor's text: every problem with its line, each a jump to the place;
// then the analysis's warnings in yellow (they block neither saving nor publishing).
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice.js';
import type { Problem, ValidationState } from './use-server-validation.js';

/**
 * `rowOf`: in the decision-table view, the table row a problem's pointer falls in (null: none); the
 * problems are then named by row, as the table names them, not by a line of the JSON it hides.
 */
export function ProblemsList({ state, onJump, rowOf }: { state: ValidationState; onJump: (p: Problem) => void; rowOf?: ((pointer: string) => string | null) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="problems" aria-live="polite" data-testid="problems" data-status={state.status}>
      <h3>{t('rules.problems')}</h3>
      {state.status === 'checking' ? <p className="muted">{t('rules.checking')}</p> : null}
      {state.status === 'syntax' ? <p className="notice error">{t('rules.syntax')}</p> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error} /> : null}
      {state.status === 'done' && state.problems.length === 0 ? <p className="notice success">{t('rules.noProblems')}</p> : null}
      {state.status === 'done' && state.problems.length > 0 ? (
        <ul className="plain">
          {state.problems.map((p) => (
            <li key={`${p.pointer}:${p.line}:${p.column}:${p.message}`} data-testid="problem" data-line={p.line} data-column={p.column} data-code={p.code}>
              {rowOf ? (
                <strong data-testid="problem-row">{rowOf(p.pointer) ?? t('table.wholeTable')}</strong>
              ) : (
                <>
                  <button type="button" className="link" onClick={() => onJump(p)}>
                    {t('rules.problemAt', { line: p.line, column: p.column })}
                  </button>{' '}
                  {p.pointer.startsWith('/source') ? null : <code>{p.pointer || '/'}</code>}
                </>
              )}{' '}
              <span data-testid="problem-message">{p.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {state.status === 'done' && state.warnings.length > 0 ? (
        <div className="notice warning" data-testid="warnings">
          <p>{t('rules.warnings', { count: state.warnings.length })}</p>
          <ul className="plain">
            {state.warnings.map((w) => (
              <li key={`${w.pointer}:${w.line}:${w.column}:${w.message}`} data-testid="warning" data-line={w.line} data-column={w.column} data-code={w.code}>
                <button type="button" className="link" onClick={() => onJump(w)}>
                  {t('rules.problemAt', { line: w.line, column: w.column })}
                </button>{' '}
                <span data-testid="warning-message">{w.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
