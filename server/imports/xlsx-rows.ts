// Reads the first sheet of an uploaded .xlsx as a stream of rows, refusing zip bombs before
// inflating anything: the central directory's entry count, declared sizes and compression ratios
// are checked first (yauzl), and each part is then inflated through yauzl, which stops a part that
// unpacks to more than it declared. ExcelJS parses the parts (workbook, shared strings, styles,
// the sheet) but never sees the zip: its own reader follows the local headers, inflates whatever
// they hold (entries the directory does not list included) and spills early sheets to temp files.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError, ErrorCode } from '../errors.js';
import type { ImportLimits } from './import-limits.js';

export interface SheetRow {
  /** The row number in the sheet (the header is usually 1). */
  number: number;
  cells: string[];
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MiB`;

const refuse = (message: string, detail: string) =>
  new AppError(ErrorCode.VALIDATION_FAILED, message, { location: 'body', issues: [{ pointer: '/file', message: detail }] });

const unreadable = (detail: string) => refuse(`The file is not a readable .xlsx workbook (${detail}); save it as .xlsx or .csv.`, `unreadable xlsx: ${detail}`);

/** The parts of ExcelJS's streaming WorkbookReader used here (not in its type declarations). */
interface WorkbookParts {
  model?: { sheets?: { rId?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formula
    return '';
  }
  return String(value);
}

/** The central directory, checked before anything is inflated. */
async function checkedEntries(zip: yauzl.ZipFile, limits: ImportLimits['xlsx']) {
  if (zip.entryCount > limits.maxEntries) {
    throw refuse(`The workbook holds ${zip.entryCount} files; a spreadsheet holds far fewer (at most ${limits.maxEntries}). Save the list alone as .xlsx or .csv.`, `more than ${limits.maxEntries} zip entries`);
  }
  const entries = new Map<string, yauzl.Entry>();
  let unpacked = 0;
  for await (const entry of zip.eachEntry()) {
    if (entries.has(entry.fileName)) throw unreadable(`"${entry.fileName}" appears twice`);
    if (entry.isEncrypted()) throw refuse('The workbook is encrypted; remove the password and upload it again.', 'encrypted xlsx');
    unpacked += entry.uncompressedSize;
    if (unpacked > limits.maxUnpackedBytes) {
      throw refuse(`The workbook unpacks to more than ${mib(limits.maxUnpackedBytes)}; save the list alone (one sheet, no images) as .xlsx or .csv.`, `unpacks to more than ${mib(limits.maxUnpackedBytes)}`);
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > MiB && ratio > limits.maxCompressionRatio) {
      throw refuse(
        `"${entry.fileName}" would unpack to ${Math.round(ratio)} times its packed size; a spreadsheet does not compress like that. Save the list again as .xlsx or .csv.`,
        `${entry.fileName} unpacks ${Math.round(ratio)}:1`,
      );
    }
    entries.set(entry.fileName, entry);
  }
  return entries;
}

/** Where the first sheet (in the workbook's tab order) lives in the zip. */
function firstSheetPath(book: WorkbookParts, entries: Map<string, yauzl.Entry>): string | null {
  const rId = book.model?.sheets?.[0]?.rId;
  const target = book.workbookRels?.find((r) => r.Id === rId)?.Target;
  if (target) return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
  const numbered = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  return numbered.sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]))[0] ?? null;
}

/** The rows of the first sheet, read as the sheet inflates; stop iterating to stop reading. */
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
        throw refuse(`"${name}" unpacks to ${mib(entry.uncompressedSize)}; at most ${mib(limits.xlsx.maxPartBytes)} can be imported. Split the list.`, `${name} unpacks to more than ${mib(limits.xlsx.maxPartBytes)}`);
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

    const sheetPath = firstSheetPath(book, entries);
    const sheet = sheetPath ? await open(sheetPath) : null;
    if (!sheet) throw refuse('The workbook has no sheet.', 'no sheet');
    for (const { eventType, value: rows } of book._parseWorksheet(sheet, /(\d+)\.xml$/.exec(sheetPath!)?.[1] ?? '1')) {
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
          throw refuse(`Row ${row.number} has more than ${limits.maxColumns} columns; remove the columns that are not customer data.`, `row ${row.number}: more than ${limits.maxColumns} columns`);
        }
        yield { number: row.number, cells: Array.from(cells, (c) => c ?? '') };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // yauzl stops a part that inflates past its declared size; sax and ExcelJS fail on broken XML.
    throw unreadable((e as Error).message);
  } finally {
    for (const stream of opened) stream.destroy();
    zip.close();
  }
}
