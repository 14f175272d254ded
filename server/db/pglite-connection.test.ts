import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { isConnectionError } from './errors.js';
import { guardedPglite } from './pglite-connection.js';

type Answer = (statement: string) => Promise<{ rows: unknown[]; fields: unknown[] }>;

/** A PGlite that answers each statement by `answer`, recording what it was sent. */
function fakePglite(answer: Answer) {
  const sent: string[] = [];
  const pglite = {
    query: (statement: string) => {
      sent.push(statement);
      return answer(statement);
    },
  } as unknown as PGlite;
  return { pglite, sent };
}

const ok = async () => ({ rows: [{ ok: 1 }], fields: [{ name: 'ok' }] });

describe('the embedded database guard', () => {
  it('refuses a statement with more parameters than PGlite describes, without sending it', async () => {
    const { pglite, sent } = fakePglite(ok);
    const db = guardedPglite(pglite);
    await expect(db.query('insert into t values ($1)', Array.from({ length: 32_768 }, () => 1))).rejects.toThrow(/32768 parameters/);
    expect(sent).toEqual([]);
    await expect(db.query('select 1 as ok', Array.from({ length: 32_767 }, () => 1))).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });

  it('fails every later query as a connection error once PGlite throws something that is not a Postgres error', async () => {
    let lost = 0;
    // As PGlite behaves: after the failure its parser is out of step and answers nothing.
    let outOfStep = false;
    const { pglite } = fakePglite(async (s) => {
      if (outOfStep) return { rows: [], fields: [] };
      if (s.startsWith('insert')) {
        outOfStep = true;
        throw new RangeError('Invalid array length');
      }
      return ok();
    });
    const db = guardedPglite(pglite, () => lost++);
    const first = await db.query('insert into t values (1)').catch((e: unknown) => e);
    expect(isConnectionError(first)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const later = await db.query('select 1 as ok').catch((e: unknown) => e);
      expect(isConnectionError(later), String(later)).toBe(true);
    }
    expect(lost).toBe(1);
  });

  it('takes a select answered without columns for a protocol out of step, never an empty answer', async () => {
    const { pglite } = fakePglite(async () => ({ rows: [], fields: [] }));
    const db = guardedPglite(pglite);
    const answered = await db.query('select id from api_tokens where hash = $1', ['x']).catch((e: unknown) => e);
    expect(isConnectionError(answered)).toBe(true);
    expect(String(answered)).toMatch(/not queryable/);
  });

  it("passes Postgres' own errors through and goes on", async () => {
    const { pglite } = fakePglite(async (s) => {
      if (s.startsWith('insert')) throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
      return ok();
    });
    const db = guardedPglite(pglite);
    await expect(db.query('insert into t values (1)')).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('select 1 as ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });

  it("passes a plain error that leaves the protocol in step through (a parameter PGlite cannot serialise) and goes on", async () => {
    let lost = 0;
    const { pglite } = fakePglite(async (s) => {
      if (s.startsWith('insert')) throw new Error('Invalid input for boolean type');
      return ok();
    });
    const db = guardedPglite(pglite, () => lost++);
    const failed = await db.query('insert into t values ($1)', ['maybe']).catch((e: unknown) => e);
    expect(String(failed)).toMatch(/Invalid input for boolean type/);
    expect(isConnectionError(failed)).toBe(false);
    await expect(db.query('select 1 as ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
    expect(lost).toBe(0);
  });

  it('answers a select that has no columns (select from t where …) when the protocol is in step', async () => {
    const { pglite } = fakePglite(async (s) => (s.startsWith('select from') ? { rows: [{}], fields: [] } : ok()));
    const db = guardedPglite(pglite);
    await expect(db.query('select from customers where id = $1', ['c1'])).resolves.toEqual({ rows: [{}], fields: [] });
    await expect(db.query('select 1 as ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });
});
