// Bulk customers straight into the database, for simulations and benchmarks (no dedup, no rules).
import type { Kysely } from 'kysely';
import { newId } from '../../server/ids.js';
import type { Database, NewCustomer } from '../../server/db/database.js';

export async function seedCustomers(db: Kysely<Database>, n: number, make: (i: number) => Partial<NewCustomer>, batch = 1500): Promise<string[]> {
  const ids: string[] = [];
  const now = new Date();
  for (let start = 0; start < n; start += batch) {
    const rows: NewCustomer[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const id = newId();
      ids.push(id);
      rows.push({
        id,
        company_name: `Seeded ${i}`,
        contact_name: null,
        email: null,
        phone: null,
        website: null,
        country: 'DE',
        region: null,
        source: null,
        product_line: null,
        language: null,
        pool_id: 'default',
        status: 'pool',
        stage: null,
        owner_id: null,
        grade: null,
        rep_grade: null,
        expected_close_days: null,
        previous_owner_id: null,
        created_by: null,
        created_at: now,
        updated_at: now,
        ...make(i),
      });
    }
    await db.insertInto('customers').values(rows).execute();
  }
  return ids;
}
