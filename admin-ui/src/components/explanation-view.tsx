// Why a rule set decided what it did: each rule, each condition with the value it saw, pass/fail.
import { useTranslation } from 'react-i18next';
import type { Explanation } from '../api/types.js';
import { ruleText } from '../i18n/codes.js';

type Condition = Explanation['rules'][number]['conditions'];

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

function ConditionView({ c }: { c: Condition }) {
  const { t } = useTranslation();
  const mark = <span className={c.result ? 'pass' : 'fail'}>{c.result ? '✓' : '✗'}</span>;
  switch (c.kind) {
    case 'fact':
      return (
        <li>
          {mark} <code>{c.fact}{c.path ? ` ${c.path}` : ''}</code> {c.operator} <code>{show(c.value)}</code>{' '}
          <span className="muted">— {t('explain.saw', { value: show(c.factValue) })}</span>
        </li>
      );
    case 'not':
      return (
        <li>
          {mark} not
          <ul>
            <ConditionView c={c.condition} />
          </ul>
        </li>
      );
    case 'reference':
      return (
        <li>
          {mark} <code>{c.name}</code>
          {c.condition ? (
            <ul>
              <ConditionView c={c.condition} />
            </ul>
          ) : null}
        </li>
      );
    default:
      return (
        <li>
          {mark} {c.kind}
          <ul>
            {c.conditions.map((x, i) => (
              <ConditionView key={i} c={x} />
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
          <strong>{r.name ? ruleText(r.name) : `#${r.index + 1}`}</strong> <span className="muted">(priority {r.priority})</span>{' '}
          {fired.has(r.index) ? <span className="badge">{t('explain.fired')}</span> : <span className="muted">{t(r.result ? 'explain.passed' : 'explain.failed')}</span>}
          <ul>
            <ConditionView c={r.conditions} />
          </ul>
        </li>
      ))}
    </ol>
  );
}
