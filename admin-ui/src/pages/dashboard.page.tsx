// The dashboard (R10): funnel with conversion per stage and per rep, workload against caps, reclaims
// over time by reason; charts with the numbers beside them as tables.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client.js';
import type { ContributionReport, DisputesReport, FunnelReport, ReclaimsReport, Team, WorkloadReport } from '../api/types.js';
import { useMe } from '../auth/session.js';
import { FunnelChart } from '../charts/funnel-chart.js';
import { ReclaimsChart } from '../charts/reclaims-chart.js';
import '../charts/setup.js';
import { WorkloadChart } from '../charts/workload-chart.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';
import { useFormat } from '../format.js';
import { ruleText, useCodeText } from '../i18n/codes.js';

const PERIODS = [7, 30, 90, 365];
const DAY_MS = 86_400_000;

export function DashboardPage() {
  const { t } = useTranslation();
  const code = useCodeText();
  const f = useFormat();
  const me = useMe();
  const [days, setDays] = useState(30);
  const [teamId, setTeamId] = useState('');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  // Whole minutes, so the query keys stay stable between renders.
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString();
  const from = new Date(Date.parse(to) - days * DAY_MS).toISOString();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const scope = me.role === 'admin' ? { teamId } : {};

  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams'), enabled: me.role === 'admin' });
  const funnel = useQuery({ queryKey: ['funnel', from, teamId], queryFn: () => api.get<FunnelReport>(`/reports/funnel${query({ from, to, ...scope })}`) });
  const workload = useQuery({ queryKey: ['workload', teamId], queryFn: () => api.get<WorkloadReport>(`/reports/workload${query(scope)}`) });
  const reclaims = useQuery({
    queryKey: ['reclaims', from, teamId, bucket],
    queryFn: () => api.get<ReclaimsReport>(`/reports/reclaims${query({ from, to, bucket, timeZone, ...scope })}`),
  });
  const contributions = useQuery({ queryKey: ['contributions-report', from, teamId], queryFn: () => api.get<ContributionReport>(`/reports/contributions${query({ from, to, ...scope })}`) });
  const disputes = useQuery({ queryKey: ['disputes-report', from, teamId], queryFn: () => api.get<DisputesReport>(`/reports/disputes${query({ from, to, ...scope })}`) });
  const stageKeys = funnel.data?.reps[0]?.stages.map((s) => s.stage) ?? ['claimed', 'inquiry', 'quote', 'sample', 'won'];

  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <form className="filters card" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('dashboard.period')}>
          {(id) => (
            <select id={id} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {PERIODS.map((d) => (
                <option key={d} value={d}>
                  {t('dashboard.lastDays', { count: d })}
                </option>
              ))}
            </select>
          )}
        </Field>
        {me.role === 'admin' ? (
          <Field label={t('dashboard.team')}>
            {(id) => (
              <select id={id} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('dashboard.allTeams')}</option>
                {teams.data?.items.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={t('dashboard.bucket')}>
          {(id) => (
            <select id={id} value={bucket} onChange={(e) => setBucket(e.target.value as 'day' | 'week')}>
              <option value="day">{t('dashboard.byDay')}</option>
              <option value="week">{t('dashboard.byWeek')}</option>
            </select>
          )}
        </Field>
      </form>

      <div className="grid-2">
        <article className="card">
          <h2>{t('dashboard.funnel')}</h2>
          <ErrorNotice error={funnel.error} />
          {funnel.data ? (
            <>
              <FunnelChart stages={funnel.data.stages} />
              <table data-testid="funnel-table">
                <thead>
                  <tr>
                    <th>{t('fields.stage')}</th>
                    <th>{t('dashboard.customers')}</th>
                    <th>{t('dashboard.conversion')}</th>
                  </tr>
                </thead>
                <tbody>
                  {funnel.data.stages.map((s) => (
                    <tr key={s.stage}>
                      <td>{t(`dashboard.stages.${s.stage}`)}</td>
                      <td>{f.number(s.customers)}</td>
                      <td>{f.percent(s.conversion)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </article>
        <article className="card">
          <h2>{t('dashboard.workload')}</h2>
          <ErrorNotice error={workload.error} />
          {workload.data ? <WorkloadChart reps={workload.data.reps} /> : null}
        </article>
      </div>

      <article className="card">
        <h2>{t('dashboard.reclaims')}</h2>
        <ErrorNotice error={reclaims.error} />
        {reclaims.data ? (
          <>
            <p className="muted">
              {t('dashboard.total', { count: reclaims.data.total })}
              {reclaims.data.reasons.length ? ` · ${reclaims.data.reasons.map((r) => `${code('reason', r.reason)} ${r.count}`).join(' · ')}` : ''}
            </p>
            <ReclaimsChart report={reclaims.data} />
          </>
        ) : null}
      </article>

      <article className="card">
        <h2>{t('collaborators.contributions.report')}</h2>
        <ErrorNotice error={contributions.error} />
        {contributions.data ? (
          <div className="table-wrap">
            <table data-testid="contributions-report">
              <thead>
                <tr>
                  <th>{t('fields.name')}</th>
                  <th>{t('collaborators.contributions.customers')}</th>
                  <th>{t('collaborators.contributions.asCollaborator')}</th>
                  <th>{t('collaborators.contributions.followUps')}</th>
                  <th>{t('collaborators.contributions.stages')}</th>
                  <th>{t('collaborators.contributions.quotes')}</th>
                  <th>{t('collaborators.contributions.shareSum')}</th>
                </tr>
              </thead>
              <tbody>
                {contributions.data.reps.map((r) => (
                  <tr key={r.repId}>
                    <td>{r.name}</td>
                    <td>{f.number(r.customers)}</td>
                    <td>{f.number(r.asCollaborator)}</td>
                    <td>{f.number(r.followUps)}</td>
                    <td>{f.number(r.stages)}</td>
                    <td>{f.number(r.approvedQuotes)}</td>
                    <td>{f.number(r.shareSum)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {contributions.data.reps.length === 0 ? <p className="muted">{t('collaborators.contributions.empty')}</p> : null}
          </div>
        ) : null}
      </article>

      <article className="card">
        <h2>{t('disputes.report.title')}</h2>
        <ErrorNotice error={disputes.error} />
        {disputes.data ? (
          <div className="table-wrap">
            <table data-testid="disputes-report">
              <thead>
                <tr>
                  <th>{t('disputes.report.decision')}</th>
                  <th>{t('disputes.report.rule')}</th>
                  <th>{t('disputes.report.filed')}</th>
                  <th>{t('disputes.statuses.open')}</th>
                  <th>{t('disputes.statuses.upheld')}</th>
                  <th>{t('disputes.statuses.reassigned')}</th>
                </tr>
              </thead>
              <tbody>
                {disputes.data.rules.map((r) => (
                  <tr key={`${r.decision}/${r.ruleSetId ?? ''}/${r.ruleName ?? ''}`}>
                    <td>{t(`customer.decisionNames.${r.decision}`, { defaultValue: r.decision === 'cooldown' ? t('disputes.report.cooldown') : r.decision })}</td>
                    <td>{r.ruleName ? `${ruleText(r.ruleName)}${r.ruleSetVersion ? f.aside(`v${r.ruleSetVersion}`) : ''}` : '—'}</td>
                    <td>{f.number(r.filed)}</td>
                    <td>{f.number(r.open)}</td>
                    <td>{f.number(r.upheld)}</td>
                    <td>{f.number(r.reassigned)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {disputes.data.rules.length === 0 ? <p className="muted">{t('disputes.report.empty')}</p> : null}
          </div>
        ) : null}
      </article>

      <article className="card">
        <h2>{t('dashboard.perRep')}</h2>
        <div className="table-wrap">
          <table data-testid="per-rep-table">
            <thead>
              <tr>
                <th>{t('fields.name')}</th>
                {stageKeys.map((s) => (
                  <th key={s}>{t(`dashboard.stages.${s}`)}</th>
                ))}
                <th>{t('dashboard.owned')}</th>
                <th>{t('dashboard.cap')}</th>
              </tr>
            </thead>
            <tbody>
              {[
                ...(workload.data?.reps ?? []),
                // Reps with work in the period who carry no workload now (deactivated, handed over): their rows, so the rows add up to the funnel.
                ...(funnel.data?.reps ?? []).filter((r) => !workload.data?.reps.some((w) => w.repId === r.repId)).map((r) => ({ repId: r.repId, name: `${r.name} · ${t('dashboard.gone')}`, owned: null, utilisation: null, caps: { privateMax: null } })),
              ].map((w) => {
                const rep = funnel.data?.reps.find((r) => r.repId === w.repId);
                return (
                  <tr key={w.repId}>
                    <td>{w.name}</td>
                    {stageKeys.map((s) => {
                      const c = rep?.stages.find((x) => x.stage === s);
                      return (
                        <td key={s}>
                          {c ? f.number(c.customers) : 0}
                          {c?.conversion !== null && c?.conversion !== undefined ? <span className="muted">{f.aside(f.percent(c.conversion))}</span> : null}
                        </td>
                      );
                    })}
                    <td className={w.utilisation !== null && w.utilisation >= 1 ? 'urgent' : ''}>{w.owned ?? '—'}</td>
                    <td>{w.caps.privateMax ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </article>
    </section>
  );
}
