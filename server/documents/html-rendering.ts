// The filled workbook as a printable HTML page (for the PDF): each sheet a table with its merges,
// column widths, bold text and number formats; nothing is fetched (fonts are the system's).
import ExcelJS from 'exceljs';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function shown(cell: ExcelJS.Cell): string {
  let value = cell.value;
  if (value && typeof value === 'object' && 'result' in value) value = value.result as ExcelJS.CellValue;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    const decimals = /0\.(0+)/.exec(cell.numFmt ?? '')?.[1]?.length;
    return decimals !== undefined || /#,##0/.test(cell.numFmt ?? '')
      ? value.toLocaleString('en-US', { minimumFractionDigits: decimals ?? 0, maximumFractionDigits: decimals ?? 0 })
      : String(value);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

const letters = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

function decode(ref: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return { col: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
}

function sheetTable(sheet: ExcelJS.Worksheet): string {
  const spans = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const range of (sheet.model as { merges?: string[] }).merges ?? []) {
    const [from, to] = range.split(':').map(decode) as [{ col: number; row: number }, { col: number; row: number }];
    spans.set(`${from.row}:${from.col}`, { rows: to.row - from.row + 1, cols: to.col - from.col + 1 });
    for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) if (r !== from.row || c !== from.col) covered.add(`${r}:${c}`);
  }
  const cols = Math.min(sheet.columnCount, 50);
  const maxCol = cols;
  const widths = Array.from({ length: cols }, (_, i) => Math.round((sheet.getColumn(i + 1).width ?? 9) * 8));
  const rows: string[] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, 2000); r++) {
    const cells: string[] = [];
    for (let c = 1; c <= cols; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const cell = sheet.getCell(`${letters(c)}${r}`);
      let span = spans.get(`${r}:${c}`);
      const text = shown(cell);
      // As in Excel, text runs on over the empty cells to its right.
      if (!span && text && typeof cell.value !== 'number') {
        let cols = 1;
        while (c + cols <= maxCol && !covered.has(`${r}:${c + cols}`) && !spans.has(`${r}:${c + cols}`) && shown(sheet.getCell(`${letters(c + cols)}${r}`)) === '') cols++;
        if (cols > 1) {
          span = { rows: 1, cols };
          for (let k = 1; k < cols; k++) covered.add(`${r}:${c + k}`);
        }
      }
      const style = [
        cell.font?.bold ? 'font-weight:bold' : '',
        cell.font?.size ? `font-size:${cell.font.size}pt` : '',
        typeof cell.value === 'number' || (cell.value && typeof cell.value === 'object' && 'result' in cell.value) ? 'text-align:right' : '',
        cell.alignment?.horizontal === 'center' ? 'text-align:center' : '',
        cell.fill && 'fgColor' in cell.fill && cell.fill.fgColor?.argb ? `background:#${cell.fill.fgColor.argb.slice(2)}` : '',
      ].filter(Boolean);
      cells.push(`<td${span ? ` colspan="${span.cols}" rowspan="${span.rows}"` : ''}${style.length ? ` style="${style.join(';')}"` : ''}>${escape(text)}</td>`);
    }
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<table><colgroup>${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>${rows.join('\n')}</table>`;
}

export async function workbookHtml(xlsx: Buffer, title: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  const body = book.worksheets.map(sheetTable).join('<div style="page-break-after:always"></div>');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title><style>
@page { size: A4; margin: 15mm; }
body { font-family: "Liberation Sans", Arial, "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; color: #111; }
table { border-collapse: collapse; table-layout: fixed; }
td { padding: 3px 5px; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
</style></head><body>${body}</body></html>`;
}
