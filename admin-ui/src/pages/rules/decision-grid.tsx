// The decision-table view: a rule set as a DMN-like grid (one column per tested field and operator,
// one per event parameter, one row per rule, an empty cell meaning "any"). Every edit turns the
// table back into a document with fromTable and hands it to the workspace, which regenerates the
// JSON text (so validation, save and publish work unchanged). Rules that do not fit open in the text view.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CellInput, type ConditionColumn, conditionInput, type DecisionTable, fromTable, isUnfitRow, moveRow, paramInput, type TableCell, type TableRow } from '../../../../schemas/decision-table/index.js';
import type { FieldSpec } from '../../../../schemas/decisions/contract.js';
import type { RuleSetDocument } from '../../../../schemas/rule-set.js';
import type { DecisionInfo } from '../../api/types.js';
import { asideText } from '../../format.js';
import { contentLanguage, inLanguage } from '../../i18n/language.js';
import { AddColumn } from './add-column.js';
import { CellEditor, cellCode } from './cell-editor.js';
import { cellText, conditionWords, paramWords, type ValueWords } from './cell-words.js';
import type { Problem } from './use-server-validation.js';

export interface GridProps {
  info: DecisionInfo;
  table: DecisionTable;
  document: RuleSetDocument;
  warnings: Problem[];
  /** The errors of the table's document: a row an error points into is marked, and the error named by the row, not by a line of JSON text the table does not show. */
  errors: Problem[];
  /** A new table and the document it stands for. */
  onEdit: (table: DecisionTable, document: RuleSetDocument) => void;
  onOpenText: () => void;
}

/** The contract's spec of a fact column's field. */
function fieldOf(info: DecisionInfo, column: ConditionColumn): FieldSpec | undefined {
  if ('condition' in column || column.path === undefined) return undefined;
  const fields = info.facts[column.fact]?.fields;
  const name = column.path.slice(2);
  return fields && Object.hasOwn(fields, name) ? fields[name] : undefined;
}

export function DecisionGrid({ info, table, document, warnings, errors, onEdit, onOpenText }: GridProps) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const { conditions, outputs } = table.columns;
  const flagged = new Set(warnings.flatMap((w) => (/^\/rules\/\d+$/.test(w.pointer) ? [Number(w.pointer.slice('/rules/'.length))] : [])));
  const ruleOf = (pointer: string) => ruleIndexOf(pointer)?.toString();
  const broken = new Set(errors.flatMap((e) => (ruleOf(e.pointer) === undefined ? [] : [Number(ruleOf(e.pointer))])));
  const rowLabel = (i: number) => table.rows[i]?.name ?? t('table.rowN', { n: i + 1 });

  /** Applies an edit: the document it stands for, with rows numbered as its rules. */
  const apply = (next: DecisionTable) => {
    const doc = fromTable(next, document);
    onEdit({ ...next, rows: next.rows.map((r, i) => ({ ...r, index: i })) }, doc);
    setEditing(null);
  };
  const setRow = (i: number, row: TableRow) => apply({ ...table, rows: table.rows.map((r, j) => (j === i ? row : r)) });
  const move = (i: number, by: number) => apply(moveRow(table, i, i + by));
  const events = Object.keys(info.events);
  const addRow = () => {
    // The event of the row above (a new reclaim row is a deadline, not the won customers' exempt at the top).
    const above = table.rows.filter((r): r is TableRow => !isUnfitRow(r)).at(-1)?.event;
    const row: TableRow = { index: -1, name: t('table.newRowName', { n: table.rows.length + 1 }), cells: conditions.map(() => null), event: above ?? outputs[0]?.type ?? events[0] ?? '', outputs: outputs.map(() => null) };
    apply({ ...table, rows: [...table.rows, row] });
  };

  const header = (c: ConditionColumn) => {
    if ('condition' in c) return { field: c.condition, op: '' };
    const field = fieldOf(info, c);
    const name = field ? inLanguage(field.label, i18n.language) : `${c.fact}${c.path ? `.${c.path.slice(2)}` : ''}`;
    return { field: name, op: info.operators[c.operator]?.text ?? c.operator };
  };
  const paramLabel = (type: string, param: string) => {
    const p = info.events[type]?.params[param];
    return p ? inLanguage(p.label, i18n.language) : param;
  };
  const any = t('table.any');
  const language = contentLanguage(i18n.language);
  const yesNo = { yes: t('table.yes'), no: t('table.no'), unknown: t('table.unknown') };
  const policy = table.hitPolicy;
  const rowWarnings = warnings.filter((w) => !/^\/rules\/\d+$/.test(w.pointer));

  return (
    <div className="decision-grid" data-testid="decision-grid">
      <p>
        <strong className="hit-policy" data-testid="hit-policy" title={t(`table.hitPolicy.${policy}`)}>
          {policy === 'first' ? 'F' : 'C'}
        </strong>{' '}
        {t(`table.hitPolicy.${policy}`)}
      </p>
      {errors.length > 0 ? (
        <div className="notice error" data-testid="table-errors">
          <ul className="plain">
            {errors.map((e) => {
              const at = ruleOf(e.pointer);
              return (
                <li key={`${e.pointer}:${e.message}`} data-testid="table-error" data-pointer={e.pointer}>
                  {at === undefined ? e.message : `${rowLabel(Number(at))}: ${e.message}`}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="notice warning" data-testid="table-warnings">
          <ul className="plain">
            {[...rowWarnings, ...warnings.filter((w) => !rowWarnings.includes(w))].map((w) => (
              <li key={`${w.pointer}:${w.message}`} data-testid="table-warning" data-pointer={w.pointer}>
                {w.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div style={{ overflowX: 'auto' }} data-testid="grid-scroll">
        <table>
          <thead>
            <tr>
              <th>{t('table.name')}</th>
              <th>{t('table.priority')}</th>
              {conditions.map((c, i) => {
                const h = header(c);
                return (
                  <th key={`c${i}`} data-testid="condition-column">
                    {h.field} {h.op ? <code>{h.op}</code> : null}
                  </th>
                );
              })}
              <th>{t('table.event')}</th>
              {outputs.map((o, i) => (
                <th key={`o${i}`} data-testid="output-column" className="output">
                  {paramLabel(o.type, o.param)}
                  <span className="muted">{asideText(o.type, language)}</span>
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => {
              const warned = flagged.has(i);
              const error = broken.has(i) || undefined;
              const moves = (
                <>
                  <button type="button" className="secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('table.moveUp')} title={t('table.moveUp')}>
                    ↑
                  </button>
                  <button type="button" className="secondary" disabled={i === table.rows.length - 1} onClick={() => move(i, 1)} aria-label={t('table.moveDown')} title={t('table.moveDown')}>
                    ↓
                  </button>
                  <button type="button" className="secondary" onClick={() => apply({ ...table, rows: table.rows.filter((_, j) => j !== i) })} aria-label={t('table.deleteRow')} title={t('table.deleteRow')}>
                    ✕
                  </button>
                </>
              );
              if (isUnfitRow(row)) {
                return (
                  <tr key={i} data-testid="table-row" data-unfit="true" data-warned={warned || undefined} data-error={error} className={warned ? 'warned' : undefined} style={error ? { background: '#fef2f2' } : warned ? { background: '#fefce8' } : undefined}>
                    <td>{row.name ?? ''}</td>
                    <td>{row.priority ?? ''}</td>
                    <td colSpan={conditions.length + outputs.length + 1}>
                      <span className="muted">{t('table.unfit')}</span>{' '}
                      <button type="button" className="link" data-testid="open-in-text" onClick={onOpenText}>
                        {t('table.openInText')}
                      </button>
                    </td>
                    <td>{moves}</td>
                  </tr>
                );
              }
              const cellTd = (key: string, cell: TableCell, input: CellInput, label: string, words: ValueWords, set: (c: TableCell) => void, disabled = false) => (
                <td key={key} data-testid="table-cell" data-cell={key} className={disabled ? 'muted' : 'editable'}>
                  {editing === `${i}:${key}` ? (
                    <CellEditor cell={cell} input={input} label={label} words={words} onDone={(c) => (c === undefined ? setEditing(null) : set(c))} />
                  ) : (
                    <button type="button" className="link" disabled={disabled} onClick={() => setEditing(`${i}:${key}`)} aria-label={label} title={cell === null || disabled ? undefined : cellCode(cell, any)}>
                      {disabled ? '' : input.kind === 'flag' && cell !== null && cell.value === true ? t('table.required') : cell === null ? any : cellText(cell.value, words, yesNo)}
                    </button>
                  )}
                </td>
              );
              return (
                <tr key={i} data-testid="table-row" data-name={row.name ?? ''} data-warned={warned || undefined} data-error={error} className={warned ? 'warned' : undefined} style={error ? { background: '#fef2f2' } : warned ? { background: '#fefce8' } : undefined}>
                  <td>
                    <input aria-label={t('table.name')} style={{ width: '14em' }} defaultValue={row.name ?? ''} key={`n${row.name}`} onBlur={(e) => e.target.value !== (row.name ?? '') && setRow(i, withOptional(row, 'name', e.target.value.trim() || undefined))} />
                  </td>
                  <td>
                    <input
                      aria-label={t('table.priority')}
                      type="number"
                      style={{ width: '4.5em' }}
                      defaultValue={row.priority ?? ''}
                      key={`p${row.priority}`}
                      onBlur={(e) => {
                        const p = e.target.value.trim() === '' ? undefined : Math.trunc(Number(e.target.value));
                        if (p !== row.priority) setRow(i, withOptional(row, 'priority', p));
                      }}
                    />
                  </td>
                  {conditions.map((c, k) => {
                    const h = header(c);
                    return cellTd(`c${k}`, row.cells[k] ?? null, conditionInput(c, fieldOf(info, c)), `${row.name ?? i + 1}: ${h.field} ${h.op}`, conditionWords(fieldOf(info, c), language), (cell) => setRow(i, { ...row, cells: row.cells.map((x, j) => (j === k ? cell : x)) }));
                  })}
                  <td>
                    <select aria-label={t('table.event')} value={row.event} onChange={(e) => setRow(i, { ...row, event: e.target.value })}>
                      {(events.includes(row.event) ? events : [row.event, ...events]).map((ev) => (
                        <option key={ev} value={ev}>
                          {info.events[ev] ? inLanguage(info.events[ev].label, i18n.language) : ev}
                        </option>
                      ))}
                    </select>
                  </td>
                  {outputs.map((o, k) => {
                    return cellTd(`o${k}`, row.outputs[k] ?? null, paramInput(info.events[o.type]?.params[o.param]), `${row.name ?? i + 1}: ${paramLabel(o.type, o.param)}`, paramWords(o.param, language), (cell) => setRow(i, { ...row, outputs: row.outputs.map((x, j) => (j === k ? cell : x)) }), o.type !== row.event);
                  })}
                  <td style={{ whiteSpace: 'nowrap' }}>{moves}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" className="secondary" data-testid="add-row" onClick={addRow}>
          {t('table.addRow')}
        </button>{' '}
        <AddColumn info={info} table={table} document={document} onEdit={onEdit} />
      </p>
    </div>
  );
}

/** The row with an optional key set, or removed when undefined. */
function withOptional(row: TableRow, key: 'name' | 'priority', value: string | number | undefined): TableRow {
  const next: TableRow = { ...row };
  if (value === undefined) delete next[key];
  else Object.assign(next, { [key]: value });
  return next;
}

/** The rule (the table's row) a pointer into the document falls in, e.g. "/rules/2/event" → 2; none for the document as a whole. */
export function ruleIndexOf(pointer: string): number | undefined {
  const at = /^\/rules\/(\d+)(?:\/|$)/.exec(pointer)?.[1];
  return at === undefined ? undefined : Number(at);
}
