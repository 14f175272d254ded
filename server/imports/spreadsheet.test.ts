import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildZip, rowXml, xlsxWorkbook } from '../../test/support/xlsx-zip.js';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { readSheet } from './spreadsheet.js';

const small: ImportLimits = {
  maxRows: 3,
  maxColumns: 4,
  maxCellChars: 20,
  maxRowBytes: 200,
  maxSheetChars: 500,
  xlsx: { maxEntries: 8, maxUnpackedBytes: 64 * 1024, maxPartBytes: 16 * 1024, maxCompressionRatio: 200 },
};

async function refusal(promise: Promise<unknown>) {
  const e = (await promise.then(
    () => expect.unreachable('expected a refusal'),
    (err: unknown) => err,
  )) as { code: string; message: string; details: { issues: { pointer: string; message: string }[] } };
  expect(e.code).toBe('VALIDATION_FAILED');
  expect(e.details.issues[0]!.pointer).toBe('/file');
  return e.message;
}

describe('reading a CSV', () => {
  it('decodes UTF-8 with a BOM and GB18030, also where a character straddles two chunks', async () => {
    const names = Array.from({ length: 600 }, (_, i) => `深圳光华照明有限公司${i}`);
    const text = `公司名称,国家\n${names.map((n) => `${n},中国`).join('\n')}\n`;
    for (const bytes of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), iconv.encode(text, 'gb18030')]) {
      expect(bytes.length).toBeGreaterThan(3 * 4096);
      const sheet = await readSheet(bytes, 'csv', { ...IMPORT_LIMITS, maxRows: 600 });
      expect(sheet.headers).toEqual(['公司名称', '国家']);
      expect(sheet.rows.map((r) => r['公司名称'])).toEqual(names);
    }
  });

  it('picks the separator the header uses, skips blank rows, names blank headers and drops NUL', async () => {
    const sheet = await readSheet(Buffer.from('Firma;Land;\n\n;;\nAcme\u0000 GmbH;DE;x\n'), 'csv');
    expect(sheet).toEqual({ headers: ['Firma', 'Land', 'column 3'], rows: [{ Firma: 'Acme GmbH', Land: 'DE', 'column 3': 'x' }] });
  });

  it('refuses past each limit, saying where', async () => {
    expect(await refusal(readSheet(Buffer.from('A\n1\n2\n3\n4\n5\n6\n'), 'csv', small))).toMatch(/more than 3 rows/);
    expect((await readSheet(Buffer.from('A\n1\n2\n3\n'), 'csv', small)).rows).toHaveLength(3);
    expect(await refusal(readSheet(Buffer.from('A,B\n1,2,3,4,5\n'), 'csv', small))).toMatch(/Row 2 has more than 4 columns/);
    expect(await refusal(readSheet(Buffer.from(`A,B\n1,${'x'.repeat(21)}\n`), 'csv', small))).toMatch(/Row 2, column 2 holds more than 20 characters/);
    expect(await refusal(readSheet(Buffer.from(`A\n"${'x'.repeat(5000)}"\n`), 'csv', small))).toMatch(/Row 2 holds more than 200 characters/);
    const manyChars = ['A,B,C,D', ...Array.from({ length: 3 }, () => Array(4).fill('x'.repeat(19)).join(','))].join('\n');
    expect(await refusal(readSheet(Buffer.from(manyChars), 'csv', { ...small, maxSheetChars: 200 }))).toMatch(/more than 200 characters of text/);
    expect(await refusal(readSheet(Buffer.from('\n\n'), 'csv', small))).toMatch(/empty/);
    expect(await refusal(readSheet(Buffer.from('A\n"unclosed\n'), 'csv', small))).toMatch(/cannot be read/);
  });

  it('reads UTF-16 with a byte-order mark (Excel\'s "Unicode text", tab-separated), little- and big-endian', async () => {
    const text = '\uFEFFCompany\tCountry\n深圳光华照明有限公司\tCN\nMüller Café GmbH\tDE\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be]) {
      expect(await readSheet(bytes, 'csv')).toEqual({
        headers: ['Company', 'Country'],
        rows: [
          { Company: '深圳光华照明有限公司', Country: 'CN' },
          { Company: 'Müller Café GmbH', Country: 'DE' },
        ],
      });
    }
  });

  it('refuses text that is neither UTF-8 nor GB18030 (Latin-1, Windows-1252) instead of reading it as Chinese', async () => {
    for (const text of ['Company,Country\nMüller Café GmbH,DE\n', 'Company,Country\nMüller GmbH,DE\nSöhne Gießerei AG,DE\n']) {
      expect(await refusal(readSheet(iconv.encode(text, 'win1252'), 'csv'))).toMatch(/neither UTF-8 nor GB18030.*save it as UTF-8/i);
    }
    // Chinese text with traditional characters (outside GB2312) is still GB18030.
    const traditional = await readSheet(iconv.encode('公司名称,国家\n香港貿易有限公司,HK\n臺灣電腦股份有限公司,TW\n', 'gb18030'), 'csv');
    expect(traditional.rows.map((r) => r['公司名称'])).toEqual(['香港貿易有限公司', '臺灣電腦股份有限公司']);
  });

  it('stops reading at the row limit instead of parsing the rest of the file', async () => {
    const huge = Buffer.alloc(8 * 1024 * 1024, 'A\n');
    const started = performance.now();
    expect(await refusal(readSheet(Buffer.concat([Buffer.from('Company\n'), huge]), 'csv'))).toMatch(/at most 100000/);
    // Parsing all four million rows takes tens of seconds; the first 5,001 take milliseconds.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('reading an XLSX', () => {
  it('reads the first tab of a workbook ExcelJS wrote, with shared strings, numbers, dates, formulas and links', async () => {
    const book = new ExcelJS.Workbook();
    const first = book.addWorksheet('Leads');
    book.addWorksheet('Other').addRow(['not this one']);
    first.addRow(['Company', 'Phone', 'Since', 'Total', 'Site']);
    first.addRow(['Acme Ltd.', 4420794600, new Date(Date.UTC(2024, 0, 31)), { formula: '1+1', result: 2 }, { text: 'acme.example', hyperlink: 'https://acme.example' }]);
    first.addRow([]);
    first.addRow([{ richText: [{ text: 'Bravo ' }, { text: 'GmbH', font: { bold: true } }] }]);
    const sheet = await readSheet(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    expect(sheet.headers).toEqual(['Company', 'Phone', 'Since', 'Total', 'Site']);
    expect(sheet.rows).toEqual([
      { Company: 'Acme Ltd.', Phone: '4420794600', Since: '2024-01-31', Total: '2', Site: 'acme.example' },
      { Company: 'Bravo GmbH', Phone: '', Since: '', Total: '', Site: '' },
    ]);
  });

  it('reads the first sheet that holds data, and names the sheets when none does', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover');
    book.addWorksheet('Leads').addRow(['Company']);
    book.getWorksheet('Leads')!.addRow(['Second Sheet Ltd']);
    expect(await readSheet(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx')).toEqual({ headers: ['Company'], rows: [{ Company: 'Second Sheet Ltd' }] });
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Cover');
    empty.addWorksheet('Leads').addRow(['  ']);
    expect(await refusal(readSheet(Buffer.from(await empty.xlsx.writeBuffer()), 'xlsx'))).toMatch(/No sheet of the workbook holds data \(sheets: Cover, Leads\)/);
  });

  it('reads a formula without a value (none stored, or an error) as its formula and an error value as written, for the rows to refuse', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Company', 'Share']);
    sheet.addRow([{ formula: 'CONCATENATE(B2,"Ltd")' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    sheet.addRow([{ error: '#N/A' }, 'x']);
    expect((await readSheet(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx')).rows).toEqual([
      { Company: '=CONCATENATE(B2,"Ltd")', Share: '=1/0' },
      { Company: '#N/A', Share: 'x' },
    ]);
  });

  it('refuses by the central directory before inflating: entries, total and part sizes, compression ratio', async () => {
    const entry = (name: string, bytes: number, text = 'x') => ({ name, chunks: () => [Buffer.alloc(bytes, text)] });
    const many = await buildZip(Array.from({ length: 9 }, (_, i) => entry(`f${i}.xml`, 10)));
    expect(await refusal(readSheet(many, 'xlsx', small))).toMatch(/holds 9 files/);
    const big = await buildZip([entry('a.bin', 40 * 1024), entry('b.bin', 40 * 1024)]);
    expect(await refusal(readSheet(big, 'xlsx', small))).toMatch(/unpacks to more than 0.1 MiB/);
    const bomb = await buildZip([entry('xl/worksheets/sheet1.xml', 2 * 1024 * 1024)]);
    expect(await refusal(readSheet(bomb, 'xlsx', { ...small, xlsx: { ...small.xlsx, maxUnpackedBytes: 4 * 1024 * 1024 } }))).toMatch(/times its packed size/);
    const part = await xlsxWorkbook(() => [rowXml(1, ['Company']), ...Array.from({ length: 400 }, (_, i) => rowXml(i + 2, [`Company ${i}`]))]);
    expect(await refusal(readSheet(part, 'xlsx', { ...small, maxRows: 1000 }))).toMatch(/"xl\/worksheets\/sheet1.xml" unpacks to/);
  });

  it('stops a part that inflates past the size it declares', async () => {
    const liar = await xlsxWorkbook(() => [rowXml(1, ['Company']), ...Array.from({ length: 400 }, (_, i) => rowXml(i + 2, [`Company ${i}`]))], { sheetDeclaredSize: 1000 });
    expect(await refusal(readSheet(liar, 'xlsx', { ...small, maxRows: 1000 }))).toMatch(/not a readable .xlsx workbook \(too many bytes/);
  });

  it('refuses columns beyond the limit and rows beyond it, and what is no workbook at all', async () => {
    const wide = await xlsxWorkbook(() => [rowXml(1, ['A', 'B', 'C', 'D', 'E'])]);
    expect(await refusal(readSheet(wide, 'xlsx', small))).toMatch(/Row 1 has more than 4 columns/);
    const rows = await xlsxWorkbook(() => Array.from({ length: 6 }, (_, i) => rowXml(i + 1, [`R${i}`])));
    expect(await refusal(readSheet(rows, 'xlsx', small))).toMatch(/more than 3 rows/);
    expect(await refusal(readSheet(Buffer.from('PK\u0003\u0004garbage'), 'xlsx'))).toMatch(/not a readable .xlsx/);
    const noWorkbook = await buildZip([{ name: 'hello.txt', chunks: () => [Buffer.from('hi')] }]);
    expect(await refusal(readSheet(noWorkbook, 'xlsx'))).toMatch(/no xl\/workbook.xml/);
  });
});
