// The file's columns and the field each is imported into. Recognised headers (Chinese or English)
// come mapped by the server; the others can be given a field here and previewed again: a job's kept
// upload, or (when the upload was refused for want of a company name column) the file sent again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../../components/field-labels.js';
import { IMPORT_FIELDS } from './import-fields.js';

interface Props {
  mapping: Record<string, string>;
  unmapped: string[];
  /** Absent when the upload can no longer be previewed again (a running job, an expired upload): the mapping is only shown. */
  onApply?: ((mapping: Record<string, string>) => void) | undefined;
  pending?: boolean;
  /** The upload was refused: no column was recognised as the company name; one must be picked. */
  missingCompany?: boolean;
}

export function ColumnMapping({ mapping, unmapped, onApply, pending = false, missingCompany = false }: Props) {
  const { t } = useTranslation();
  // The job does not keep the header's order (its mapping is an object): mapped columns in the order
  // of the fields, then the unrecognised ones as the file has them.
  const rank = (c: string) => (IMPORT_FIELDS as readonly string[]).indexOf(mapping[c] ?? '');
  const columns = [...Object.keys(mapping).sort((a, b) => rank(a) - rank(b)), ...unmapped];
  const [draft, setDraft] = useState<Record<string, string>>(mapping);
  const changed = columns.some((c) => (draft[c] ?? '') !== (mapping[c] ?? ''));
  const chosen = Object.fromEntries(Object.entries(draft).filter(([, f]) => f !== ''));
  const taken = (column: string) => new Set(Object.entries(chosen).filter(([c]) => c !== column).map(([, f]) => f));
  const hasCompany = Object.values(chosen).includes('companyName');

  return (
    <div className="card" data-testid="column-mapping">
      <h3>{t('imports.mapping')}</h3>
      {missingCompany ? (
        <p className="notice" role="status" data-testid="mapping-needed">
          {t('imports.mappingNeeded')}
        </p>
      ) : null}
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
          <button type="button" className="secondary" disabled={!changed || !hasCompany || pending} onClick={() => onApply(chosen)}>
            {t('imports.previewAgain')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
