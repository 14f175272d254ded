// Changing a rep (admins): name, role, team, hire date, tags and time zone. Only the fields that
// differ from the rep as listed are sent (PATCH /reps/{id}), so a change made meanwhile to another
// field is not overwritten; the server's refusals (the last admin, an unknown team) show in the form.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep, Team } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { ROLES } from '../../../../schemas/vocabulary.js';

/** The roles with the least access first: the add form starts at "rep". */
const ROLE_CHOICES = [...ROLES].reverse();

type OnChange = (e: { target: { value: string } }) => void;

/** A rep's role, the least access first. */
export function RoleSelect({ id, value, onChange }: { id: string; value: string; onChange: OnChange }) {
  const { t } = useTranslation();
  return (
    <select id={id} value={value} onChange={onChange}>
      {ROLE_CHOICES.map((r) => (
        <option key={r} value={r}>
          {t(`roles.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** A rep's team by name, or none. */
export function TeamSelect({ id, value, onChange, teams }: { id: string; value: string; onChange: OnChange; teams: readonly Team[] }) {
  return (
    <select id={id} value={value} onChange={onChange}>
      <option value="">—</option>
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
    </select>
  );
}

/** Tags as typed: separated by spaces or commas (ASCII or full-width). */
export const parseTags = (text: string) => text.split(/[\s,，]+/).filter(Boolean);

interface Draft {
  name: string;
  role: Rep['role'];
  teamId: string;
  hiredAt: string;
  timeZone: string;
  tags: string;
}

const draftOf = (rep: Rep): Draft => ({ name: rep.name, role: rep.role, teamId: rep.teamId ?? '', hiredAt: rep.hiredAt, timeZone: rep.timeZone, tags: rep.tags.join(' ') });

/** The PATCH body: each field the draft changes, and no other. */
function changes(rep: Rep, d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (d.name.trim() !== rep.name) body.name = d.name.trim();
  if (d.role !== rep.role) body.role = d.role;
  if ((d.teamId || null) !== rep.teamId) body.teamId = d.teamId || null;
  if (d.hiredAt !== rep.hiredAt) body.hiredAt = d.hiredAt;
  if (d.timeZone.trim() !== rep.timeZone) body.timeZone = d.timeZone.trim();
  const tags = parseTags(d.tags);
  if (tags.join(' ') !== rep.tags.join(' ')) body.tags = tags;
  return body;
}

export function RepEditForm({ rep, teams, onDone, onCancel }: { rep: Rep; teams: readonly Team[]; onDone: (r: Rep) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(rep));
  const save = useAction({
    mutationFn: (body: Record<string, unknown>) => api.patch<Rep>(`/reps/${encodeURIComponent(rep.id)}`, body),
    onSuccess: onDone,
    // A role or team change can end a team's management (the server clears the team's manager).
    invalidates: [['reps'], ['teams']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = changes(rep, d);
    if (Object.keys(body).length === 0) onCancel();
    else save.mutate(body);
  };
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [key]: e.target.value });
  const label = t('settings.editRepOf', { name: rep.name });
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={label}>
      <h3>{label}</h3>
      <Field label={t('fields.name')}>{(id) => <input id={id} required maxLength={120} value={d.name} onChange={set('name')} autoFocus />}</Field>
      <Field label={t('fields.role')}>
        {(id) => (
          <RoleSelect id={id} value={d.role} onChange={set('role')} />
        )}
      </Field>
      <Field label={t('fields.team')}>
        {(id) => (
          <TeamSelect id={id} value={d.teamId} onChange={set('teamId')} teams={teams} />
        )}
      </Field>
      <Field label={t('fields.hiredAt')}>{(id) => <input id={id} type="date" required value={d.hiredAt} onChange={set('hiredAt')} />}</Field>
      <Field label={t('fields.timeZone')}>{(id) => <input id={id} required value={d.timeZone} onChange={set('timeZone')} />}</Field>
      <Field label={t('fields.tags')} help={t('settings.tagsHelp')}>
        {(id) => <input id={id} value={d.tags} onChange={set('tags')} />}
      </Field>
      <ErrorNotice error={save.error} />
      <div className="buttons wide">
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
