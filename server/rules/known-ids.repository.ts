// The reps (with whether they are active), teams and pools that exist, for the rules' reference
// check (rules/validate/references.ts): a rule set may name only these.
import type { Kysely } from 'kysely';
import type { KnownIds } from '../../rules/validate/references.js';
import type { Database } from '../db/database.js';

export async function knownIds(db: Kysely<Database>): Promise<KnownIds> {
  const [reps, teams, pools] = await Promise.all([
    db.selectFrom('reps').select(['id', 'active']).execute(),
    db.selectFrom('teams').select('id').execute(),
    db.selectFrom('pools').select('id').execute(),
  ]);
  return {
    reps: new Map(reps.map((r) => [r.id, { active: r.active }])),
    teams: new Set(teams.map((t) => t.id)),
    pools: new Set(pools.map((p) => p.id)),
  };
}
