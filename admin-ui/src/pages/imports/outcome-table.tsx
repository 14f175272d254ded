// Rows of an import and what each became: the customer created or filled, the customer it
// duplicates and on which keys, or the column refused and why.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportRow } from '../../api/types.js';
import { fieldLabel } from '../../components/field-labels.js';
import { useFormat } from '../../format.js';

/** A link to a customer, named by its company name when the report gives it (the reader may read it in full). */
const customerLink = (id: string, name?: string) => <Link to={`/customers/${encodeURIComponent(id)}`}>{name ?? id}</Link>;

function Details({ r }: { r: ImportRow }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parts = [];
  if (r.duplicateOf) {
    const d = r.duplicateOf;
    parts.push(
      <p key="dup" data-testid="duplicate-of">
        {t('imports.duplicateOf')}{' '}
        {d.customerId ? customerLink(d.customerId, d.companyName) : d.visibility === 'restricted' ? t('imports.restrictedCustomer') : t('imports.earlierRow', { row: d.row ?? '—' })} ·{' '}
        {t('imports.matchedOn', { keys: d.matchedOn.map((k) => t(`imports.keys.${k}`)).join(', ') })}
      </p>,
    );
  }
  for (const e of r.errors ?? []) {
    // A refusal of the row as a whole names no column and no field.
    const where = e.column || (e.field ? fieldLabel(t, e.field) : null);
    parts.push(
      <p key={`e:${e.column}:${e.field}:${e.message}`} data-testid="refusal">
        {where ? (
          <>
            <code>{where}</code>{' '}
          </>
        ) : null}
        {e.message}
      </p>,
    );
  }
  if (r.filledFields?.length) parts.push(<p key="filled">{t('imports.filled', { fields: r.filledFields.map((f) => fieldLabel(t, f)).join(', ') })}</p>);
  if (r.assignment) {
    parts.push(
      <p key="assign" className="muted">
        {r.assignment.repId ? t('imports.assignedTo', { rep: r.assignment.repName ?? r.assignment.repId }) : t('imports.notAssigned')}
        {r.assignment.reason ? ` · ${r.assignment.reason}` : ''}
      </p>,
    );
  }
  if (r.possibleDuplicates?.length) {
    parts.push(
      <p key="near" className="muted">
        {t('imports.similar')}{' '}
        {r.possibleDuplicates.map((d, i) => (
          <span key={d.customerId ?? `${i}:${d.companyName}`}>
            {i > 0 ? ', ' : ''}
            {d.customerId ? <Link to={`/customers/${encodeURIComponent(d.customerId)}`}>{d.companyName}</Link> : d.companyName}
            {f.aside(`${Math.round(d.score * 100)}%${d.row ? ` · ${t('imports.earlierRow', { row: d.row })}` : ''}`)}
          </span>
        ))}
      </p>,
    );
  }
  return parts.length ? <>{parts}</> : <>—</>;
}

export function OutcomeTable({ rows, label }: { rows: ImportRow[]; label: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('common.empty')}</p>;
  return (
    <div className="table-wrap">
      <table aria-label={label} data-testid="import-rows">
        <thead>
          <tr>
            <th>{t('imports.row')}</th>
            <th>{t('imports.outcome')}</th>
            <th>{t('imports.customer')}</th>
            <th>{t('imports.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} data-outcome={r.outcome}>
              <td>{r.row}</td>
              <td>
                <span className={`badge outcome-${r.outcome}`}>{t(`imports.outcomes.${r.outcome}`)}</span>
              </td>
              <td>{r.customerId ? customerLink(r.customerId, r.companyName ?? r.uploadedCompanyName) : (r.uploadedCompanyName ?? '—')}</td>
              <td className="wrap">
                <Details r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
