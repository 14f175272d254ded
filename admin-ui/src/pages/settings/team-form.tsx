// Adding a team (no `team`) or changing one (admins): name, manager and chat language. The manager
// is picked from the active managers (the server refuses anyone else, and a manager of another
// team, with its reason at /managerId); a change sends only the fields that differ.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep, Team } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';

interface Draft {
  id: string;
  name: string;
  managerId: string;
  language: Team['language'];
}

const empty: Draft = { id: '', name: '', managerId: '', language: 'zh' };

/** The PATCH body: each field the draft changes, and no other. */
function changes(team: Team, d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (d.name.trim() !== team.name) body.name = d.name.trim();
  if ((d.managerId || null) !== team.managerId) body.managerId = d.managerId || null;
  if (d.language !== team.language) body.language = d.language;
  return body;
}

/** The managers one may pick, with their team when they have one; the current manager stays listed even if deactivated. */
function ManagerOptions({ reps, teams, current }: { reps: readonly Rep[]; teams: readonly Team[]; current: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  return (
    <>
      <option value="">{t('settings.noManager')}</option>
      {reps
        .filter((r) => (r.role === 'manager' && r.active) || r.id === current)
        .map((r) => (
          <option key={r.id} value={r.id}>
            {f.rep(r.id, r.name)}{r.teamId ? ` · ${teamName(r.teamId)}` : ''}
          </option>
        ))}
    </>
  );
}

export function TeamForm({ team, reps, teams, onDone, onCancel }: { team?: Team; reps: readonly Rep[]; teams: readonly Team[]; onDone: (t: Team) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => (team ? { id: team.id, name: team.name, managerId: team.managerId ?? '', language: team.language } : empty));
  const save = useAction({
    mutationFn: (body: Record<string, unknown>) => (team ? api.patch<Team>(`/teams/${encodeURIComponent(team.id)}`, body) : api.post<Team>('/teams', body)),
    onSuccess: (saved: Team) => {
      if (!team) setD(empty);
      onDone(saved);
    },
    // A manager of no team joins the team they are made manager of.
    invalidates: [['teams'], ['reps']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!team) {
      save.mutate({ ...(d.id.trim() ? { id: d.id.trim() } : {}), name: d.name.trim(), language: d.language, ...(d.managerId ? { managerId: d.managerId } : {}) });
      return;
    }
    const body = changes(team, d);
    if (Object.keys(body).length === 0) onCancel?.();
    else save.mutate(body);
  };
  const label = team ? t('settings.editTeamOf', { name: team.name }) : t('settings.createTeam');
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={label}>
      {team ? <h3>{label}</h3> : <Field label={t('fields.id')}>{(id) => <input id={id} value={d.id} onChange={(e) => setD({ ...d, id: e.target.value })} />}</Field>}
      <Field label={t('fields.title')}>{(id) => <input id={id} required maxLength={120} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} autoFocus={!!team} />}</Field>
      <Field label={t('fields.manager')}>
        {(id) => (
          <select id={id} value={d.managerId} onChange={(e) => setD({ ...d, managerId: e.target.value })}>
            <ManagerOptions reps={reps} teams={teams} current={team?.managerId ?? null} />
          </select>
        )}
      </Field>
      <Field label={t('channels.language')}>
        {(id) => (
          <select id={id} value={d.language} onChange={(e) => setD({ ...d, language: e.target.value as Team['language'] })}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        )}
      </Field>
      <ErrorNotice error={save.error} />
      <div className="buttons">
        <button type="submit" disabled={save.isPending}>
          {team ? t('common.save') : t('settings.createTeam')}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
