// Versioned rule sets: drafts, one published version per decision, archived history. Publish and
// rollback are one transaction under a per-decision lock, so exactly one version is ever published;
// a reclaim policy's rollout is recorded in that transaction (policy-rollouts.repository.ts).
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { type Kysely, type Transaction, sql } from 'kysely';
import { newId } from '../ids.js';
import { type DecisionName, type RuleSetDocument, withoutComments } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { recordRollout } from './policy-rollouts.repository.js';
import { invalidRequest } from '../request-issues.js';

/** What is evaluated decides the hash: a comment-only edit keeps it. */
const hashDocument = (doc: RuleSetDocument) => createHash('sha256').update(stableStringify(withoutComments(doc))).digest('hex');

export type RuleSetRow = Awaited<ReturnType<typeof findRuleSet>> & {};

export function findRuleSet(db: Kysely<Database>, id: string) {
  return db.selectFrom('rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPublished(db: Kysely<Database>, decision: DecisionName) {
  return db.selectFrom('rule_sets').selectAll().where('decision', '=', decision).where('status', '=', 'published').executeTakeFirst();
}

export function listRuleSets(db: Kysely<Database>, filter: { decision?: DecisionName | undefined; status?: string | undefined }) {
  let q = db
    .selectFrom('rule_sets')
    .select(['id', 'decision', 'version', 'status', 'hash', 'comment', 'author_id', 'rolled_back_from', 'created_at', 'updated_at', 'published_at', 'published_by'])
    .orderBy('decision')
    .orderBy('version', 'desc');
  if (filter.decision) q = q.where('decision', '=', filter.decision);
  if (filter.status) q = q.where('status', '=', filter.status as 'draft');
  return q.execute();
}

/** Serialises writers of one decision's versions (numbering, publishing). */
async function lockDecision(tx: Transaction<Database>, decision: DecisionName) {
  await sql`select pg_advisory_xact_lock(hashtext(${`rule_sets:${decision}`}))`.execute(tx);
}

async function nextVersion(tx: Transaction<Database>, decision: DecisionName): Promise<number> {
  const row = await tx
    .selectFrom('rule_sets')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('decision', '=', decision as DecisionName)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export interface NewVersion {
  document: RuleSetDocument;
  /** The rules-language text it was written in; null when written as JSON. */
  source: string | null;
  comment: string | null;
  authorId: string | null;
  now: Date;
}

export async function createDraft(db: Kysely<Database>, v: NewVersion) {
  return db.transaction().execute(async (tx) => {
    await lockDecision(tx, v.document.decision);
    return tx
      .insertInto('rule_sets')
      .values({
        id: newId(),
        decision: v.document.decision,
        version: await nextVersion(tx, v.document.decision),
        status: 'draft',
        document: JSON.stringify(v.document),
        source: v.source,
        hash: hashDocument(v.document),
        comment: v.comment,
        author_id: v.authorId,
        created_at: v.now,
        updated_at: v.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function updateDraft(db: Kysely<Database>, id: string, v: NewVersion) {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('rule_sets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${id}.`);
    if (row.status !== 'draft') {
      throw new AppError(ErrorCode.CONFLICT, `Version ${row.version} is ${row.status}; only drafts change. Save your edit as a new draft.`, { status: row.status });
    }
    if (row.decision !== v.document.decision) {
      throw invalidRequest('body', [{ pointer: '/document/decision', code: 'decision_stays', params: { decision: row.decision } }], { message: `This draft is for ${row.decision}, not ${v.document.decision}.` });
    }
    return tx
      .updateTable('rule_sets')
      .set({ document: JSON.stringify(v.document), source: v.source, hash: hashDocument(v.document), comment: v.comment ?? row.comment, author_id: v.authorId, updated_at: v.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Makes a draft the published version; the previously published one is archived. */
export async function publish(db: Kysely<Database>, id: string, by: { repId: string | null; comment?: string | undefined; now: Date }) {
  return db.transaction().execute(async (tx) => {
    const target = await tx.selectFrom('rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!target) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${id}.`);
    await lockDecision(tx, target.decision as DecisionName);
    const fresh = await tx.selectFrom('rule_sets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (fresh.status !== 'draft') {
      throw new AppError(
        ErrorCode.CONFLICT,
        fresh.status === 'published'
          ? `Version ${fresh.version} is already published.`
          : `Version ${fresh.version} is archived; use rollback to publish it again.`,
        { status: fresh.status },
      );
    }
    const previous = await archivePublished(tx, fresh.decision, by.now);
    const published = await tx
      .updateTable('rule_sets')
      .set({
        status: 'published',
        published_at: by.now,
        published_by: by.repId,
        updated_at: by.now,
        ...(by.comment ? { comment: by.comment } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (published.decision === 'reclaim') await recordRollout(tx, published.id, by.now);
    return { published, previous: previous ?? null };
  });
}

/**
 * Publishes an earlier version again, as a new version that records where it came from. `vet`
 * checks its document in the transaction, under the decision's lock, before anything changes, and
 * refuses by throwing.
 */
export async function rollback(
  db: Kysely<Database>,
  decision: DecisionName,
  toVersion: number,
  by: { repId: string | null; comment?: string | undefined; now: Date },
  vet: (document: unknown, tx: Transaction<Database>) => Promise<unknown>,
) {
  return db.transaction().execute(async (tx) => {
    await lockDecision(tx, decision);
    const source = await tx
      .selectFrom('rule_sets')
      .selectAll()
      .where('decision', '=', decision as DecisionName)
      .where('version', '=', toVersion)
      .executeTakeFirst();
    if (!source) throw new AppError(ErrorCode.NOT_FOUND, `${decision} has no version ${toVersion}.`);
    if (source.status === 'draft') {
      throw new AppError(ErrorCode.CONFLICT, `Version ${toVersion} is a draft that was never published; publish it instead.`);
    }
    // Its rules in force already (it, or a copy of it, is the published version): nothing to roll
    // back, so a rollback sent again, or twice at once, publishes no copy after copy.
    const inForce = await tx.selectFrom('rule_sets').select(['version', 'hash']).where('decision', '=', decision).where('status', '=', 'published').executeTakeFirst();
    if (inForce && inForce.hash === source.hash) {
      throw new AppError(
        ErrorCode.CONFLICT,
        inForce.version === toVersion ? `Version ${toVersion} is already published.` : `The rules of version ${toVersion} are already published, as version ${inForce.version}; nothing to roll back.`,
        { status: 'published', publishedVersion: inForce.version },
      );
    }
    await vet(source.document, tx);
    const current = await archivePublished(tx, decision, by.now);
    const published = await tx
      .insertInto('rule_sets')
      .values({
        id: newId(),
        decision,
        version: await nextVersion(tx, decision),
        status: 'published',
        document: JSON.stringify(source.document),
        source: source.source,
        hash: source.hash,
        comment: by.comment ?? `rollback to version ${toVersion}`,
        author_id: by.repId,
        rolled_back_from: source.id,
        created_at: by.now,
        updated_at: by.now,
        published_at: by.now,
        published_by: by.repId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (decision === 'reclaim') await recordRollout(tx, published.id, by.now);
    return { published, previous: current ?? null };
  });
}

/** First start: each decision without any version gets the shipped default as version 1, published. */
export async function installDefaults(
  db: Kysely<Database>,
  defaults: Record<DecisionName, { document: RuleSetDocument; source: string | null }>,
  now: Date,
): Promise<DecisionName[]> {
  const installed: DecisionName[] = [];
  for (const [decision, { document, source }] of Object.entries(defaults) as [DecisionName, { document: RuleSetDocument; source: string | null }][]) {
    await db.transaction().execute(async (tx) => {
      await lockDecision(tx, decision);
      const any = await tx.selectFrom('rule_sets').select('id').where('decision', '=', decision).executeTakeFirst();
      if (any) return;
      await tx
        .insertInto('rule_sets')
        .values({
          id: newId(),
          decision,
          version: 1,
          status: 'published',
          document: JSON.stringify(document),
          source,
          hash: hashDocument(document),
          comment: 'shipped default',
          author_id: null,
          created_at: now,
          updated_at: now,
          published_at: now,
          published_by: null,
        })
        .execute();
      installed.push(decision);
    });
  }
  return installed;
}

/** Archives the decision's published version, if any, and says which it was. */
function archivePublished(tx: Transaction<Database>, decision: string, now: Date) {
  return tx
    .updateTable('rule_sets')
    .set({ status: 'archived', updated_at: now })
    .where('decision', '=', decision as DecisionName)
    .where('status', '=', 'published')
    .returning(['id', 'version'])
    .executeTakeFirst();
}
