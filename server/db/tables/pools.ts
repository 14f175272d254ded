// Public pools and who may claim from them (R1).
import type { Generated } from 'kysely';
import type { Timestamp } from './columns.js';

export interface PoolsTable {
  id: string;
  name: string;
  description: string | null;
  /** Open to every rep; otherwise only to its members (teams or reps). */
  open_to_all: Generated<boolean>;
  created_at: Timestamp;
}

export interface PoolMembersTable {
  pool_id: string;
  team_id: string | null;
  rep_id: string | null;
}
