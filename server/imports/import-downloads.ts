// An import job's files: the per-row report, and the refused and duplicate rows in the upload's
// own columns with a column saying why (to fix and upload again), as CSV (UTF-8 with a BOM, so
// Excel reads Chinese text) or XLSX (exceljs' streaming writer).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ImportJobRecord, ImportJobRowRecord } from './import-jobs.repository.js';
import { jobRows } from './import-jobs.repository.js';
import type { SeenRow } from './report-access.js';

export type DownloadFormat = 'csv' | 'xlsx';

const PAGE = 5000;

/** A CSV cell that a spreadsheet would run as a formula is written as text (XLSX text cells never run). */
const inert = (v: string) => (/^[=@\t\r]/.test(v) ? `'${v}` : v);
const csvCell = (v: string) => (/[",\r\n;]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A cell: text, or a number (a row number), which XLSX keeps as a number. */
type Cell = string | number;

async function render(format: DownloadFormat, header: string[], rows: AsyncIterable<Cell[]>): Promise<Uint8Array> {
  if (format === 'csv') {
    const parts: string[] = ['\uFEFF' + header.map((h) => csvCell(inert(h))).join(',')];
    for await (const r of rows) parts.push(r.map((c) => (typeof c === 'number' ? String(c) : csvCell(inert(c)))).join(','));
    return Buffer.from(parts.join('\r\n') + '\r\n', 'utf8');
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('Import');
  sheet.addRow(header).commit();
  for await (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

/** The rows as the reader may see them (report-access.ts). */
type Seeing = (rows: ImportJobRowRecord[]) => Promise<SeenRow[]>;

async function* pages(db: Kysely<Database>, jobId: string, see: Seeing, outcome?: ('refused' | 'duplicate')[]): AsyncGenerator<SeenRow[]> {
  let after: number | undefined;
  for (;;) {
    const rows = await jobRows(db, jobId, { outcome, after, limit: PAGE });
    if (rows.length === 0) return;
    yield await see(rows);
    after = rows[rows.length - 1]!.row_no;
  }
}

/** A refusal: "column: why", or only why when it concerns the row as a whole (no column, no field). */
const refusal = (e: { column: string | null; field: string; message: string }) => {
  const where = e.column || e.field;
  return where ? `${where}: ${e.message}` : e.message;
};

/** Why a row was not imported, in one sentence. */
function reasonOf(r: Pick<SeenRow, 'outcome' | 'duplicate_of' | 'errors'>): string {
  const errors = (r.errors ?? []).map(refusal).join('; ');
  if (r.outcome === 'duplicate' && r.duplicate_of) {
    const d = r.duplicate_of;
    const of = d.customerId ? `customer ${d.customerId}` : d.visibility === 'restricted' ? "a customer you may not read (another rep's, or in a pool not open to you; GET /customers/lookup says where it is)" : `row ${d.row}`;
    return `duplicate of ${of}${d.customerId && d.row ? ` (row ${d.row})` : ''}, matched on ${d.matchedOn.join(', ')}`;
  }
  return errors;
}

const REPORT_HEADER = ['row', 'outcome', 'customerId', 'companyName', 'duplicateOfCustomerId', 'duplicateOfRow', 'matchedOn', 'assignment', 'repId', 'repName', 'assignmentReason', 'filledFields', 'errors', 'possibleDuplicates'];

export function reportFile(db: Kysely<Database>, job: ImportJobRecord, format: DownloadFormat, see: Seeing) {
  async function* rows() {
    for await (const page of pages(db, job.id, see)) {
      for (const r of page) {
        yield [
          r.row_no,
          r.outcome,
          r.customer_id ?? '',
          r.company_name ?? '',
          r.duplicate_of?.customerId ?? '',
          r.duplicate_of?.row ?? '',
          r.duplicate_of?.matchedOn.join(' ') ?? '',
          r.assignment?.status ?? '',
          r.assignment?.repId ?? '',
          r.assignment?.repName ?? '',
          r.assignment?.reason ?? '',
          r.filled_fields?.join(' ') ?? '',
          (r.errors ?? []).map(refusal).join('; '),
          (r.possible_duplicates ?? []).map((p) => `${p.customerId ? `${p.customerId} ` : ''}${p.companyName} (${p.score}${p.row ? `, row ${p.row}` : ''})`).join('; '),
        ];
      }
    }
  }
  return render(format, REPORT_HEADER, rows());
}

/** The upload's header plus "Import result"; the refused and duplicate rows with their cells as uploaded. */
export function rejectsFile(db: Kysely<Database>, job: ImportJobRecord, headers: string[], format: DownloadFormat, see: Seeing) {
  async function* rows() {
    for await (const page of pages(db, job.id, see, ['refused', 'duplicate'])) {
      const cells = await db
        .selectFrom('import_upload_rows')
        .select(['row_no', 'cells'])
        .where('upload_id', '=', job.upload_id)
        .where('row_no', 'in', page.map((r) => r.row_no))
        .execute();
      const byRow = new Map(cells.map((c) => [c.row_no, c.cells]));
      for (const r of page) yield [...headers.map((_, i) => byRow.get(r.row_no)?.[i] ?? ''), reasonOf(r)];
    }
  }
  return render(format, [...headers, 'Import result'], rows());
}
