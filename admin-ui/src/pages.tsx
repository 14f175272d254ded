// Every page, who may open it and whether it is in the navigation. A new page is one entry here.
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { Rep } from './api/types.js';
import { contentLanguage } from './i18n/language.js';

type Role = Rep['role'];

export interface PageEntry {
  path: string;
  /** i18n key of the navigation label; pages without one are reached by links. */
  label?: 'nav.rules' | 'nav.pool' | 'nav.myCustomers' | 'nav.approvals' | 'nav.disputes' | 'nav.dashboard' | 'nav.settings' | 'nav.imports';
  roles: readonly Role[];
  /**
   * Roles that always see the navigation entry; the other allowed roles see it only while its
   * count is above zero (a rep named as an approver sees Approvals while something waits).
   */
  navRoles?: readonly Role[];
  /** A count shown on the navigation entry. */
  count?: 'approvals';
  component: LazyExoticComponent<ComponentType>;
}

const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

/**
 * The rules page, with Monaco's own words (its menus, find and command palette) in Chinese for a
 * Chinese reader: Monaco reads them once, as it loads, so they are put in place before it. A change
 * of language afterwards reaches them at the next page load.
 */
const rulesPage = async () => {
  if (contentLanguage() === 'zh') await import('monaco-editor/nls/lang/zh-cn.js');
  return import('./pages/rules/rules.page.js');
};

export const PAGES: readonly PageEntry[] = [
  { path: 'dashboard', label: 'nav.dashboard', roles: ['admin', 'manager', 'rep'], component: page(() => import('./pages/dashboard.page.js'), 'DashboardPage') },
  { path: 'pool', label: 'nav.pool', roles: ['admin', 'manager', 'rep'], component: page(() => import('./pages/pool.page.js'), 'PoolPage') },
  { path: 'my-customers', label: 'nav.myCustomers', roles: ['manager', 'rep'], component: page(() => import('./pages/my-customers.page.js'), 'MyCustomersPage') },
  { path: 'approvals', label: 'nav.approvals', roles: ['admin', 'manager', 'rep'], navRoles: ['admin', 'manager'], count: 'approvals', component: page(() => import('./pages/approvals/approvals.page.js'), 'ApprovalsPage') },
  { path: 'disputes', label: 'nav.disputes', roles: ['admin', 'manager', 'rep'], component: page(() => import('./pages/disputes/disputes.page.js'), 'DisputesPage') },
  { path: 'notifications', roles: ['admin', 'manager', 'rep'], component: page(() => import('./pages/notifications.page.js'), 'NotificationsPage') },
  { path: 'customers/:id', roles: ['admin', 'manager', 'rep'], component: page(() => import('./pages/customer.page.js'), 'CustomerPage') },
  { path: 'rules/:decision?', label: 'nav.rules', roles: ['admin', 'manager'], component: page(rulesPage, 'RulesPage') },
  { path: 'account', roles: ['admin', 'manager', 'rep'], component: page(() => import('./pages/account.page.js'), 'AccountPage') },
  { path: 'imports/:id?', label: 'nav.imports', roles: ['admin', 'manager'], component: page(() => import('./pages/imports.page.js'), 'ImportsPage') },
  { path: 'settings/:section?', label: 'nav.settings', roles: ['admin', 'manager'], component: page(() => import('./pages/settings.page.js'), 'SettingsPage') },
];

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return role === 'admin' ? '/rules' : role === 'manager' ? '/dashboard' : '/pool';
}

export const navPath = (p: PageEntry) => `/${p.path.replace(/\/:.*$/, '')}`;
