// An import job's files: the per-row report, and the refused and duplicate rows in the upload's
// own columns with a column saying why (to fix and upload again), as CSV (UTF-8 with a BOM, so
// Excel reads Chinese text) or XLSX (exceljs' streaming writer). The headers and reasons the server
// writes are in the file's language (refusal-words.ts); the upload's own cells as they were.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Language } from '../../schemas/language.js';
import type { Database } from '../db/database.js';
import type { ImportJobRecord, ImportJobRowRecord } from './import-jobs.repository.js';
import { jobRows } from './import-jobs.repository.js';
import type { SeenRow } from './report-access.js';
import { REPORT_HEADER, RESULT_COLUMN, duplicateWords, fieldList, matchedOnWords, outcomeWord, refusalLine, similarWords } from './refusal-words.js';

export type DownloadFormat = 'csv' | 'xlsx';

const PAGE = 5000;

/**
 * A CSV cell that a spreadsheet would run as a formula (=, +, -, @, a tab or CR first: OWASP's CSV
 * injection list) is written as text, marked by a leading apostrophe; an upload reads the mark
 * away again (row-input.ts), so a rejects file fixed and uploaded keeps the values as typed. XLSX
 * text cells never run.
 */
const inert = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const csvCell = (v: string) => (/[",\r\n;]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A cell: text, or a number (a row number), which XLSX keeps as a number. */
type Cell = string | number;

async function render(format: DownloadFormat, header: string[], rows: AsyncIterable<Cell[]>, sheetName: string): Promise<Uint8Array> {
  if (format === 'csv') {
    const parts: string[] = ['\uFEFF' + header.map((h) => csvCell(inert(h))).join(',')];
    for await (const r of rows) parts.push(r.map((c) => (typeof c === 'number' ? String(c) : csvCell(inert(c)))).join(','));
    return Buffer.from(parts.join('\r\n') + '\r\n', 'utf8');
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet(sheetName);
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

/** Why a row was not imported, in one sentence. */
function reasonOf(r: Pick<SeenRow, 'outcome' | 'duplicate_of' | 'errors'>, language: Language): string {
  if (r.outcome === 'duplicate' && r.duplicate_of) return duplicateWords(r.duplicate_of, language);
  return errorsOf(r, language);
}

const errorsOf = (r: Pick<SeenRow, 'errors'>, language: Language) => (r.errors ?? []).map((e) => refusalLine(e, language)).join(language === 'zh' ? '；' : '; ');

/** `uploaded`: the company names the upload gives rows (while it is kept), for rows that made no customer (a preview's, a refused one's). */
export function reportFile(db: Kysely<Database>, job: ImportJobRecord, format: DownloadFormat, language: Language, see: Seeing, uploaded: (rows: readonly SeenRow[]) => Promise<ReadonlyMap<number, string>>) {
  async function* rows() {
    for await (const page of pages(db, job.id, see)) {
      const names = await uploaded(page.filter((r) => !r.customer_id));
      for (const r of page) {
        yield [
          r.row_no,
          outcomeWord(r.outcome, language),
          r.customer_id ?? '',
          // A duplicate row is named by the customer it duplicates, where the reader may read it; a
          // row that made no customer by the name its upload gives it (as GET …/rows does).
          r.company_name ?? r.duplicate_of?.companyName ?? names.get(r.row_no) ?? '',
          r.duplicate_of?.customerId ?? '',
          r.duplicate_of?.row ?? '',
          r.duplicate_of ? (language === 'zh' ? matchedOnWords(r.duplicate_of.matchedOn, language) : r.duplicate_of.matchedOn.join(' ')) : '',
          r.assignment ? outcomeWord(r.assignment.status, language) : '',
          r.assignment?.repId ?? '',
          r.assignment?.repName ?? '',
          r.assignment?.reason ?? '',
          fieldList(r.filled_fields ?? [], language),
          errorsOf(r, language),
          (r.possible_duplicates ?? []).map((p) => similarWords(p, language)).join(language === 'zh' ? '；' : '; '),
        ];
      }
    }
  }
  return render(format, REPORT_HEADER[language], rows(), language === 'zh' ? '导入报告' : 'Import report');
}

/** The upload's header plus "Import result"; the refused and duplicate rows with their cells as uploaded. */
export function rejectsFile(db: Kysely<Database>, job: ImportJobRecord, headers: string[], format: DownloadFormat, language: Language, see: Seeing) {
  async function* rows() {
    for await (const page of pages(db, job.id, see, ['refused', 'duplicate'])) {
      const cells = await db
        .selectFrom('import_upload_rows')
        .select(['row_no', 'cells'])
        .where('upload_id', '=', job.upload_id)
        .where('row_no', 'in', page.map((r) => r.row_no))
        .execute();
      const byRow = new Map(cells.map((c) => [c.row_no, c.cells]));
      for (const r of page) yield [...headers.map((_, i) => byRow.get(r.row_no)?.[i] ?? ''), reasonOf(r, language)];
    }
  }
  return render(format, [...headers, RESULT_COLUMN[language]], rows(), language === 'zh' ? '需修正的行' : 'Rows to fix');
}
