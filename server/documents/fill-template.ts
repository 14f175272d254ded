// Fills a template's placeholders on every sheet with xlsx-template (the workbook's formatting,
// merges and formulas are kept; table rows repeat per item).
import XlsxTemplate, { type TemplatePlaceholder } from 'xlsx-template';
import { formulaAfterInsert } from './formula-rows.js';

/** The cell element (elementtree) xlsx-template writes a value into. */
interface CellElement {
  attrib: Record<string, string | undefined>;
  find(tag: 'v'): { text: string } | null;
}

/** A sheet's root element (elementtree), as xlsx-template hands it over. */
interface SheetElement {
  findall(path: 'sheetData/row'): { attrib: Record<string, string | undefined>; findall(path: 'c/f'): { text: string | null; attrib: Record<string, string | undefined> }[] }[];
}

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
  protected override pushDown(workbook: unknown, sheet: SheetElement, tables: unknown, currentRow: number, numRows: number): unknown {
    const result = super.pushDown(workbook as never, sheet, tables, currentRow, numRows);
    const itemRow = Number(currentRow);
    for (const row of sheet.findall('sheetData/row')) {
      // A formula of the item row itself (an amount =D10*E10, a line =SUM(D10:E10)) is the first
      // item's: its ranges do not grow to the other items.
      const widen = Number(row.attrib.r) !== itemRow;
      for (const f of row.findall('c/f')) {
        if (f.text) f.text = formulaAfterInsert(f.text, itemRow, numRows, widen);
        if (f.attrib.ref) f.attrib.ref = formulaAfterInsert(f.attrib.ref, itemRow, numRows, false);
      }
    }
    return result;
  }

  protected override insertCellValue(cell: CellElement, substitution: unknown): string {
    if (typeof substitution !== 'string' || !substitution.startsWith('=')) return super.insertCellValue(cell, substitution);
    // What the library does for any other string: a shared string.
    cell.attrib.t = 's';
    cell.find('v')!.text = String(this.stringIndex(substitution));
    return substitution;
  }
}

export function fillTemplate(template: Buffer, sheets: string[], data: Record<string, unknown>): Buffer {
  const workbook = new TextValuesTemplate(template);
  for (const sheet of sheets) workbook.substitute(sheet, data);
  return workbook.generate({ type: 'nodebuffer' }) as Buffer;
}
