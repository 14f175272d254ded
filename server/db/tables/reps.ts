// Reps, their teams and their API tokens.
import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../../schemas/vocabulary.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface TeamsTable {
  id: string;
  name: string;
  manager_id: string | null;
  /** The language of the team's chat robot messages. */
  language: Generated<'zh' | 'en'>;
  created_at: Timestamp;
}

export interface RepsTable {
  id: string;
  name: string;
  email: string;
  role: Role;
  team_id: string | null;
  active: Generated<boolean>;
  time_zone: Generated<string>;
  /** Calendar date, read as text "YYYY-MM-DD" (connect.ts turns off date parsing). */
  hired_at: ColumnType<string, string | undefined, string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Holiday calendar for working-day deadlines, e.g. "CN". */
  calendar: string | null;
  /** How chat robots mention the rep: a mobile number (WeCom, DingTalk) or the platform's user id. */
  mobile: Generated<string | null>;
  wecom_user_id: Generated<string | null>;
  dingtalk_user_id: Generated<string | null>;
  feishu_user_id: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  rep_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** The admin who issued it; null for the bootstrap token. */
  issued_by: string | null;
  /** Refused from this moment on; null: no expiry. */
  expires_at: NullableTimestamp;
  /** read: GET only; write: any method; admin: admin-only routes too (with an admin's role). */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
}
