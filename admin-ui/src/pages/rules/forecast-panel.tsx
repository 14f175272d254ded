// The forecast of the editor's reclaim, assignment or caps rules (POST /forecasts): reclaims per day
// under the published version and the editor's side by side, as a chart and a table, with the
// customers behind each bar; per rep and reason; moved deadlines; assignments; each rep against the
// private cap today and at the horizon's end (at it, or over it by how many).
import { type FormEvent, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Forecast } from '../../api/types.js';
import { PALETTE } from '../../charts/setup.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { useCodeText } from '../../i18n/codes.js';

type Side = 'baseline' | 'candidate';

export function ForecastPanel({ document }: { document: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const [days, setDays] = useState(14);
  const [picked, setPicked] = useState<{ date: string; side: Side } | null>(null);
  // The days start on today where the reader is (as the dashboard's reports do).
  const run = useAction({ mutationFn: () => api.post<Forecast>('/forecasts', { document, days, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }), onSuccess: () => setPicked(null) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  const r = run.data;
  const sideLabel = (s: Side) => t(s === 'baseline' ? 'forecast.published' : 'forecast.editor');
  const pickedDay = picked && r ? r.reclaims[picked.side].perDay.find((d) => d.date === picked.date) : undefined;

  return (
    <section className="forecast" data-testid="forecast-panel">
      <h3>{t('forecast.title')}</h3>
      <p className="muted">{t('forecast.intro')}</p>
      <form onSubmit={submit} className="form-grid">
        <Field label={t('forecast.days')}>
          {(id) => (
            <select id={id} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {[7, 14, 30].map((n) => (
                <option key={n} value={n}>
                  {t('forecast.daysOption', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="buttons">
          <button type="submit" disabled={document === undefined || run.isPending}>
            {t('forecast.run')}
          </button>
        </div>
      </form>
      <ErrorNotice error={run.error} />
      {r ? (
        <div data-testid="forecast-result">
          <p data-testid="forecast-total">{t('forecast.total', { days: r.days, baseline: f.number(r.reclaims.baseline.total), candidate: f.number(r.reclaims.candidate.total) })}</p>
          <h4>{t('forecast.reclaims')}</h4>
          <div className="chart" role="img" aria-label={t('forecast.reclaims')} data-testid="forecast-chart">
            <Bar
              data={{
                labels: r.reclaims.baseline.perDay.map((d) => d.date.slice(5)),
                datasets: (['baseline', 'candidate'] as const).map((side, i) => ({
                  label: sideLabel(side),
                  data: r.reclaims[side].perDay.map((d) => d.count),
                  backgroundColor: PALETTE[i],
                })),
              }}
              options={{
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                onClick: (_event, elements) => {
                  const e = elements[0];
                  if (!e) return;
                  const side = e.datasetIndex === 0 ? 'baseline' : 'candidate';
                  setPicked({ side, date: r.reclaims[side].perDay[e.index]!.date });
                },
              }}
            />
          </div>
          <table data-testid="forecast-days">
            <thead>
              <tr>
                <th>{t('forecast.day')}</th>
                <th>{sideLabel('baseline')}</th>
                <th>{sideLabel('candidate')}</th>
              </tr>
            </thead>
            <tbody>
              {r.reclaims.baseline.perDay.map((d, i) => {
                const c = r.reclaims.candidate.perDay[i]!;
                return (
                  <tr key={d.date} data-date={d.date}>
                    <td>{d.date}</td>
                    {[d, c].map((x, k) => (
                      <td key={k}>
                        {x.count > 0 ? (
                          <button type="button" className="link" onClick={() => setPicked({ date: x.date, side: k === 0 ? 'baseline' : 'candidate' })}>
                            {f.number(x.count)}
                          </button>
                        ) : (
                          '0'
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {picked && pickedDay ? (
            <div data-testid="forecast-customers">
              <h4>{t('forecast.customersOn', { date: picked.date, side: sideLabel(picked.side) })}</h4>
              <ul className="plain">
                {pickedDay.customers.map((c) => (
                  <li key={c.id}>
                    <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {r.deadlines ? <p data-testid="forecast-moved">{t('forecast.moved', r.deadlines)}</p> : null}
          <div className="grid-2">
            <CountTable title={t('forecast.perRep')} head={t('forecast.rep')} rows={(s) => r.reclaims[s].perRep.map((x) => [x.name, x.count])} sides={sideLabel} />
            <CountTable title={t('forecast.perReason')} head={t('forecast.reason')} rows={(s) => r.reclaims[s].perReason.map((x) => [x.reason, x.count])} label={(reason) => code('reason', reason)} sides={sideLabel} />
          </div>
          {r.assignments ? (
            <CountTable title={t('forecast.assignments')} head={t('forecast.target')} rows={(s) => r.assignments![s].map((x) => [x.target, x.count])} sides={sideLabel} />
          ) : null}
          {r.caps ? (
            <>
              <h4>{t('forecast.caps')}</h4>
              <table data-testid="forecast-caps">
                <thead>
                  <tr>
                    <th>{t('forecast.rep')}</th>
                    <th>{t('forecast.owned')}</th>
                    <th>{t('forecast.ownedAfter')}</th>
                    <th>
                      {t('forecast.cap')}
                      {f.aside(sideLabel('baseline'))}
                    </th>
                    <th>
                      {t('forecast.cap')}
                      {f.aside(sideLabel('candidate'))}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.caps.map((c) => (
                    <tr key={c.repId}>
                      <td>{c.name}</td>
                      <td>{f.number(c.owned)}</td>
                      <td>{f.number(c.ownedAfter)}</td>
                      {[c.baseline, c.candidate].map((x, k) => (
                        <td key={k} className={x.atCap ? 'over' : ''} data-side={k === 0 ? 'baseline' : 'candidate'}>
                          {f.number(x.privateMax)} <CapBadge over={x.over} atCap={x.atCap} />
                          <div className="muted">
                            {t('forecast.atEnd', { days: r.days })}: {x.end.privateMax !== x.privateMax ? `${f.number(x.end.privateMax)} ` : ''}
                            <CapBadge over={x.end.over} atCap={x.end.atCap} />
                          </div>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <p className="muted">{t('forecast.evaluated', { count: r.evaluated, ms: r.durationMs })}</p>
        </div>
      ) : null}
    </section>
  );
}

/** At the cap, or over it by so many customers; nothing when under it. */
function CapBadge({ over, atCap }: { over: number; atCap: boolean }) {
  const { t } = useTranslation();
  if (over > 0) return <span className="badge warn">{t('forecast.over', { count: over })}</span>;
  return atCap ? <span className="badge">{t('forecast.atCap')}</span> : <span>{t('forecast.underCap')}</span>;
}

/** One count per label under each version, side by side. */
/** Counts per key under both versions; `label` tells a key (a reason's code) in words. */
function CountTable({ title, head, rows, label = (k) => k, sides }: { title: string; head: string; rows: (s: Side) => [string, number][]; label?: (key: string) => string; sides: (s: Side) => string }) {
  const before = new Map(rows('baseline'));
  const after = new Map(rows('candidate'));
  const labels = [...new Set([...before.keys(), ...after.keys()])];
  return (
    <div>
      <h4>{title}</h4>
      <table>
        <thead>
          <tr>
            <th>{head}</th>
            <th>{sides('baseline')}</th>
            <th>{sides('candidate')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => (
            <tr key={l}>
              <td>{label(l)}</td>
              <td>{before.get(l) ?? 0}</td>
              <td>{after.get(l) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
