// The PDF printer's queue: prints of one document asked for together share one Chromium run, and
// past its bound a print is refused with when to try again instead of waiting without end.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { chromiumPrinter } from './pdf.js';

/** A printer whose prints end when the test says so, counting what it was asked to print. */
function heldPrinter(maxWaiting: number) {
  const printed: string[] = [];
  const release: (() => void)[] = [];
  const printer = chromiumPrinter(null, {
    maxWaiting,
    printOnce: (html) =>
      new Promise<Buffer>((resolve) => {
        printed.push(html);
        release.push(() => resolve(Buffer.from(`%PDF ${html}`)));
      }),
  });
  const settle = async () => {
    while (release.length > 0) {
      release.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { printer, printed, settle };
}

describe('the PDF printer', () => {
  it('prints a document asked for 20 times at once once, and gives each the same file', async () => {
    const { printer, printed, settle } = heldPrinter(2);
    let built = 0;
    const html = async () => `doc-1 (${++built})`;
    const downloads = Array.from({ length: 20 }, () => printer.print('doc-1', html));
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    const files = await Promise.all(downloads);
    expect(printed).toEqual(['doc-1 (1)']);
    expect(new Set(files.map(String))).toEqual(new Set(['%PDF doc-1 (1)']));
    // Asked again once done: printed again (nothing kept).
    const again = printer.print('doc-1', html);
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    expect(String(await again)).toBe('%PDF doc-1 (2)');
  });

  it('refuses a print past the ones waiting, saying when to try again, and takes prints again once they are done', async () => {
    const { printer, printed, settle } = heldPrinter(2);
    const first = ['a', 'b', 'c'].map((k) => printer.print(k, async () => k));
    let refused: unknown;
    try {
      await printer.print('d', async () => 'd');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', details: { retryAfterSeconds: 3 } });
    // One of those waiting is still joined, not refused.
    const joined = printer.print('c', async () => 'never built');
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    expect((await Promise.all([...first, joined])).map(String)).toEqual(['%PDF a', '%PDF b', '%PDF c', '%PDF c']);
    const later = printer.print('d', async () => 'd');
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    expect(String(await later)).toBe('%PDF d');
    expect(printed).toEqual(['a', 'b', 'c', 'd']);
  });
});
