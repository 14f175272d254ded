// The id of a rep created or invited without one: readable, because people see it beside the name
// everywhere ("王芳 (wang.fang)"), not a generated UUID. Taken from the e-mail's local part, made
// an id (letters, digits, "_" and "-"), with a count when another rep has it ("wang-fang-2").
import { type Kysely, sql } from 'kysely';
import type { Database, Rep } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../ids.js';

/** The e-mail's local part as an id, or null when nothing of it can be one (an address of only non-Latin letters). */
export function idFromEmail(email: string): string | null {
  const local = email.split('@')[0]!.toLowerCase();
  const id = local.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return id === '' ? null : id;
}

async function freeId(db: Kysely<Database>, base: string): Promise<string> {
  const taken = new Set(
    (await db.selectFrom('reps').select('id').where(sql<boolean>`lower(id) = ${base} or lower(id) like ${`${base}-%`}`).execute()).map((r) => r.id.toLowerCase()),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Inserts a rep under `wanted` or, without it, under an id read from their e-mail (another free one
 * when a concurrent insert took it first); a wanted id that is taken is the caller's refusal.
 */
export async function insertWithId(db: Kysely<Database>, wanted: string | undefined, email: string, insert: (id: string) => Promise<Rep>): Promise<Rep> {
  if (wanted !== undefined) return insert(wanted);
  const base = idFromEmail(email);
  for (let attempt = 0; ; attempt++) {
    const id = base === null || attempt >= 3 ? newId() : await freeId(db, base);
    try {
      return await insert(id);
    } catch (e) {
      if (!(isUniqueViolation(e, 'reps_pkey') || isUniqueViolation(e, 'reps_id_lower')) || attempt >= 3) throw e;
    }
  }
}
