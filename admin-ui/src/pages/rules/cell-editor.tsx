// A decision-table cell being edited: a select for yes/no and choices, else a text input read back by parseCell.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CellInput, parseCell, type TableCell } from '../../../../schemas/decision-table/index.js';
import type { ValueWords } from './cell-words.js';

/** A cell's value as it is edited: the code the document holds. */
export const cellCode = (cell: TableCell, any: string) => {
  if (cell === null) return any;
  const v = cell.value;
  if (Array.isArray(v)) return v.map((x) => String(x)).join(', ');
  return v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
};

export function CellEditor({ cell, input, label, words, onDone }: { cell: TableCell; input: CellInput; label: string; words: ValueWords; onDone: (cell: TableCell | undefined) => void }) {
  const { t } = useTranslation();
  const [raw, setRaw] = useState(cell === null ? '' : cellCode(cell, ''));
  const commit = (value: string) => onDone(parseCell(value, input));
  const { kind, options } = input;
  if (kind === 'boolean' || kind === 'enum' || kind === 'flag') {
    const choices = kind === 'enum' ? [...(options ?? [])] : kind === 'flag' ? ['true'] : ['true', 'false'];
    return (
      <select autoFocus aria-label={label} data-testid="cell-input" value={raw} onChange={(e) => commit(e.target.value)} onBlur={() => onDone(undefined)}>
        <option value="">{t('table.any')}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {kind === 'flag' ? t('table.required') : kind === 'boolean' ? t(c === 'true' ? 'table.yes' : 'table.no') : (words(c) ?? c)}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      autoFocus
      aria-label={label}
      data-testid="cell-input"
      // Text, not type=number: a browser empties a number input typed with full-width digits (３０).
      type="text"
      inputMode={kind === 'number' ? 'decimal' : undefined}
      value={raw}
      placeholder={t('table.any')}
      onChange={(e) => setRaw(e.target.value)}
      onBlur={() => commit(raw)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(raw);
        if (e.key === 'Escape') onDone(undefined);
      }}
    />
  );
}
