// Reads the first sheet that holds data of an uploaded .xlsx as a stream of rows, refusing zip bombs before
// inflating anything: the central directory's entry count, declared sizes and compression ratios
// are checked first (yauzl), and each part is then inflated through yauzl, which stops a part that
// unpacks to more than it declared. ExcelJS parses the parts (workbook, shared strings, styles,
// the sheet) but never sees the zip: its own reader follows the local headers, inflates whatever
// they hold (entries the directory does not list included) and spills early sheets to temp files.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError } from '../errors.js';
import type { ImportLimits } from './import-limits.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';

export interface SheetRow {
  /** The row number in the sheet (the header is usually 1). */
  number: number;
  cells: string[];
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MiB`;

/** The file refused: `message` in English, the issue at /file by its code (worded in the reader's language). */
const refuse = (message: string, code: IssueCode, params: IssueParams = {}) => invalidRequest('body', [{ pointer: '/file', code, params }], { message });

const unreadable = (detail: string) => refuse(`The file is not a readable .xlsx workbook (${detail}); save it as .xlsx or .csv.`, 'unreadable_xlsx', { detail });

/** The parts of ExcelJS's streaming WorkbookReader used here (not in its type declarations). */
interface WorkbookParts {
  model?: { sheets?: { rId?: string; name?: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

/** An Excel error value (#DIV/0!, #N/A …) is kept as written, so the row reader can say what it is. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('error' in value) return String(value.error);
    if ('formula' in value || 'sharedFormula' in value) {
      // A formula whose value the file does not hold (a workbook written by a program, never
      // recalculated), or whose value is an error (ExcelJS' stream reader reads that as NaN): its
      // text, which the row reader refuses as a formula without a value rather than an empty cell.
      const result = value.result;
      if (result === undefined || result === null || Number.isNaN(result)) return `=${'formula' in value ? value.formula : value.sharedFormula}`;
      return cellText(value.result as ExcelJS.CellValue);
    }
    return '';
  }
  return String(value);
}

/** The central directory, checked before anything is inflated. */
async function checkedEntries(zip: yauzl.ZipFile, limits: ImportLimits['xlsx']) {
  if (zip.entryCount > limits.maxEntries) {
    throw refuse(`The workbook holds ${zip.entryCount} files; a spreadsheet holds far fewer (at most ${limits.maxEntries}). Save the list alone as .xlsx or .csv.`, 'too_many_entries', { max: limits.maxEntries });
  }
  const entries = new Map<string, yauzl.Entry>();
  let unpacked = 0;
  for await (const entry of zip.eachEntry()) {
    if (entries.has(entry.fileName)) throw unreadable(`"${entry.fileName}" appears twice`);
    if (entry.isEncrypted()) throw refuse('The workbook is encrypted; remove the password and upload it again.', 'encrypted_xlsx');
    unpacked += entry.uncompressedSize;
    if (unpacked > limits.maxUnpackedBytes) {
      throw refuse(`The workbook unpacks to more than ${mib(limits.maxUnpackedBytes)}; save the list alone (one sheet, no images) as .xlsx or .csv.`, 'unpacks_too_large', { size: mib(limits.maxUnpackedBytes) });
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > MiB && ratio > limits.maxCompressionRatio) {
      throw refuse(
        `"${entry.fileName}" would unpack to ${Math.round(ratio)} times its packed size; a spreadsheet does not compress like that. Save the list again as .xlsx or .csv.`,
        'unpacks_ratio',
        { name: entry.fileName, ratio: Math.round(ratio) },
      );
    }
    entries.set(entry.fileName, entry);
  }
  return entries;
}

/** The sheets in the workbook's tab order, each with where it lives in the zip (hidden ones left out). */
function sheetPaths(book: WorkbookParts, entries: Map<string, yauzl.Entry>): { name: string; path: string }[] {
  const listed = (book.model?.sheets ?? []).filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const out = listed.flatMap((s, i) => {
    const target = book.workbookRels?.find((r) => r.Id === s.rId)?.Target;
    if (!target) return [];
    return [{ name: s.name ?? `Sheet ${i + 1}`, path: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target)) }];
  });
  if (out.length > 0) return out;
  const numbered = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  return numbered.sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1])).map((path) => ({ name: posix.basename(path, '.xml'), path }));
}

/** The rows of the first sheet that holds data, read as the sheet inflates; stop iterating to stop reading. */
export async function* xlsxRows(buffer: Buffer, limits: ImportLimits): AsyncGenerator<SheetRow> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    throw unreadable((e as Error).message);
  }
  const opened: Readable[] = [];
  try {
    const entries = await checkedEntries(zip, limits.xlsx);
    const open = async (name: string) => {
      const entry = entries.get(name);
      if (!entry) return null;
      if (entry.uncompressedSize > limits.xlsx.maxPartBytes) {
        throw refuse(`"${name}" unpacks to ${mib(entry.uncompressedSize)}; at most ${mib(limits.xlsx.maxPartBytes)} can be imported. Split the list.`, 'part_too_large', { name, size: mib(limits.xlsx.maxPartBytes) });
      }
      const stream = await zip.openReadStreamPromise(entry);
      opened.push(stream);
      return stream;
    };

    const book = new ExcelJS.stream.xlsx.WorkbookReader(null as never, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as WorkbookParts;
    for (const method of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet'] as const) {
      if (typeof book[method] !== 'function') throw new Error(`exceljs no longer has WorkbookReader.${method}; check xlsx-rows.ts against its version`);
    }
    const rels = await open('xl/_rels/workbook.xml.rels');
    if (rels) await book._parseRels(rels);
    const workbook = await open('xl/workbook.xml');
    if (!workbook) throw unreadable('no xl/workbook.xml');
    await book._parseWorkbook(workbook);
    const styles = await open('xl/styles.xml');
    if (styles) await book._parseStyles(styles);
    book.sharedStrings = [];
    const shared = await open('xl/sharedStrings.xml');
    if (shared) for await (const _ of book._parseSharedStrings(shared));

    // The first sheet that holds data: a cover or an emptied first tab is passed over.
    const sheets = sheetPaths(book, entries);
    for (const { path } of sheets) {
      const sheet = await open(path);
      if (!sheet) continue;
      let holdsData = false;
      for (const { eventType, value: rows } of book._parseWorksheet(sheet, /(\d+)\.xml$/.exec(path)?.[1] ?? '1')) {
        if (eventType !== 'worksheet') continue;
        for await (const row of rows) {
          const cells: string[] = [];
          let tooWide = false;
          row.eachCell({ includeEmpty: false }, (cell, column) => {
            const text = cellText(cell.value);
            if (column > limits.maxColumns) tooWide ||= text !== '';
            else cells[column - 1] = text;
          });
          if (tooWide) {
            throw refuse(`Row ${row.number} has more than ${limits.maxColumns} columns; remove the columns that are not customer data.`, 'too_many_columns', { row: row.number, max: limits.maxColumns });
          }
          holdsData ||= cells.some((c) => c.replaceAll('\u0000', '').trim() !== '');
          yield { number: row.number, cells: Array.from(cells, (c) => c ?? '') };
        }
      }
      if (holdsData) return;
    }
    if (sheets.length === 0) throw refuse('The workbook has no sheet.', 'no_sheet');
    const names = sheets.map((s) => s.name).join(', ');
    throw refuse(`No sheet of the workbook holds data (sheets: ${names}); put the list, with its column names in the first row, on one of them.`, 'empty_sheets', { names });
  } catch (e) {
    if (e instanceof AppError) throw e;
    // yauzl stops a part that inflates past its declared size; sax and ExcelJS fail on broken XML.
    throw unreadable((e as Error).message);
  } finally {
    for (const stream of opened) stream.destroy();
    zip.close();
  }
}
