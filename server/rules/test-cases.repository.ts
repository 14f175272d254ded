// A decision's test cases: live ones run; every add, change and remove appends a history row
// (who, when, the case before and after) in the same transaction.
import { type Kysely, sql, type Transaction } from 'kysely';
import { newId } from '../ids.js';
import type { DecisionName } from '../../schemas/rule-set.js';
import type { ExpectedOutcome } from '../../schemas/test-cases.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';

export interface CaseContent {
  name: string;
  facts: Record<string, unknown>;
  expected: ExpectedOutcome;
}

export type TestCaseRow = Awaited<ReturnType<typeof listLiveCases>>[number];

export function listLiveCases(db: Kysely<Database>, decision: DecisionName) {
  return db.selectFrom('rule_test_cases').selectAll().where('decision', '=', decision).where('removed_at', 'is', null).orderBy('name').execute();
}

export function listHistory(db: Kysely<Database>, decision: DecisionName) {
  return db.selectFrom('rule_test_case_history').selectAll().where('decision', '=', decision).orderBy('at', 'desc').orderBy('id', 'desc').execute();
}

/** Whether the decision ever had a case (removing every case does not bring the shipped ones back). */
export async function everHadCases(db: Kysely<Database>, decision: DecisionName): Promise<boolean> {
  return (await db.selectFrom('rule_test_cases').select('id').where('decision', '=', decision).limit(1).executeTakeFirst()) !== undefined;
}

const contentOf = (row: { name: string; facts: unknown; expected: unknown }) => ({ name: row.name, facts: row.facts, expected: row.expected });

async function appendHistory(
  tx: Transaction<Database>,
  entry: { caseId: string; decision: string; action: 'added' | 'changed' | 'removed'; by: string | null; at: Date; before: unknown; after: unknown },
) {
  await tx
    .insertInto('rule_test_case_history')
    .values({
      id: newId(),
      test_case_id: entry.caseId,
      decision: entry.decision,
      action: entry.action,
      by_rep: entry.by,
      at: entry.at,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

const duplicate = (decision: string, name: string) =>
  new AppError(ErrorCode.CONFLICT, `${decision} already has a test case named "${name}".`, { issues: [{ pointer: '/name', message: 'is taken by another live case' }] });

async function insertCase(tx: Transaction<Database>, decision: DecisionName, content: CaseContent, by: { repId: string | null; now: Date }) {
  const row = await tx
    .insertInto('rule_test_cases')
    .values({
      id: newId(),
      decision,
      name: content.name,
      facts: JSON.stringify(content.facts),
      expected: JSON.stringify(content.expected),
      created_by: by.repId,
      created_at: by.now,
      updated_by: by.repId,
      updated_at: by.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendHistory(tx, { caseId: row.id, decision, action: 'added', by: by.repId, at: by.now, before: null, after: contentOf(row) });
  return row;
}

export async function addCase(db: Kysely<Database>, decision: DecisionName, content: CaseContent, by: { repId: string | null; now: Date }) {
  try {
    return await db.transaction().execute((tx) => insertCase(tx, decision, content, by));
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(decision, content.name);
    throw e;
  }
}

/**
 * The shipped cases of a decision that never had a case, all or none, once: processes starting
 * together on an empty database take turns (an advisory lock per decision), and the later ones find
 * the cases there.
 */
export async function installShippedCases(db: Kysely<Database>, decision: DecisionName, cases: readonly CaseContent[], now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`rule_test_cases:${decision}`}))`.execute(tx);
    if (await everHadCases(tx, decision)) return false;
    for (const c of cases) await insertCase(tx, decision, c, { repId: null, now });
    return true;
  });
}

async function liveCaseForUpdate(tx: Transaction<Database>, decision: DecisionName, id: string) {
  const row = await tx.selectFrom('rule_test_cases').selectAll().where('id', '=', id).where('decision', '=', decision).where('removed_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `${decision} has no test case ${id}.`);
  return row;
}

export async function changeCase(db: Kysely<Database>, decision: DecisionName, id: string, content: CaseContent, by: { repId: string | null; now: Date }) {
  try {
    return await db.transaction().execute(async (tx) => {
      const before = await liveCaseForUpdate(tx, decision, id);
      const row = await tx
        .updateTable('rule_test_cases')
        .set({ name: content.name, facts: JSON.stringify(content.facts), expected: JSON.stringify(content.expected), updated_by: by.repId, updated_at: by.now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendHistory(tx, { caseId: id, decision, action: 'changed', by: by.repId, at: by.now, before: contentOf(before), after: contentOf(row) });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(decision, content.name);
    throw e;
  }
}

export async function removeCase(db: Kysely<Database>, decision: DecisionName, id: string, by: { repId: string | null; now: Date }) {
  await db.transaction().execute(async (tx) => {
    const before = await liveCaseForUpdate(tx, decision, id);
    await tx.updateTable('rule_test_cases').set({ removed_at: by.now, removed_by: by.repId }).where('id', '=', id).execute();
    await appendHistory(tx, { caseId: id, decision, action: 'removed', by: by.repId, at: by.now, before: contentOf(before), after: null });
  });
}
