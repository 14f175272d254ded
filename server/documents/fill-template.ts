// Fills a template's placeholders on every sheet with xlsx-template (the workbook's formatting,
// merges and formulas are kept; table rows repeat per item, the item row's other cells and
// formulas with them). The workbook is recalculated when it is opened: every cached result of a
// template's formula was computed before the values went in.
import XlsxTemplate, { type TemplatePlaceholder } from 'xlsx-template';
import { formulaAfterInsert, formulaCopiedDown } from './formula-rows.js';

/** An element of xlsx-template's parsed XML (elementtree). */
interface XmlElement {
  tag: string;
  text: string | null;
  attrib: Record<string, string | undefined>;
  find(path: string): XmlElement | null;
  findall(path: string): XmlElement[];
  getchildren(): XmlElement[];
  insert(index: number, element: XmlElement): void;
  remove(element: XmlElement): void;
  makeelement(tag: string, attrib: Record<string, string>): XmlElement;
}

/** The cell element (elementtree) xlsx-template writes a value into. */
interface CellElement {
  attrib: Record<string, string | undefined>;
  find(tag: 'v'): { text: string } | null;
}

/** What workbook.xml may hold before calcPr, in the order the schema gives. */
const BEFORE_CALC = ['sheets', 'functionGroups', 'externalReferences', 'definedNames'];

/** The item row's formulas, by column, to copy to the rows inserted under it. */
interface ItemRowFormulas {
  itemRow: number;
  inserted: number;
  byColumn: Map<string, string | null>;
}

const columnOf = (ref: string) => ref.replace(/\d+$/, '');

/**
 * xlsx-template writes a value that starts with "=" as a formula. A document's values are what reps,
 * customers and admins typed (a company name, an item, a note, the terms), so each one is written as
 * the text it is: "=1+1" prints "=1+1" and computes nothing. The template's own formulas are cells
 * xlsx-template leaves alone, and keep working.
 */
class TextValuesTemplate extends XlsxTemplate {
  /** Per cell holding several placeholders: its text so far, and where the last value put in it ends. */
  private readonly filled = new WeakMap<CellElement, { text: string; end: number }>();

  /**
   * A cell's placeholders are filled one after another, each in the text left by the one before;
   * xlsx-template replaces the first occurrence of the placeholder with String.replace, so "$&",
   * "$'" or "$$" in a value were read as replacement patterns, and a value that contains a later
   * placeholder's text was filled in instead of the placeholder. Here each one is put, as is, at
   * its own place, after the values already put in.
   */
  override substituteScalar(cell: CellElement, string: string, placeholder: TemplatePlaceholder, substitution: unknown): string {
    if (placeholder.full) return super.substituteScalar(cell, string, placeholder, substitution);
    const written = placeholder.placeholder!;
    const previous = this.filled.get(cell);
    const at = string.indexOf(written, previous?.text === string ? previous.end : 0);
    if (at < 0) return string;
    const value = String(this.stringify(substitution as string));
    const text = string.slice(0, at) + value + string.slice(at + written.length);
    this.filled.set(cell, { text, end: at + value.length });
    cell.attrib.t = 's';
    return this.insertCellValue(cell, text);
  }

  /**
   * Rows for the items went in under `currentRow`: xlsx-template moves the cells, merges and names
   * below; the sheet's formulas are moved here too, and a range over the item row grows to every
   * item (formula-rows.ts), so a total =SUM(F10:F10) adds up all of them.
   */
  protected override pushDown(workbook: unknown, sheet: XmlElement, tables: unknown, currentRow: number, numRows: number): unknown {
    const result = super.pushDown(workbook as never, sheet, tables, currentRow, numRows);
    const itemRow = Number(currentRow);
    const copies: ItemRowFormulas = { itemRow, inserted: Number(numRows), byColumn: new Map() };
    for (const row of sheet.findall('sheetData/row')) {
      // A formula of the item row itself (an amount =D10*E10, a line =SUM(D10:E10)) is the first
      // item's: its ranges do not grow to the other items; each item's row gets its own copy.
      const widen = Number(row.attrib.r) !== itemRow;
      for (const cell of row.findall('c')) {
        const f = cell.find('f');
        if (!f) continue;
        if (f.text) f.text = formulaAfterInsert(f.text, itemRow, numRows, widen);
        if (f.attrib.ref) f.attrib.ref = formulaAfterInsert(f.attrib.ref, itemRow, numRows, false);
        if (!widen) copies.byColumn.set(columnOf(cell.attrib.r!), f.text || null);
      }
    }
    if (copies.byColumn.size > 0) this.itemRows.push(copies);
    return result;
  }

  /** Item rows of the sheet being filled whose formulas go to the rows inserted under them. */
  private itemRows: ItemRowFormulas[] = [];

  /**
   * The rows of a sheet are put back once it is filled (xlsx-template's last step of a sheet): the
   * rows inserted for the items hold copies of the item row's cells; each formula among them is
   * the item row's as Excel copies it down (its later moves included), without the cached result
   * and the shared-formula marks of the original. A shared formula's dependent cell has no text of
   * its own to copy, so its copies keep only their value.
   */
  protected override replaceChildren(parent: XmlElement, children: XmlElement[]): void {
    if (parent.tag === 'sheetData' && this.itemRows.length > 0) {
      for (const { itemRow, inserted, byColumn } of this.itemRows) {
        for (const row of children) {
          const below = Number(row.attrib.r) - itemRow;
          if (below < 1 || below > inserted) continue;
          for (const cell of row.findall('c')) {
            const f = cell.find('f');
            if (!f || !byColumn.has(columnOf(cell.attrib.r!))) continue;
            const text = byColumn.get(columnOf(cell.attrib.r!));
            const v = cell.find('v');
            if (v) cell.remove(v);
            if (!text) {
              cell.remove(f);
              continue;
            }
            f.text = formulaCopiedDown(text, below);
            for (const mark of ['t', 'ref', 'si']) delete f.attrib[mark];
          }
        }
      }
      this.itemRows = [];
    }
    super.replaceChildren(parent as never, children as never);
  }

  protected override insertCellValue(cell: CellElement, substitution: unknown): string {
    if (typeof substitution !== 'string' || !substitution.startsWith('=')) return super.insertCellValue(cell, substitution);
    // What the library does for any other string: a shared string.
    cell.attrib.t = 's';
    cell.find('v')!.text = String(this.stringIndex(substitution));
    return substitution;
  }
}

/** Asks the spreadsheet to recalculate every formula when it opens the document (calcPr fullCalcOnLoad). */
function recalculateOnLoad(workbook: XmlElement): void {
  let calc = workbook.find('calcPr');
  if (!calc) {
    const after = workbook.getchildren().reduce((at, child, i) => (BEFORE_CALC.includes(child.tag) ? i + 1 : at), 0);
    calc = workbook.makeelement('calcPr', {});
    workbook.insert(after, calc);
  }
  calc.attrib.fullCalcOnLoad = '1';
}

export function fillTemplate(template: Buffer, sheets: string[], data: Record<string, unknown>): Buffer {
  const workbook = new TextValuesTemplate(template, { subsituteAllTableRow: true });
  recalculateOnLoad((workbook as unknown as { workbook: XmlElement }).workbook);
  for (const sheet of sheets) workbook.substitute(sheet, data);
  return workbook.generate({ type: 'nodebuffer' }) as Buffer;
}
