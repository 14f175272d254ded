// Import jobs (R11, issue 14), the API's side: an upload read once as a stream and staged in the
// database (refused at the first file-level fault, with nothing kept), its job started as a
// workflow; committing a preview, cancelling, and the job's progress, rows and files.
import { type Kysely, sql } from 'kysely';
import { newId } from '../ids.js';
import { type CommitImportBody, IMPORT_OUTCOMES, type ImportJob, type ImportOptions, type ImportOutcome, type ImportRow } from '../../schemas/imports.js';
import { type Actor, assertAdminScope } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Language } from '../../schemas/language.js';
import { decodeCursor, newestFirstPage, toPage } from '../db/pagination.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { AppError, ErrorCode } from '../errors.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { issueText } from '../request-issue-words.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { assertPoolOpen } from '../pools/pool-access.js';
import { poolExists } from '../pools/pools.repository.js';
import { type ImportField, mapColumns, mappingIssues } from './column-mapping.js';
import { type DownloadFormat, rejectsFile, reportFile } from './import-downloads.js';
import { type SeenRow, rowsSeenBy } from './report-access.js';
import { repNames } from '../customers/rep-names.repository.js';
import { type ImportJobRecord, dropExpiredUploads, endJob, findImportJob, insertImportJob, jobRows, uploadOf } from './import-jobs.repository.js';
import { type SheetFormat, sheetRecords } from './spreadsheet.js';
import { unmarked } from './row-input.js';

export interface ImportServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  lifecycle: Pick<LifecycleClient, 'startImport'>;
  /** How long an upload is kept for a commit of its preview and the rejects file (IMPORT_UPLOAD_TTL). */
  importUploadTtlMs?: number | undefined;
}

export interface StartImport {
  fileName: string;
  format: SheetFormat;
  buffer: Buffer;
  mode: 'preview' | 'commit';
  /** Column → field as the uploader sent it, checked against the file's columns (mappingIssues). */
  mapping: Record<string, string> | undefined;
  options: ImportOptions;
}

export interface ImportDownload {
  body: Uint8Array;
  name: string;
  type: string;
}

const DAY_MS = 24 * 3600_000;
/** Staged rows per insert. */
const STAGE_CHUNK = 2000;
const SAMPLES = 20;
const TYPES: Record<DownloadFormat, string> = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** The upload refused at `pointer`; the message is the issue's own sentence. */
const invalid = (pointer: string, code: IssueCode, params: IssueParams = {}, details?: Record<string, unknown>) =>
  invalidRequest('body', [{ pointer, code, params }], { message: issueText(code, params, 'en'), ...(details ? { details } : {}) });
const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such import, or not one you may see.');

/**
 * The file's columns mapped, or a refusal at /mapping when none holds the company name. The
 * refusal names the columns (`details.columns`, as the job would name them) so the uploader can say
 * which one holds it and send the file again with a mapping.
 */
function mapOrRefuse(headers: string[], explicit: Record<string, string> | undefined) {
  const issues = explicit ? mappingIssues(headers, explicit) : [];
  if (issues.length === 1) throw invalid(issues[0]!.pointer, issues[0]!.code, issues[0]!.params);
  if (issues.length > 1) throw invalidRequest('body', issues);
  const mapped = mapColumns(headers, explicit as Record<string, ImportField> | undefined);
  if (!Object.values(mapped.mapping).includes('companyName')) {
    throw invalid('/mapping', 'no_company_column', { columns: headers.join(', ') }, { columns: headers, mapping: mapped.mapping });
  }
  return mapped;
}

/**
 * Unique header names, so each column can be mapped: a repeated one gets " (2)", " (3)" … the
 * first such name that no column has, the file's own names included ("Company, Company, Company
 * (2)" → "Company", "Company (3)", "Company (2)").
 */
function uniqueHeaders(headers: string[]): string[] {
  const taken = new Set(headers);
  const seen = new Set<string>();
  return headers.map((h) => {
    if (!seen.has(h)) {
      seen.add(h);
      return h;
    }
    let n = 2;
    while (taken.has(`${h} (${n})`)) n++;
    const name = `${h} (${n})`;
    taken.add(name);
    return name;
  });
}

/** `uploaded`: the company names the upload gives the rows, by row number. */
export function rowView(r: SeenRow, uploaded?: ReadonlyMap<number, string>): ImportRow {
  const name = uploaded?.get(r.row_no);
  return {
    row: r.row_no,
    outcome: r.outcome,
    ...(r.customer_id ? { customerId: r.customer_id } : {}),
    ...(r.company_name ? { companyName: r.company_name } : {}),
    // Only for rows without a customer: one with a customer is named as the reader may read it (report-access.ts).
    ...(name && !r.customer_id ? { uploadedCompanyName: name } : {}),
    ...(r.duplicate_of ? { duplicateOf: r.duplicate_of } : {}),
    ...(r.errors ? { errors: r.errors.map(({ column, field, message, code }) => ({ column, field, message, ...(code ? { code } : {}) })) } : {}),
    ...(r.assignment ? { assignment: r.assignment } : {}),
    ...(r.filled_fields ? { filledFields: r.filled_fields } : {}),
    ...(r.possible_duplicates ? { possibleDuplicates: r.possible_duplicates } : {}),
  };
}

/**
 * An import looks up every company name, e-mail, phone and website of its rows, and its report
 * names the customers found (R9: ids only to who may read them in full): so a job started by
 * anyone but an admin (who reads every customer anyway) is recorded in the duplicate look-up's
 * audit (GET /customers/lookup/audit) as that rep's, one entry per job: the file and the job as
 * the query, read as "import", its rows as the count.
 */
async function auditImport(tx: Kysely<Database>, actor: Actor, job: { id: string; fileName: string; rowsTotal: number; now: Date }) {
  if (actor.role === 'admin') return;
  await tx
    .insertInto('customer_lookups')
    .values({ id: newId(), rep_id: actor.repId, query: `import ${job.fileName} (${job.id})`, kinds: ['import'], matches: job.rowsTotal, at: job.now })
    .execute();
}

export function createImportService(deps: ImportServiceDeps) {
  const { db, clock } = deps;
  const ttl = deps.importUploadTtlMs ?? DAY_MS;

  const maySee = (actor: Actor, job: ImportJobRecord) =>
    actor.role === 'admin' || job.created_by === actor.repId || (actor.role === 'manager' && actor.teamId !== null && job.team_id === actor.teamId);

  async function load(actor: Actor, id: string): Promise<ImportJobRecord> {
    const job = await findImportJob(db, id);
    if (!job || !maySee(actor, job)) throw notFound();
    return job;
  }

  /** The company names the job's upload gives `rows` (its company column's cells), while the upload is kept; none once it expired. */
  async function uploadedNames(job: ImportJobRecord, rows: readonly { row_no: number }[]): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    if (rows.length === 0) return names;
    const upload = await uploadOf(db, job.upload_id);
    const header = Object.entries(job.mapping).find(([, field]) => field === 'companyName')?.[0];
    const index = upload && header !== undefined ? upload.headers.indexOf(header) : -1;
    if (index < 0) return names;
    const cells = await db
      .selectFrom('import_upload_rows')
      .select(['row_no', 'cells'])
      .where('upload_id', '=', job.upload_id)
      .where('row_no', 'in', rows.map((r) => r.row_no))
      .execute();
    for (const r of cells) {
      const value = unmarked((r.cells as unknown as string[])[index] ?? '').trim();
      if (value && !value.startsWith('=')) names.set(r.row_no, value);
    }
    return names;
  }

  async function view(actor: Actor, job: ImportJobRecord, language: Language): Promise<ImportJob> {
    // The first rows of each outcome, each read from the (job, outcome, row) index: cheap to poll on a 100,000-row job.
    const samples: ImportJob['samples'] = { created: [], duplicate: [], updated: [], refused: [] };
    const firstRows = await Promise.all(IMPORT_OUTCOMES.map((outcome) => jobRows(db, job.id, { outcome, limit: SAMPLES })));
    const seen = await rowsSeenBy(db, actor, firstRows.flat(), language);
    const names = await uploadedNames(job, seen);
    for (const r of seen) samples[r.outcome].push(rowView(r, names));
    // The rows' speed is over the rows' phase (the similar-names phase runs beside it and ends after it).
    const end = job.rows_done_at ?? job.finished_at ?? clock.now();
    const seconds = job.started_at ? Math.max(0.001, (end.getTime() - job.started_at.getTime()) / 1000) : 0;
    return {
      id: job.id,
      file: job.file_name,
      format: job.format,
      mode: job.mode,
      status: job.status,
      options: job.options as unknown as ImportOptions,
      mapping: job.mapping,
      unmappedColumns: job.unmapped_columns,
      progress: {
        rowsTotal: job.rows_total,
        rowsRead: job.rows_done,
        created: job.created,
        duplicates: job.duplicates,
        updated: job.updated,
        refused: job.refused,
        assigned: job.assigned,
        percent: job.rows_total === 0 ? 100 : Math.floor((job.rows_done / job.rows_total) * 1000) / 10,
        rowsPerSecond: seconds > 0 ? Math.round(job.rows_done / seconds) : 0,
        phase: job.status !== 'queued' && job.status !== 'running' ? 'done' : job.rows_done_at ? 'similar' : 'rows',
        similarChecked: job.similar_checked,
        similarTotal: job.created,
      },
      samples,
      createdBy: job.created_by,
      createdByName: (await repNames(db, [job.created_by])).get(job.created_by) ?? null,
      createdAt: job.created_at.toISOString(),
      startedAt: job.started_at?.toISOString() ?? null,
      finishedAt: job.finished_at?.toISOString() ?? null,
      rowsDoneAt: job.rows_done_at?.toISOString() ?? null,
      uploadExpiresAt: job.upload_expires_at.toISOString(),
      committedJobId: job.committed_job_id,
      previewJobId: job.preview_job_id,
      error: job.error,
    };
  }

  async function checkOptions(actor: Actor, options: ImportOptions) {
    if (options.overridePrivate && actor.role !== 'admin') {
      throw new AppError(ErrorCode.FORBIDDEN, "Only an admin may fill another rep's private customers (overridePrivate).", { pointer: '/overridePrivate' });
    }
    // An admin power: an admin's token needs the admin scope for it.
    if (options.overridePrivate) assertAdminScope(actor);
    if (options.poolId && !(await poolExists(db, options.poolId))) throw invalid('/poolId', 'unknown', { what: 'pool', id: options.poolId });
    // The pool the rows land in, named or the default one (rows name none of their own).
    await assertPoolOpen(db, options.poolId ?? 'default', actor, '/poolId');
  }

  /** Starts a stored job's workflow; if it cannot start, the job fails at once (nothing imported) and the caller may try again. */
  async function startWorkflow(id: string) {
    try {
      await deps.lifecycle.startImport(id);
    } catch (e) {
      await endJob(db, id, 'failed', clock.now(), 'the job could not start: the workflow service is unavailable');
      throw e;
    }
  }

  return {
    async start(actor: Actor, input: StartImport, language: Language): Promise<ImportJob> {
      await checkOptions(actor, input.options);
      const now = clock.now();
      await dropExpiredUploads(db, now);
      const uploadId = newId();
      const jobId = newId();
      const expiresAt = new Date(now.getTime() + ttl);
      // The whole file is read (as a stream, each row kept as its JSON) before anything is written,
      // so a fault anywhere in it (a limit, a broken workbook) answers at once and leaves nothing behind.
      let headers: string[] | null = null;
      let mapped: ReturnType<typeof mapColumns> | null = null;
      const rows: string[] = [];
      for await (const record of sheetRecords(input.buffer, input.format)) {
        if (record.kind === 'row') {
          rows.push(JSON.stringify(record.cells));
          continue;
        }
        headers = uniqueHeaders(record.headers);
        mapped = mapOrRefuse(headers, input.mapping);
      }
      if (rows.length === 0) throw invalid('/file', 'no_customers');
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('import_uploads')
          .values({ id: uploadId, file_name: input.fileName, format: input.format, headers: JSON.stringify(headers), rows_total: rows.length, created_by: actor.repId, created_at: now, expires_at: expiresAt })
          .execute();
        for (let at = 0; at < rows.length; at += STAGE_CHUNK) {
          // Row numbers as in the sheet's report: the header is row 1.
          await sql`insert into import_upload_rows (upload_id, row_no, cells)
            select ${uploadId}, ${at + 1} + o, c from unnest(${rows.slice(at, at + STAGE_CHUNK)}::jsonb[]) with ordinality as u(c, o)`.execute(tx);
        }
        await insertImportJob(tx, { id: jobId, uploadId, fileName: input.fileName, format: input.format, mode: input.mode, options: input.options, mapped: mapped!, rowsTotal: rows.length, actor, previewJobId: null, now, expiresAt });
        await auditImport(tx, actor, { id: jobId, fileName: input.fileName, rowsTotal: rows.length, now });
      });
      // The batches read the staged rows in order from their next row: planned from statistics that know the upload.
      await refreshPlannerStatistics(db, 'import_upload_rows');
      await startWorkflow(jobId);
      return view(actor, (await findImportJob(db, jobId))!, language);
    },

    async list(actor: Actor, limit: number, cursor: string | undefined, language: Language) {
      let q = db.selectFrom('import_jobs').selectAll();
      if (actor.role === 'manager' && actor.teamId) q = q.where((eb) => eb.or([eb('created_by', '=', actor.repId), eb('team_id', '=', actor.teamId)]));
      else if (actor.role !== 'admin') q = q.where('created_by', '=', actor.repId);
      const page = toPage(await newestFirstPage(q, limit, decodeCursor(cursor)).execute(), limit);
      return { items: await Promise.all(page.items.map((job) => view(actor, job, language))), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string, language: Language): Promise<ImportJob> {
      return view(actor, await load(actor, id), language);
    },

    /** A previewed job's upload committed as a new job; the preview names it. */
    async commit(actor: Actor, id: string, body: CommitImportBody, language: Language): Promise<ImportJob> {
      const preview = await load(actor, id);
      if (preview.mode !== 'preview') throw new AppError(ErrorCode.CONFLICT, 'This import was not a preview; it commits as it runs.');
      if (preview.status !== 'previewed') {
        // A preview still running finishes by itself; one cancelled or failed never will.
        const next = preview.status === 'queued' || preview.status === 'running' ? 'commit it once it has finished' : `it will not finish: preview the upload again (POST /imports/${preview.id}/remap) or upload the file again`;
        throw new AppError(ErrorCode.CONFLICT, `The preview is ${preview.status}; ${next}.`, { status: preview.status });
      }
      if (preview.committed_job_id) throw new AppError(ErrorCode.CONFLICT, 'This preview was committed already.', { jobId: preview.committed_job_id });
      const now = clock.now();
      const upload = await uploadOf(db, preview.upload_id);
      if (!upload || upload.expires_at <= now) throw new AppError(ErrorCode.CONFLICT, 'The upload of this preview is no longer kept; upload the file again.');
      const options: ImportOptions = { ...(preview.options as unknown as ImportOptions), ...body };
      await checkOptions(actor, options);
      const jobId = newId();
      await db.transaction().execute(async (tx) => {
        const claimed = await tx.updateTable('import_jobs').set({ committed_job_id: jobId }).where('id', '=', preview.id).where('committed_job_id', 'is', null).returning('id').execute();
        if (claimed.length === 0) throw new AppError(ErrorCode.CONFLICT, 'This preview was committed already.');
        await insertImportJob(tx, {
          id: jobId,
          uploadId: preview.upload_id,
          fileName: preview.file_name,
          format: preview.format,
          mode: 'commit',
          options,
          mapped: { mapping: preview.mapping, unmapped: preview.unmapped_columns },
          rowsTotal: preview.rows_total,
          actor,
          previewJobId: preview.id,
          now,
          expiresAt: upload.expires_at,
        });
        await auditImport(tx, actor, { id: jobId, fileName: preview.file_name, rowsTotal: preview.rows_total, now });
      });
      await startWorkflow(jobId);
      return view(actor, (await findImportJob(db, jobId))!, language);
    },

    /**
     * A job's kept upload previewed again with another column mapping, as a new preview job with the
     * job's options: the file need not be at hand (another browser, another day, until the upload
     * expires).
     */
    async remap(actor: Actor, id: string, mapping: Record<string, string>, language: Language): Promise<ImportJob> {
      const source = await load(actor, id);
      const now = clock.now();
      const upload = await uploadOf(db, source.upload_id);
      if (!upload || upload.expires_at <= now) throw new AppError(ErrorCode.CONFLICT, 'The upload of this import is no longer kept; upload the file again.');
      const mapped = mapOrRefuse(upload.headers, mapping);
      const options = source.options as unknown as ImportOptions;
      await checkOptions(actor, options);
      const jobId = newId();
      await db.transaction().execute(async (tx) => {
        await insertImportJob(tx, { id: jobId, uploadId: upload.id, fileName: source.file_name, format: source.format, mode: 'preview', options, mapped, rowsTotal: upload.rows_total, actor, previewJobId: null, now, expiresAt: upload.expires_at });
        await auditImport(tx, actor, { id: jobId, fileName: source.file_name, rowsTotal: upload.rows_total, now });
      });
      await startWorkflow(jobId);
      return view(actor, (await findImportJob(db, jobId))!, language);
    },

    /** Asks the job to stop; it does after the batch that is running, every processed row recorded. */
    async cancel(actor: Actor, id: string, language: Language): Promise<ImportJob> {
      const job = await load(actor, id);
      if (job.status !== 'queued' && job.status !== 'running') throw new AppError(ErrorCode.CONFLICT, `The import is ${job.status} already.`, { status: job.status });
      await db.updateTable('import_jobs').set({ cancel_requested: true }).where('id', '=', id).execute();
      return view(actor, (await findImportJob(db, id))!, language);
    },

    async rows(actor: Actor, id: string, q: { outcome?: ImportOutcome | undefined; limit: number; cursor?: string | undefined }, language: Language) {
      const job = await load(actor, id);
      const rows = await jobRows(db, job.id, { outcome: q.outcome, after: q.cursor === undefined ? undefined : Number(q.cursor), limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const seen = await rowsSeenBy(db, actor, items, language);
      const names = await uploadedNames(job, seen);
      return { items: seen.map((r) => rowView(r, names)), nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.row_no) : null };
    },

    async report(actor: Actor, id: string, format: DownloadFormat, language: Language): Promise<ImportDownload> {
      const job = await load(actor, id);
      return { body: await reportFile(db, job, format, language, (rows) => rowsSeenBy(db, actor, rows, language), (rows) => uploadedNames(job, rows)), name: `import-${job.id}-report.${format}`, type: TYPES[format] };
    },

    async rejects(actor: Actor, id: string, format: DownloadFormat, language: Language): Promise<ImportDownload> {
      const job = await load(actor, id);
      const upload = await uploadOf(db, job.upload_id);
      if (!upload) throw new AppError(ErrorCode.CONFLICT, 'The upload of this import is no longer kept, so its rows cannot be rebuilt; the report is still available.');
      return { body: await rejectsFile(db, job, upload.headers, format, language, (rows) => rowsSeenBy(db, actor, rows, language)), name: `import-${job.id}-rejects.${format}`, type: TYPES[format] };
    },
  };
}
