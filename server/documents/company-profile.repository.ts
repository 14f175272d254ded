// The company profile: one row, replaced as a whole by an admin.
import type { Kysely } from 'kysely';
import type { CompanyProfile } from '../../schemas/documents.js';
import type { Database } from '../db/database.js';

export async function readProfile(db: Kysely<Database>) {
  const row = await db.selectFrom('company_profile').selectAll().where('id', '=', 'company').executeTakeFirst();
  return { profile: row?.profile ?? {}, updatedBy: row?.updated_by ?? null, updatedAt: row?.updated_at.toISOString() ?? null };
}

export async function writeProfile(db: Kysely<Database>, profile: CompanyProfile, by: string, at: Date) {
  const values = { profile: JSON.stringify(profile), updated_by: by, updated_at: at };
  await db
    .insertInto('company_profile')
    .values({ id: 'company', ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  return readProfile(db);
}
