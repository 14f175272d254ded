// Why a rule set decided what it did: each rule, each condition with the value it saw, pass/fail.
import { useTranslation } from 'react-i18next';
import type { Explanation } from '../api/types.js';
import { ruleText } from '../i18n/codes.js';
import { contentLanguage } from '../i18n/language.js';
import { factFieldText, factValueText, operatorText } from './outcome-params.js';

type Condition = Explanation['rules'][number]['conditions'];

/** Each condition in the reader's words: the field and operator by their labels, a value with its words; the engine's spelling in the tooltip. */
function ConditionView({ c, decision }: { c: Condition; decision: string }) {
  const { t } = useTranslation();
  const language = contentLanguage();
  const mark = <span className={c.result ? 'pass' : 'fail'}>{c.result ? '✓' : '✗'}</span>;
  switch (c.kind) {
    case 'fact':
      return (
        <li title={`${c.fact}${c.path ? ` ${c.path}` : ''} ${c.operator} ${JSON.stringify(c.value)}`}>
          {mark} <code>{factFieldText(decision, c.fact, c.path, language)}</code> {operatorText(c.operator, language)} <code>{factValueText(decision, c.fact, c.path, c.value, language)}</code>{' '}
          <span className="muted">— {t('explain.saw', { value: factValueText(decision, c.fact, c.path, c.factValue, language) })}</span>
        </li>
      );
    case 'not':
      return (
        <li>
          {mark} {t('explain.not')}
          <ul>
            <ConditionView c={c.condition} decision={decision} />
          </ul>
        </li>
      );
    case 'reference':
      return (
        <li>
          {mark} <code>{c.name}</code>
          {c.condition ? (
            <ul>
              <ConditionView c={c.condition} decision={decision} />
            </ul>
          ) : null}
        </li>
      );
    default:
      return (
        <li>
          {mark} {t(c.kind === 'all' ? 'explain.all' : 'explain.any')}
          <ul>
            {c.conditions.map((x, i) => (
              <ConditionView key={i} c={x} decision={decision} />
            ))}
          </ul>
        </li>
      );
  }
}

export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { t } = useTranslation();
  const fired = new Set(explanation.fired.map((f) => f.index));
  return (
    <ol className="explanation">
      {explanation.rules.map((r) => (
        <li key={r.index} className={fired.has(r.index) ? 'fired' : r.result ? 'passed' : 'failed'}>
          <strong>{r.name ? ruleText(r.name) : `#${r.index + 1}`}</strong> <span className="muted">{t('explain.priority', { priority: r.priority })}</span>{' '}
          {fired.has(r.index) ? <span className="badge">{t('explain.fired')}</span> : <span className="muted">{t(r.result ? 'explain.passed' : 'explain.failed')}</span>}
          <ul>
            <ConditionView c={r.conditions} decision={explanation.decision} />
          </ul>
        </li>
      ))}
    </ol>
  );
}
