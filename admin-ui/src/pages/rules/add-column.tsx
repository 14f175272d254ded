// The decision table's "add column" button and the form it opens: a fact's field and an operator, each pair once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConditionColumn, columnKey, type DecisionTable, isUnfitRow } from '../../../../schemas/decision-table/index.js';
import { operatorsFor } from '../../../../schemas/decisions/contract.js';
import type { Operator, RuleSetDocument } from '../../../../schemas/rule-set.js';
import type { DecisionInfo } from '../../api/types.js';
import { inLanguage } from '../../i18n/language.js';

export function AddColumn({ info, table, document, onEdit }: { info: DecisionInfo; table: DecisionTable; document: RuleSetDocument; onEdit: (table: DecisionTable, document: RuleSetDocument) => void }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState<{ fact: string; field: string; operator: string } | null>(null);
  const { conditions, outputs } = table.columns;
  const addColumn = () => {
    if (!adding) return;
    const field = info.facts[adding.fact]?.fields[adding.field];
    if (!field) return;
    const column: ConditionColumn = { fact: adding.fact, path: `$.${adding.field}`, operator: adding.operator as Operator, type: field.type };
    const next: DecisionTable = {
      ...table,
      columns: { conditions: [...conditions, column], outputs },
      rows: table.rows.map((r) => (isUnfitRow(r) ? r : { ...r, cells: [...r.cells, null] })),
    };
    onEdit(next, document);
    setAdding(null);
  };
  const factNames = Object.keys(info.facts);
  const addFact = adding ? info.facts[adding.fact] : undefined;
  const addField = adding && addFact ? addFact.fields[adding.field] : undefined;
  // The same field and operator twice would make every row that fills both a rule the table cannot show.
  const taken = adding !== null && adding.operator !== '' && conditions.some((c) => columnKey(c) === columnKey({ fact: adding.fact, path: `$.${adding.field}`, operator: adding.operator as Operator }));

  return adding === null ? (
    <button type="button" className="secondary" data-testid="add-column" onClick={() => setAdding({ fact: factNames[0] ?? '', field: '', operator: '' })}>
      {t('table.addColumn')}
    </button>
  ) : (
    <span data-testid="add-column-form">
      <select aria-label={t('table.fact')} value={adding.fact} onChange={(e) => setAdding({ fact: e.target.value, field: '', operator: '' })}>
        {factNames.map((f) => (
          <option key={f} value={f}>
            {inLanguage(info.facts[f]!.label, i18n.language)}
          </option>
        ))}
      </select>{' '}
      <select aria-label={t('table.field')} value={adding.field} onChange={(e) => setAdding({ ...adding, field: e.target.value, operator: '' })}>
        <option value="">—</option>
        {Object.entries(addFact?.fields ?? {}).map(([name, f]) => (
          <option key={name} value={name}>
            {inLanguage(f.label, i18n.language)}
          </option>
        ))}
      </select>{' '}
      <select aria-label={t('table.operator')} value={adding.operator} onChange={(e) => setAdding({ ...adding, operator: e.target.value })}>
        <option value="">—</option>
        {(addField ? operatorsFor[addField.type] : []).map((op) => (
          <option key={op} value={op}>
            {info.operators[op]?.text ?? op}
          </option>
        ))}
      </select>{' '}
      <button type="button" disabled={!adding.field || !adding.operator || taken} onClick={addColumn}>
        {t('table.add')}
      </button>{' '}
      {taken ? <span className="muted" data-testid="column-taken">{t('table.columnTaken')}</span> : null}{' '}
      <button type="button" className="secondary" onClick={() => setAdding(null)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
