// Bulk inserts by COPY (server/db/copy-rows.ts, streamed by the connection in connect.ts) keep
// every value as given, on Postgres and on PGlite: the characters COPY's text format escapes,
// a string that reads like its null marker, empty strings, nulls, times, booleans and numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows } from '../server/db/copy-rows.js';
import { newId } from '../server/ids.js';
import { createHarness, type Harness } from './support/harness.js';

const awkward = [
  'Tab\there Ltd',
  'Line\nbreak\r\nCo.',
  'Back\\slash \\N \\t Trading',
  '\\N',
  '',
  '深圳市“引号”贸易有限公司 🚢',
  'Quote " and \' and , and ; GmbH',
  'Ends with backslash\\',
];

describe.each(['postgres', 'pglite'] as const)('COPY on %s', (database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ worker: false, database });
  }, 120_000);
  afterAll(() => h?.close());

  it('keeps every value as given, and a missing one null', async () => {
    const at = new Date('2026-12-03T08:09:10.123Z');
    const rows = awkward.map((name, i) => ({
      id: newId(),
      company_name: name,
      contact_name: i % 2 === 0 ? name : null,
      country: 'DE',
      pool_id: 'default',
      status: 'pool',
      key_customer: i === 1,
      version: i + 1,
      created_at: at,
      updated_at: at,
      // Left out of some rows: null there.
      ...(i % 3 === 0 ? { region: `Region ${i}\t${name}` } : {}),
    }));
    await h.db.transaction().execute((tx) => copyRows(tx, 'customers', rows));
    const got = await h.db
      .selectFrom('customers')
      .select(['id', 'company_name', 'contact_name', 'region', 'key_customer', 'version', 'created_at', 'no_demand'])
      .where('id', 'in', rows.map((r) => r.id))
      .execute();
    const byId = new Map(got.map((g) => [g.id, g]));
    for (const [i, r] of rows.entries()) {
      expect(byId.get(r.id), `row ${i}`).toEqual({
        id: r.id,
        company_name: r.company_name,
        contact_name: r.contact_name,
        region: 'region' in r ? r.region : null,
        key_customer: r.key_customer,
        version: r.version,
        created_at: at,
        // A column no row gives takes its default.
        no_demand: false,
      });
    }
  });

  it('writes nothing of a batch that fails, inside the transaction that fails with it', async () => {
    const id = newId();
    const rows = [
      { id, company_name: 'First Ltd', country: 'DE', pool_id: 'default', status: 'pool', created_at: new Date(), updated_at: new Date() },
      { id, company_name: 'Same id Ltd', country: 'DE', pool_id: 'default', status: 'pool', created_at: new Date(), updated_at: new Date() },
    ];
    await expect(h.db.transaction().execute((tx) => copyRows(tx, 'customers', rows))).rejects.toMatchObject({ code: '23505' });
    expect(await h.db.selectFrom('customers').select('id').where('id', '=', id).execute()).toEqual([]);
    // The connection is fine afterwards.
    expect(await h.db.selectFrom('pools').select('id').where('id', '=', 'default').execute()).toEqual([{ id: 'default' }]);
  });
});
