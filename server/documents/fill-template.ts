// Fills a template's placeholders on every sheet with xlsx-template (the workbook's formatting,
// merges and formulas are kept; table rows repeat per item).
import XlsxTemplate from 'xlsx-template';

/** The cell element (elementtree) xlsx-template writes a value into. */
interface CellElement {
  attrib: Record<string, string | undefined>;
  find(tag: 'v'): { text: string } | null;
}

/**
 * xlsx-template writes a value that starts with "=" as a formula. A document's values are what reps,
 * customers and admins typed (a company name, an item, a note, the terms), so each one is written as
 * the text it is: "=1+1" prints "=1+1" and computes nothing. The template's own formulas are cells
 * xlsx-template leaves alone, and keep working.
 */
class TextValuesTemplate extends XlsxTemplate {
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
