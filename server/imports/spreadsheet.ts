// Reads an uploaded CSV or XLSX into header names and rows of text, whatever Excel produced:
// UTF-8 with or without BOM, or GB18030 (what Excel on Chinese Windows saves as CSV). Both are
// read as streams and checked against the import limits while reading, so an oversized file is
// refused after reading about as much as the limit allows, and the event loop gets a turn between
// chunks.
import { isUtf8 } from 'node:buffer';
import { Readable, pipeline } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError, ErrorCode } from '../errors.js';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { type SheetRow, xlsxRows } from './xlsx-rows.js';

export interface Sheet {
  headers: string[];
  rows: Record<string, string>[];
}

export type SheetFormat = 'csv' | 'xlsx';

/** Text is decoded and parsed this many bytes at a time, with a turn of the event loop between. */
const CHUNK_BYTES = 4 * 1024;

const refuse = (message: string, detail: string) =>
  new AppError(ErrorCode.VALIDATION_FAILED, message, { location: 'body', issues: [{ pointer: '/file', message: detail }] });

const tooManyRows = (max: number) => refuse(`The file has more than ${max} rows; import at most ${max} at a time.`, `more than ${max} rows`);
const tooManyColumns = (row: number, max: number) =>
  refuse(`Row ${row} has more than ${max} columns; remove the columns that are not customer data.`, `row ${row}: more than ${max} columns`);
const cellTooLong = (row: number, column: number, max: number) =>
  refuse(`Row ${row}, column ${column} holds more than ${max} characters; shorten it or remove the column.`, `row ${row}, column ${column}: more than ${max} characters`);

// NUL never means anything in a cell (PostgreSQL text cannot hold it either), so it is dropped.
// A lone surrogate (an XML character reference in a hand-made .xlsx) becomes U+FFFD: PostgreSQL
// could not store it, and it never meant anything either.
const clean = (cell: string | undefined) => (cell ?? '').replaceAll('\u0000', '').toWellFormed().trim();

/** The header (first non-blank row) and then each non-blank data row; refused at the first limit passed. */
export type SheetRecord = { kind: 'header'; headers: string[] } | { kind: 'row'; cells: string[] };

async function* records(rows: AsyncIterable<SheetRow>, limits: ImportLimits): AsyncGenerator<SheetRecord> {
  let headers: string[] | null = null;
  let count = 0;
  let chars = 0;
  for await (const row of rows) {
    if (row.cells.length > limits.maxColumns) throw tooManyColumns(row.number, limits.maxColumns);
    const cells = row.cells.map(clean);
    if (cells.every((c) => c === '')) continue;
    cells.forEach((c, i) => {
      if (c.length > limits.maxCellChars) throw cellTooLong(row.number, i + 1, limits.maxCellChars);
      chars += c.length;
    });
    if (chars > limits.maxSheetChars) {
      throw refuse(`The file holds more than ${limits.maxSheetChars} characters of text; split it.`, `more than ${limits.maxSheetChars} characters`);
    }
    if (!headers) {
      headers = cells.map((h, i) => h || `column ${i + 1}`);
      yield { kind: 'header', headers };
      continue;
    }
    if (++count > limits.maxRows) throw tooManyRows(limits.maxRows);
    yield { kind: 'row', cells: headers.map((_, i) => cells[i] ?? '') };
  }
  if (!headers) throw refuse('The file is empty.', 'no rows');
}

/** Rows into a Sheet: blank rows skipped, the first other row the header; refused at the first limit passed. */
async function collect(rows: AsyncIterable<SheetRow>, limits: ImportLimits): Promise<Sheet> {
  let headers: string[] = [];
  const out: Record<string, string>[] = [];
  for await (const r of records(rows, limits)) {
    if (r.kind === 'header') headers = r.headers;
    else out.push(Object.fromEntries(headers.map((h, i) => [h, r.cells[i]!])));
  }
  return { headers, rows: out };
}

/** The text of `buffer` in chunks; not valid UTF-8 means GB18030 (the UTF-8 decoder drops a BOM). */
async function* decodedChunks(buffer: Buffer, encoding: 'utf-8' | 'gb18030') {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < buffer.length; at += CHUNK_BYTES) {
    yield decoder.decode(buffer.subarray(at, at + CHUNK_BYTES), { stream: true });
    await nextTurn();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRows(buffer: Buffer, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const encoding = isUtf8(buffer) ? 'utf-8' : 'gb18030';
  // Excel in many locales writes ";" as the separator; pick what the header line uses. A newline
  // byte never occurs inside a multi-byte character in UTF-8 or GB18030.
  const head = buffer.subarray(0, CHUNK_BYTES);
  const firstLine = new TextDecoder(encoding).decode(head.subarray(0, head.includes(10) ? head.indexOf(10) : head.length));
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: limits.maxRowBytes,
    // No per-cell or per-record hooks: csv-parse builds an info object for each call, several times
    // the cost of parsing. collect() checks each record; max_record_size stops a long one as it
    // grows, and the body limit bounds how many empty cells one line can hold.
  });
  const records = pipeline(Readable.from(decodedChunks(buffer, encoding)), parser, () => {});
  let number = 0;
  try {
    for await (const record of records as AsyncIterable<string[]>) yield { number: ++number, cells: record };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof CsvError && e.code === 'CSV_MAX_RECORD_SIZE') {
      const line = (e as CsvError & { lines?: number }).lines ?? number + 1;
      throw refuse(`Row ${line} holds more than ${limits.maxRowBytes} characters; shorten it or remove long columns.`, `row ${line}: more than ${limits.maxRowBytes} characters`);
    }
    throw refuse(`The CSV cannot be read: ${(e as Error).message}`, (e as Error).message);
  } finally {
    parser.destroy();
  }
}

export function detectFormat(fileName: string, buffer: Buffer): SheetFormat | null {
  if (/\.xlsx$/i.test(fileName) || (buffer[0] === 0x50 && buffer[1] === 0x4b)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  return null;
}

/** The header and the rows of an upload as they are read (nothing collected). */
export function sheetRecords(buffer: Buffer, format: SheetFormat, limits: ImportLimits = IMPORT_LIMITS): AsyncGenerator<SheetRecord> {
  return records(format === 'xlsx' ? xlsxRows(buffer, limits) : csvRows(buffer, limits), limits);
}

export function readSheet(buffer: Buffer, format: SheetFormat, limits: ImportLimits = IMPORT_LIMITS): Promise<Sheet> {
  return collect(format === 'xlsx' ? xlsxRows(buffer, limits) : csvRows(buffer, limits), limits);
}
