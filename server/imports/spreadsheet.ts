// Reads an uploaded CSV or XLSX into header names and rows of text, whatever Excel produced:
// UTF-8 with or without BOM, or GB18030 (what Excel on Chinese Windows saves as CSV).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, ErrorCode } from '../errors.js';

export interface Sheet {
  headers: string[];
  rows: Record<string, string>[];
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

// NUL never means anything in a cell (PostgreSQL text cannot hold it either), so it is dropped.
const clean = (cell: string | undefined) => (cell ?? '').replaceAll('\u0000', '').trim();

function fromMatrix(matrix: string[][]): Sheet {
  const [head, ...body] = matrix.filter((r) => r.some((c) => clean(c) !== ''));
  if (!head) throw new AppError(ErrorCode.VALIDATION_FAILED, 'The file is empty.', { location: 'body', issues: [{ pointer: '/file', message: 'no rows' }] });
  const headers = head.map((h, i) => clean(h) || `column ${i + 1}`);
  const rows = body.map((r) => Object.fromEntries(headers.map((h, i) => [h, clean(r[i])])));
  return { headers, rows };
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

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'The file is not a readable .xlsx workbook; save it as .xlsx or .csv.', {
      location: 'body',
      issues: [{ pointer: '/file', message: 'unreadable xlsx' }],
    });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError(ErrorCode.VALIDATION_FAILED, 'The workbook has no sheet.', { location: 'body', issues: [{ pointer: '/file', message: 'no sheet' }] });
  const matrix: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    matrix.push(values.slice(1).map(cellText));
  });
  return fromMatrix(matrix);
}

export type SheetFormat = 'csv' | 'xlsx';

export function detectFormat(fileName: string, buffer: Buffer): SheetFormat | null {
  if (/\.xlsx$/i.test(fileName) || (buffer[0] === 0x50 && buffer[1] === 0x4b)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  return null;
}

export async function readSheet(buffer: Buffer, format: SheetFormat): Promise<Sheet> {
  if (format === 'xlsx') return readXlsx(buffer);
  const text = decodeText(buffer);
  // Excel in many locales writes ";" as the separator; pick what the header line uses.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  try {
    return fromMatrix(parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][]);
  } catch (e) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `The CSV cannot be read: ${(e as Error).message}`, {
      location: 'body',
      issues: [{ pointer: '/file', message: (e as Error).message }],
    });
  }
}
