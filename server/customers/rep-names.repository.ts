// The names of the reps a text or a view names (schemas/rep-label names them). Here, beside the
// history that needs them most, rather than in reps/, which sits above customers/ in the layers.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * The names of the reps among `ids` that exist, by id.
 *
 * @example
 * const names = await repNames(db, [d.rep_id, d.decided_by].filter((id) => id !== null));
 */
export async function repNames(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('reps').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A rep's name from names looked up by repNames (null: no rep, or one no longer found). */
export const nameIn = (names: ReadonlyMap<string, string>, id: string | null | undefined): string | null => (id ? (names.get(id) ?? null) : null);
