// Checks an uploaded template before anything is saved: an .xlsx workbook (zip magic bytes, a zip
// whose directory is checked before anything is inflated, a workbook part), no macros or links to
// other workbooks, only known and well-formed placeholders (each other one named with its sheet and cell), no
// formula reaching outside its sheet, and the placeholders its kind needs. All problems at once.
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { DocumentKind } from '../../schemas/documents.js';
import { AppError, ErrorCode } from '../errors.js';
import { REQUIRED, isKnown, malformedIn, placeholdersIn } from './placeholders.js';
import { invalidRequest } from '../request-issues.js';

const MiB = 1024 * 1024;

export const TEMPLATE_LIMITS = {
  maxBytes: 2 * MiB,
  maxEntries: 500,
  maxUnpackedBytes: 20 * MiB,
  maxCompressionRatio: 200,
  maxCells: 50_000,
};

/**
 * Functions that fetch, call out or compute a reference at run time: a template prints, it does not
 * reach. Matched by name after the prefixes a file gives newer functions (`_xlfn.WEBSERVICE`, as
 * Excel writes it, and `_xlfn._xlws.`); a user-defined function (`_xludf.`: an add-in or a macro)
 * reaches too.
 */
const REACHING_FUNCTIONS = new Set([
  'WEBSERVICE', 'FILTERXML', 'HYPERLINK', 'INDIRECT', 'OFFSET', 'CALL', 'REGISTER', 'REGISTER.ID', 'RTD', 'DDE', 'EXEC',
  'IMPORTDATA', 'IMPORTXML', 'IMPORTHTML', 'IMPORTFEED', 'IMPORTRANGE', 'IMAGE', 'INFO', 'CELL', 'EVALUATE', 'STOCKHISTORY',
  'CUBEKPIMEMBER', 'CUBEMEMBER', 'CUBEMEMBERPROPERTY', 'CUBERANKEDMEMBER', 'CUBESET', 'CUBESETCOUNT', 'CUBEVALUE',
  'TRANSLATE', 'DETECTLANGUAGE', 'PY', 'COPILOT', 'SQL.REQUEST',
]);
const NEWER_FUNCTION_PREFIX = /^(?:_XLFN\.|_XLWS\.|_XLPM\.)+/;

export interface TemplateProblem {
  sheet?: string;
  cell?: string;
  reason: string;
}

export interface CheckedTemplate {
  sheets: string[];
  placeholders: string[];
}

const refuse = (message: string, problems: TemplateProblem[]) =>
  // Each problem's reason is the checker's English; the reader's language frames it (request-issue-words.ts).
  invalidRequest(
    'form',
    problems.map((p) => ({ pointer: '/file', code: 'template_problem' as const, params: { where: p.sheet ? `${p.sheet}!${p.cell ?? ''}: ` : '', reason: p.reason } })),
    { message, details: { problems } },
  );

const notWorkbook = (reason: string) => refuse(`The file is not an .xlsx workbook (${reason}); save the template in Excel or WPS as .xlsx.`, [{ reason }]);

async function checkZip(file: Buffer): Promise<TemplateProblem[]> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw notWorkbook('it does not start like a zip file');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(file, { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    throw notWorkbook(`unreadable zip: ${(e as Error).message}`);
  }
  try {
    if (zip.entryCount > TEMPLATE_LIMITS.maxEntries) throw notWorkbook(`${zip.entryCount} files inside; a template holds far fewer`);
    const names = new Set<string>();
    const entries: yauzl.Entry[] = [];
    let unpacked = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) throw refuse('The workbook is encrypted; remove the password and upload it again.', [{ reason: 'encrypted' }]);
      unpacked += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (unpacked > TEMPLATE_LIMITS.maxUnpackedBytes || (entry.uncompressedSize > MiB && ratio > TEMPLATE_LIMITS.maxCompressionRatio)) {
        throw refuse(`The workbook unpacks to far more than a template does (${entry.fileName}); save it again without images or hidden data.`, [{ reason: `${entry.fileName} unpacks too large` }]);
      }
      names.add(entry.fileName);
      entries.push(entry);
    }
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw notWorkbook('a zip, but not a spreadsheet: it has no xl/workbook.xml');
    if ([...names].some((n) => /^xl\/externalLinks\//i.test(n))) {
      throw refuse('The template links to other workbooks; break the links (Data → Edit links) and upload it again.', [{ reason: 'links to external workbooks (xl/externalLinks)' }]);
    }
    if ([...names].some((n) => /vbaProject\.bin$/i.test(n))) throw refuse('The template contains macros; save it as a macro-free .xlsx.', [{ reason: 'contains macros (vbaProject.bin)' }]);
    // The declared sizes may lie; ExcelJS and xlsx-template inflate without a bound, so every entry
    // is inflated here first, through yauzl, which stops one that unpacks past its declared size.
    const parts = new Map<string, string>();
    for (const entry of entries) {
      const stream = await zip.openReadStreamPromise(entry);
      // The parts that can hold formulas (not the shared strings: a cell's text is not a formula), and how sheets are named.
      const formulaPart = /^xl\/(?:workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/i.test(entry.fileName);
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of stream) if (formulaPart) chunks.push(chunk as Buffer);
      } catch (e) {
        throw refuse(`"${entry.fileName}" unpacks to more than the workbook declares; save the template again in Excel or WPS.`, [{ reason: `${entry.fileName}: ${(e as Error).message}` }]);
      }
      if (formulaPart) parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
    return formulasOutsideCells(parts);
  } finally {
    zip.close();
  }
}

/** The formula's text without its string literals, where a "!" or a "[" is part of the text. */
const withoutStrings = (formula: string) => formula.replace(/"(?:[^"]|"")*"/g, '""');

/** What in the formula reaches outside the document (the function, as the file names it), or null. */
function reachingCall(code: string): string | null {
  for (const call of code.matchAll(/(?<![A-Za-z0-9_.$])([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) {
    const written = call[1]!;
    const name = written.toUpperCase().replace(NEWER_FUNCTION_PREFIX, '');
    if (name.startsWith('_XLUDF.')) return `the user-defined function ${written.slice('_xludf.'.length)} (an add-in or a macro)`;
    if (REACHING_FUNCTIONS.has(name)) return name;
  }
  return null;
}

/** The sheets a formula names before a "!" ('It''s'!A1, Q!A1), as written (quotes undone); null where a "!" names none readable. */
function sheetsNamed(code: string): string[] | null {
  const named: string[] = [];
  const rest = code.replace(/(?:'((?:[^']|'')+)'|([\p{L}\p{N}_.]+))!/gu, (_, quoted: string | undefined, plain: string | undefined) => {
    named.push(quoted !== undefined ? quoted.replaceAll("''", "'") : plain!);
    return '';
  });
  return rest.includes('!') ? null : named;
}

function formulaProblem(formula: string, sheet: string): string | null {
  const code = withoutStrings(formula);
  if (/\[[^\]]*\]/.test(code)) return `formula =${formula} refers to another workbook`;
  // Its own sheet by name is the sheet it is on (Excel writes Q!A1 for a reference picked on Q itself).
  const named = sheetsNamed(code);
  if (named === null || named.some((n) => n.toLowerCase() !== sheet.toLowerCase())) return `formula =${formula} refers to another sheet; a template's formulas stay on their sheet`;
  const reaching = reachingCall(code);
  return reaching ? `formula =${formula} uses ${reaching}, which reaches outside the document` : null;
}

/** XML text as written: the five entities and numeric references decoded. */
const xmlText = (text: string) =>
  text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(quot|amp|lt|gt|apos));/gi, (_, hex: string | undefined, dec: string | undefined, named: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" } as Record<string, string>)[named!.toLowerCase()]!,
  );

/** Each sheet's part (xl/worksheets/….xml) → the sheet's name, from the workbook and its relationships. */
function sheetNames(parts: Map<string, string>): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of (parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of (parts.get('xl/workbook.xml') ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) names.set(part.toLowerCase(), xmlText(name));
  }
  return names;
}

/**
 * Formulas a workbook keeps outside its cells: defined names (workbook.xml), conditional formats and
 * data validations (in the sheets, also as x14 extensions). A function reaching outside is refused
 * there too: Excel evaluates them when the document is opened. A cell's own formula is checked
 * with its cell (checkTemplate).
 */
function formulasOutsideCells(parts: Map<string, string>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const sheets = sheetNames(parts);
  for (const [part, xml] of parts) {
    for (const m of xml.matchAll(/<(?:(\w+):)?(formula[12]?|definedName|f)\b([^>]*)>([^<]*)<\/(?:\w+:)?\2>/g)) {
      const [, prefix, element, attributes, text] = m;
      if (element === 'f' && !prefix) continue;
      const reaching = reachingCall(withoutStrings(xmlText(text!)));
      if (!reaching) continue;
      if (element === 'definedName') {
        const name = xmlText(/\bname="([^"]*)"/.exec(attributes!)?.[1] ?? '?');
        problems.push({ reason: `the defined name "${name}" uses ${reaching}, which reaches outside the document` });
      } else {
        const sheet = sheets.get(part.toLowerCase());
        problems.push({ reason: `${sheet ? `the sheet "${sheet}"` : part} has a conditional format or data validation that uses ${reaching}, which reaches outside the document` });
      }
    }
  }
  return problems;
}

function cellText(value: ExcelJS.CellValue): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return '';
}

/** Refuses (400, pointer /file, every problem with its sheet and cell) or answers the sheets and placeholders. */
export async function checkTemplate(file: Buffer, kind: DocumentKind): Promise<CheckedTemplate> {
  if (file.length > TEMPLATE_LIMITS.maxBytes) {
    throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `A template may be at most ${TEMPLATE_LIMITS.maxBytes / MiB} MiB; this one is ${(file.length / MiB).toFixed(1)} MiB. Remove images and unused sheets.`);
  }
  const outsideCells = await checkZip(file);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch (e) {
    throw notWorkbook(`unreadable workbook: ${(e as Error).message}`);
  }
  if (book.worksheets.length === 0) throw notWorkbook('it has no sheet');
  const problems: TemplateProblem[] = [...outsideCells];
  const found = new Set<string>();
  let cells = 0;
  for (const sheet of book.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (++cells > TEMPLATE_LIMITS.maxCells) return;
        const formula = cell.formula ?? (cell.value && typeof cell.value === 'object' && 'sharedFormula' in cell.value ? cell.value.sharedFormula : undefined);
        if (formula) {
          const problem = formulaProblem(String(formula), sheet.name);
          if (problem) problems.push({ sheet: sheet.name, cell: cell.address, reason: problem });
          return;
        }
        const text = cellText(cell.value);
        for (const p of placeholdersIn(text)) {
          if (isKnown(p.name)) found.add(p.name);
          else problems.push({ sheet: sheet.name, cell: cell.address, reason: `unknown placeholder ${p.written}` });
        }
        for (const reason of malformedIn(text)) problems.push({ sheet: sheet.name, cell: cell.address, reason });
      }),
    );
  }
  if (cells > TEMPLATE_LIMITS.maxCells) problems.push({ reason: `more than ${TEMPLATE_LIMITS.maxCells} filled cells; a template holds far fewer` });
  for (const name of book.definedNames.model ?? []) {
    if (name.ranges.some((r) => r.includes('['))) problems.push({ reason: `the defined name "${name.name}" refers to another workbook` });
  }
  const missing = REQUIRED[kind].filter((name) => !found.has(name));
  for (const name of missing) problems.push({ reason: `missing the required placeholder \${${name}}` });
  if (problems.length > 0) {
    throw refuse(
      `The template cannot be used: ${problems.length} problem${problems.length === 1 ? '' : 's'}, the first: ${problems[0]!.sheet ? `${problems[0]!.sheet}!${problems[0]!.cell} ` : ''}${problems[0]!.reason}. Nothing was saved.`,
      problems,
    );
  }
  return { sheets: book.worksheets.map((s) => s.name), placeholders: [...found].sort() };
}
