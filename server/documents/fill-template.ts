// Fills a template's placeholders on every sheet with xlsx-template (the workbook's formatting,
// merges and formulas are kept; table rows repeat per item).
import XlsxTemplate from 'xlsx-template';

export function fillTemplate(template: Buffer, sheets: string[], data: Record<string, unknown>): Buffer {
  const workbook = new XlsxTemplate(template);
  for (const sheet of sheets) workbook.substitute(sheet, data);
  return workbook.generate({ type: 'nodebuffer' }) as Buffer;
}
