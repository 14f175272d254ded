// The file's columns and the field each is imported into. Recognised headers (Chinese or English)
// come mapped by the server; the others can be given a field here and previewed again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, IMPORT_FIELDS } from './import-fields.js';

interface Props {
  mapping: Record<string, string>;
  unmapped: string[];
  /** Absent when the file is not at hand (a job opened from the list): the mapping is only shown. */
  onApply?: (mapping: Record<string, string>) => void;
  pending?: boolean;
}

export function ColumnMapping({ mapping, unmapped, onApply, pending = false }: Props) {
  const { t } = useTranslation();
  // The job does not keep the header's order (its mapping is an object): mapped columns in the order
  // of the fields, then the unrecognised ones as the file has them.
  const rank = (c: string) => (IMPORT_FIELDS as readonly string[]).indexOf(mapping[c] ?? '');
  const columns = [...Object.keys(mapping).sort((a, b) => rank(a) - rank(b)), ...unmapped];
  const [draft, setDraft] = useState<Record<string, string>>(mapping);
  const changed = columns.some((c) => (draft[c] ?? '') !== (mapping[c] ?? ''));
  const chosen = Object.fromEntries(Object.entries(draft).filter(([, f]) => f !== ''));
  const taken = (column: string) => new Set(Object.entries(chosen).filter(([c]) => c !== column).map(([, f]) => f));

  return (
    <div className="card" data-testid="column-mapping">
      <h3>{t('imports.mapping')}</h3>
      <p className="muted">{t(onApply ? 'imports.mappingHelp' : 'imports.mappingReadOnly')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('imports.column')}</th>
              <th>{t('imports.field')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => {
              const others = taken(column);
              return (
                <tr key={column} data-column={column} data-mapped={mapping[column] ? 'true' : 'false'}>
                  <td>{column}</td>
                  <td>
                    {onApply ? (
                      <select aria-label={t('imports.fieldFor', { column })} value={draft[column] ?? ''} onChange={(e) => setDraft({ ...draft, [column]: e.target.value })}>
                        {mapping[column] ? null : <option value="">{t('imports.notImported')}</option>}
                        {IMPORT_FIELDS.map((f) => (
                          <option key={f} value={f} disabled={others.has(f)}>
                            {fieldLabel(t, f)}
                          </option>
                        ))}
                      </select>
                    ) : mapping[column] ? (
                      fieldLabel(t, mapping[column])
                    ) : (
                      <span className="muted">{t('imports.notImported')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {onApply ? (
        <div className="buttons">
          <button type="button" className="secondary" disabled={!changed || pending} onClick={() => onApply(chosen)}>
            {t('imports.previewAgain')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
