// Sign-in (issue 16): passwords and lockout, invitation and reset links, browser sessions, the audit.
import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface RepCredentialsTable {
  rep_id: string;
  /** argon2id (PHC string); null: no password (invited, or reset by an admin). */
  password_hash: string | null;
  password_set_at: NullableTimestamp;
  failed_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  /** The latest sign-in by any method (password or single sign-on); null: never signed in. */
  last_signed_in_at: NullableTimestamp;
}

/** Failed sign-ins for e-mails no rep has, counted and locked like an account's. */
export interface UnknownSignInsTable {
  /** sha256 of the trimmed, lower-cased e-mail. */
  email_hash: string;
  failed_attempts: number;
  locked_until: NullableTimestamp;
  updated_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  rep_id: string;
  kind: 'invitation' | 'reset';
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** The link whose issue revoked this one. */
  replaced_by: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  rep_id: string;
  method: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface AuthAuditTable {
  id: string;
  at: Timestamp;
  rep_id: string | null;
  email: string | null;
  method: string;
  outcome: string;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  actor_id: ColumnType<string | null, string | null | undefined, string | null>;
}
