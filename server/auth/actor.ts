// Who is acting: the authenticated rep behind a request, as the domain sees them.
import type { Role } from '../../schemas/common.js';

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
