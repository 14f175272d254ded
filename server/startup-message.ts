// What a process prints when it has started: where the API, docs, worker, Temporal and database
// are, and how to sign in: the first admin's e-mail with a one-time link to set a password, and the
// admin API token for integrations, each printed only by the start that generated it.
import type { BootstrapResult } from './bootstrap.js';

export interface StartupFacts {
  apiUrl: string | null;
  workerTaskQueue: string | null;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string | null;
  database: string;
  admin: BootstrapResult | null;
  /** PUBLIC_URL: where the admin UI is opened (default: the API's address). */
  publicUrl?: string | null;
}

/** The admin token line: the token itself only when this start generated it. */
export function adminTokenLine(admin: BootstrapResult): string {
  const label = '  admin token    ';
  if (admin.configured) return `${label}the one in BOOTSTRAP_ADMIN_TOKEN`;
  if (admin.created && admin.token) return `${label}${admin.token}${admin.tokenFile ? ` (shown once; kept in ${admin.tokenFile})` : ' (shown once; copy it now)'}`;
  if (admin.token && admin.tokenFile) return `${label}in ${admin.tokenFile} (created on the first start)`;
  return `${label}created on an earlier start; an admin issues more with POST /reps/{id}/tokens, or set BOOTSTRAP_ADMIN_TOKEN`;
}

/** The first admin's sign-in: their e-mail and the one-time link to set a password (first start only). */
export function adminSignInLine(admin: BootstrapResult, baseUrl: string): string | null {
  if (!admin.invitation) return null;
  const { email, token, expiresAt } = admin.invitation;
  return `  admin sign-in  ${email}: set a password at ${baseUrl}/ui/accept-invitation#${token} (one-time link, valid until ${expiresAt.toISOString()})`;
}

export function startupLines(facts: StartupFacts): string[] {
  const lines = ['', 'highseas is running'];
  if (facts.apiUrl) lines.push(`  API            ${facts.apiUrl}`, `  API docs       ${facts.apiUrl}/docs`);
  if (facts.workerTaskQueue) lines.push(`  worker         task queue ${facts.workerTaskQueue}`);
  lines.push(`  Temporal       ${facts.temporalAddress} (namespace ${facts.temporalNamespace})`);
  if (facts.temporalUiUrl) lines.push(`  Temporal UI    ${facts.temporalUiUrl}`);
  lines.push(`  database       ${facts.database}`);
  if (facts.apiUrl && facts.admin) {
    const signIn = adminSignInLine(facts.admin, facts.publicUrl ?? facts.apiUrl);
    if (signIn) lines.push(signIn);
    lines.push(adminTokenLine(facts.admin));
  }
  return lines;
}
