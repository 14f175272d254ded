// Settings: one section per concern, each at /settings/<section>, listed in a sub-navigation by
// what the user's role may see (admins change them; managers read and manage their team's leave).
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, useParams } from 'react-router';
import type { Rep } from '../api/types.js';
import { useMe } from '../auth/session.js';
import { HandoverSection } from './settings/handover.section.js';
import { HolidaysSection } from './settings/holidays.section.js';
import { LeaveSection } from './settings/leave.section.js';
import { PoolsSection } from './settings/pools.section.js';
import { RepsSection } from './settings/reps.section.js';
import { TeamCustomersSection } from './settings/team-customers.section.js';
import { TeamsSection } from './settings/teams.section.js';
import { TokensSection } from './settings/tokens.section.js';
import { WebhooksSection } from './settings/webhooks.section.js';
import { ChannelsSection } from './settings/channels.section.js';
import { DocumentsSection } from './settings/documents.section.js';
import { DuplicatesSection } from './settings/duplicates.section.js';
import { SsoSection } from './settings/sso.section.js';

const SECTIONS = [
  { key: 'reps', roles: ['admin', 'manager'], component: RepsSection },
  { key: 'teams', roles: ['admin', 'manager'], component: TeamsSection },
  { key: 'pools', roles: ['admin', 'manager'], component: PoolsSection },
  { key: 'holidays', roles: ['admin', 'manager'], component: HolidaysSection },
  { key: 'leave', roles: ['admin', 'manager'], component: LeaveSection },
  { key: 'handover', roles: ['admin', 'manager'], component: HandoverSection },
  { key: 'bulk', roles: ['admin', 'manager'], component: TeamCustomersSection },
  { key: 'tokens', roles: ['admin'], component: TokensSection },
  { key: 'webhooks', roles: ['admin'], component: WebhooksSection },
  { key: 'channels', roles: ['admin'], component: ChannelsSection },
  { key: 'documents', roles: ['admin'], component: DocumentsSection },
  { key: 'duplicates', roles: ['admin'], component: DuplicatesSection },
  { key: 'sso', roles: ['admin'], component: SsoSection },
] as const satisfies readonly { key: string; roles: readonly Rep['role'][]; component: ComponentType }[];

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { section } = useParams();
  const allowed = SECTIONS.filter((s) => (s.roles as readonly string[]).includes(me.role));
  const current = allowed.find((s) => s.key === section) ?? allowed[0];
  if (!current) return null;
  if (section && section !== current.key) return <Navigate to="/settings" replace />;
  const Section = current.component;
  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <nav className="subnav" aria-label={t('settings.sections')}>
        <ul>
          {allowed.map((s) => (
            <li key={s.key}>
              <NavLink to={`/settings/${s.key}`} className={s.key === current.key ? 'active' : undefined} aria-current={s.key === current.key ? 'page' : undefined}>
                {t(`settings.${s.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Section />
    </div>
  );
}
