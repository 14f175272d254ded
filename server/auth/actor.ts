// Who is acting: the authenticated rep behind a request, as the domain sees them.
import type { Role } from '../../schemas/common.js';
import { AppError, ErrorCode } from '../errors.js';

/** What an API token may do: read (GET only), write (any method), admin (admin-only routes). */
export type Scope = 'read' | 'write' | 'admin';
export const ALL_SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

export interface Actor {
  repId: string;
  name: string;
  role: Role;
  teamId: string | null;
  active: boolean;
  /** The credential: the API token's id, or the browser session's id. */
  tokenId: string;
  /** How the request authenticated: an API token (Authorization: Bearer) or a session cookie. */
  via: 'token' | 'session';
  /** A token's scopes; a session has them all (its rep's role still decides). */
  scopes: readonly Scope[];
}

/**
 * The one rule for admin powers: whatever the admin role is what allows (an admin-only route, an
 * admin-or-manager route, a command on another rep's customer, deciding any approval) needs the
 * "admin" scope when an admin's token asks. Without it an admin's token may still read, and do
 * what every rep may do (create customers, import without overriding). A manager's token needs no
 * admin scope: a manager's powers are not the admin role's.
 */
export function adminScopeRefusal(actor: Pick<Actor, 'role' | 'scopes'>): AppError | null {
  if (actor.role !== 'admin' || actor.scopes.includes('admin')) return null;
  return new AppError(
    ErrorCode.INSUFFICIENT_SCOPE,
    `Acting as an admin needs an API token with the "admin" scope; this token has ${actor.scopes.join(', ')}. Ask for a token with the "admin" scope, or sign in.`,
    { scopes: actor.scopes, requiredScope: 'admin' },
  );
}

/** Throws adminScopeRefusal's error when the admin role would be what allows this. */
export function assertAdminScope(actor: Pick<Actor, 'role' | 'scopes'>): void {
  const refusal = adminScopeRefusal(actor);
  if (refusal) throw refusal;
}

/** Why a role may not do something, in one wording for every refusal by role. */
export const roleRefusalText = (roles: readonly string[], role: string) => `This action needs the role ${roles.join(' or ')}; you are signed in as ${role === 'admin' ? 'an' : 'a'} ${role}.`;
