// Import jobs (R11, issue 14), the API's side: an upload read once as a stream and staged in the
// database (refused at the first file-level fault, with nothing kept), its job started as a
// workflow; committing a preview, cancelling, and the job's progress, rows and files.
import { type Kysely, sql } from 'kysely';
import { newId } from '../ids.js';
import type { CommitImportBody, ImportJob, ImportOptions, ImportOutcome } from '../../schemas/imports.js';
import { type Actor, assertAdminScope } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Language } from '../../schemas/language.js';
import { decodeCursor, newestFirstPage, toPage } from '../db/pagination.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { AppError, ErrorCode } from '../errors.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { assertPoolOpen } from '../pools/pool-access.js';
import { poolExists } from '../pools/pools.repository.js';
import type { mapColumns } from './column-mapping.js';
import { type DownloadFormat, rejectsFile, reportFile } from './import-downloads.js';
import { jobView, rowView, uploadedNames } from './job-view.js';
import { rowsSeenBy } from './report-access.js';
import { type ImportJobRecord, dropExpiredUploads, endJob, findImportJob, insertImportJob, jobRows, uploadOf } from './import-jobs.repository.js';
import { type SheetFormat, sheetRecords } from './spreadsheet.js';
import { invalid, mapOrRefuse, uniqueHeaders } from './upload-columns.js';

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
const TYPES: Record<DownloadFormat, string> = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such import, or not one you may see.');

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
      return jobView(db, clock, actor, (await findImportJob(db, jobId))!, language);
    },

    async list(actor: Actor, limit: number, cursor: string | undefined, language: Language) {
      let q = db.selectFrom('import_jobs').selectAll();
      if (actor.role === 'manager' && actor.teamId) q = q.where((eb) => eb.or([eb('created_by', '=', actor.repId), eb('team_id', '=', actor.teamId)]));
      else if (actor.role !== 'admin') q = q.where('created_by', '=', actor.repId);
      const page = toPage(await newestFirstPage(q, limit, decodeCursor(cursor)).execute(), limit);
      return { items: await Promise.all(page.items.map((job) => jobView(db, clock, actor, job, language))), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string, language: Language): Promise<ImportJob> {
      return jobView(db, clock, actor, await load(actor, id), language);
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
      return jobView(db, clock, actor, (await findImportJob(db, jobId))!, language);
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
      return jobView(db, clock, actor, (await findImportJob(db, jobId))!, language);
    },

    /** Asks the job to stop; it does after the batch that is running, every processed row recorded. */
    async cancel(actor: Actor, id: string, language: Language): Promise<ImportJob> {
      const job = await load(actor, id);
      if (job.status !== 'queued' && job.status !== 'running') throw new AppError(ErrorCode.CONFLICT, `The import is ${job.status} already.`, { status: job.status });
      await db.updateTable('import_jobs').set({ cancel_requested: true }).where('id', '=', id).execute();
      return jobView(db, clock, actor, (await findImportJob(db, id))!, language);
    },

    async rows(actor: Actor, id: string, q: { outcome?: ImportOutcome | undefined; limit: number; cursor?: string | undefined }, language: Language) {
      const job = await load(actor, id);
      const rows = await jobRows(db, job.id, { outcome: q.outcome, after: q.cursor === undefined ? undefined : Number(q.cursor), limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const seen = await rowsSeenBy(db, actor, items, language);
      const names = await uploadedNames(db, job, seen);
      return { items: seen.map((r) => rowView(r, names)), nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.row_no) : null };
    },

    async report(actor: Actor, id: string, format: DownloadFormat, language: Language): Promise<ImportDownload> {
      const job = await load(actor, id);
      return { body: await reportFile(db, job, format, language, (rows) => rowsSeenBy(db, actor, rows, language), (rows) => uploadedNames(db, job, rows)), name: `import-${job.id}-report.${format}`, type: TYPES[format] };
    },

    async rejects(actor: Actor, id: string, format: DownloadFormat, language: Language): Promise<ImportDownload> {
      const job = await load(actor, id);
      const upload = await uploadOf(db, job.upload_id);
      if (!upload) throw new AppError(ErrorCode.CONFLICT, 'The upload of this import is no longer kept, so its rows cannot be rebuilt; the report is still available.');
      return { body: await rejectsFile(db, job, upload.headers, format, language, (rows) => rowsSeenBy(db, actor, rows, language)), name: `import-${job.id}-rejects.${format}`, type: TYPES[format] };
    },
  };
}
