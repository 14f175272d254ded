// Reads an uploaded CSV or XLSX into header names and rows of text, whatever Excel produced:
// UTF-8 with or without BOM, GB18030 (what Excel on Chinese Windows saves as CSV) or UTF-16 with a
// BOM (its "Unicode text"); other encodings are refused rather than read as GB18030. Both are
// read as streams and checked against the import limits while reading, so an oversized file is
// refused after reading about as much as the limit allows, and the event loop gets a turn between
// chunks.
import { isUtf8 } from 'node:buffer';
import { Readable, pipeline } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../errors.js';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { type SheetRow, xlsxRows } from './xlsx-rows.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { storableText } from '../../schemas/storable-text.js';

export interface Sheet {
  headers: string[];
  rows: Record<string, string>[];
}

export type SheetFormat = 'csv' | 'xlsx';

/** Text is decoded and parsed this many bytes at a time, with a turn of the event loop between. */
const CHUNK_BYTES = 4 * 1024;

/** The file refused: `message` in English, the issue at /file by its code (worded in the reader's language). */
const refuse = (message: string, code: IssueCode, params: IssueParams = {}) => invalidRequest('body', [{ pointer: '/file', code, params }], { message });

const tooManyRows = (max: number) => refuse(`The file has more than ${max} rows; import at most ${max} at a time.`, 'too_many_rows', { max });
const tooManyColumns = (row: number, max: number) =>
  refuse(`Row ${row} has more than ${max} columns; remove the columns that are not customer data.`, 'too_many_columns', { row, max });
const cellTooLong = (row: number, column: number, max: number) =>
  refuse(`Row ${row}, column ${column} holds more than ${max} characters; shorten it or remove the column.`, 'cell_too_long', { row, column, max });

// NUL never means anything in a cell (PostgreSQL text cannot hold it either), so it is dropped.
// A lone surrogate (an XML character reference in a hand-made .xlsx) becomes U+FFFD: PostgreSQL
// could not store it, and it never meant anything either.
const clean = (cell: string | undefined) => storableText(cell ?? '').trim();

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
      throw refuse(`The file holds more than ${limits.maxSheetChars} characters of text; split it.`, 'too_much_text', { max: limits.maxSheetChars });
    }
    if (!headers) {
      headers = cells.map((h, i) => h || `column ${i + 1}`);
      yield { kind: 'header', headers };
      continue;
    }
    if (++count > limits.maxRows) throw tooManyRows(limits.maxRows);
    yield { kind: 'row', cells: headers.map((_, i) => cells[i] ?? '') };
  }
  if (!headers) throw refuse('The file is empty.', 'no_rows');
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

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const notText = () =>
  refuse(
    'The file is neither UTF-8 nor GB18030 text (perhaps Latin-1 or Windows-1252, which would turn accented letters into Chinese characters); save it as UTF-8 (Excel: "CSV UTF-8") or GB18030 and upload it again.',
    'not_text',
  );

/**
 * Whether bytes that are not UTF-8 read as Chinese text in GB18030. Every byte string of another
 * single-byte encoding nearly decodes in it too, so this asks what the text is made of: Chinese
 * text is mostly the two-byte characters of GB2312 (the 6,763 common hanzi and full-width
 * punctuation, both bytes 0xA1–0xFE), while Latin-1 read as GB18030 pairs an accented letter with
 * the ASCII letter after it (outside that range), or breaks at one followed by a space or a comma.
 */
async function isGb18030Text(buffer: Buffer): Promise<boolean> {
  try {
    const decoder = new TextDecoder('gb18030', { fatal: true });
    for (let at = 0; at < buffer.length; at += 64 * CHUNK_BYTES) {
      decoder.decode(buffer.subarray(at, at + 64 * CHUNK_BYTES), { stream: true });
      await nextTurn();
    }
    decoder.decode();
  } catch {
    return false;
  }
  let common = 0;
  let other = 0;
  for (let i = 0; i < buffer.length; ) {
    const lead = buffer[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = buffer[i + 1] ?? 0;
    if (trail >= 0x30 && trail <= 0x39) {
      other++;
      i += 4;
      continue;
    }
    if (lead >= 0xa1 && trail >= 0xa1) common++;
    else other++;
    i += 2;
  }
  return common >= other;
}

/** The encoding of a text upload: a byte-order mark's (UTF-8, UTF-16), else UTF-8, else GB18030 when it reads as Chinese text. */
async function textEncoding(buffer: Buffer): Promise<TextEncoding> {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  if (isUtf8(buffer)) return 'utf-8';
  if (await isGb18030Text(buffer)) return 'gb18030';
  throw notText();
}

/** The text of `buffer` in chunks (the decoders drop a byte-order mark). */
async function* decodedChunks(buffer: Buffer, encoding: TextEncoding) {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < buffer.length; at += CHUNK_BYTES) {
    yield decoder.decode(buffer.subarray(at, at + CHUNK_BYTES), { stream: true });
    await nextTurn();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRows(buffer: Buffer, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const encoding = await textEncoding(buffer);
  // Excel in many locales writes ";" as the separator, and "Unicode text" a tab; pick what the
  // header line uses (read from the decoded text: in UTF-16 a newline byte may be half of another character).
  const firstLine = new TextDecoder(encoding).decode(buffer.subarray(0, CHUNK_BYTES)).split('\n')[0]!;
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
      throw refuse(`Row ${line} holds more than ${limits.maxRowBytes} characters; shorten it or remove long columns.`, 'row_too_long', { row: line, max: limits.maxRowBytes });
    }
    throw refuse(`The CSV cannot be read: ${(e as Error).message}`, 'unreadable_csv', { detail: (e as Error).message });
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
