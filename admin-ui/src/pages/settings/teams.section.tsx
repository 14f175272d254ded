// Teams with their managers (by name) and chat language; admins add teams and change them (Edit,
// a form under the team's row).
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Rep, Team } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { TeamForm } from './team-form.js';

export function TeamsSection() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.role === 'admin';
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams') });
  // Admins see every rep; a manager sees their team's, so another team's manager shows by id.
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const repList = reps.data?.items ?? [];
  const teamList = teams.data?.items ?? [];
  const managerName = (id: string | null) => (id === null ? '—' : (repList.find((r) => r.id === id)?.name ?? id));
  const saved = (team: Team) => {
    setEditing(null);
    setNotice(t('settings.teamSaved', { name: team.name }));
  };
  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{t('settings.teams')}</h2>
      <ErrorNotice error={teams.error} />
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="teams-table">
          <thead>
            <tr>
              <th>{t('fields.id')}</th>
              <th>{t('fields.title')}</th>
              <th>{t('fields.manager')}</th>
              <th>{t('channels.language')}</th>
              {admin ? <th>{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {teamList.map((team) => (
              <Fragment key={team.id}>
                <tr data-team={team.id}>
                  <td>{team.id}</td>
                  <td>{team.name}</td>
                  <td>{managerName(team.managerId)}</td>
                  <td>{team.language === 'zh' ? '中文' : 'English'}</td>
                  {admin ? (
                    <td>
                      <button type="button" className="secondary" aria-expanded={editing === team.id} aria-label={t('settings.editLabel', { name: team.name })} onClick={() => { setNotice(null); setEditing(editing === team.id ? null : team.id); }}>
                        {t('settings.edit')}
                      </button>
                    </td>
                  ) : null}
                </tr>
                {editing === team.id ? (
                  <tr className="form-row">
                    <td colSpan={5}>
                      <TeamForm team={team} reps={repList} teams={teamList} onDone={saved} onCancel={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? <TeamForm reps={repList} teams={teamList} onDone={saved} /> : null}
    </section>
  );
}
