// Prints HTML to PDF with the machine's Chromium (PDF_CHROMIUM_PATH, default /usr/bin/chromium),
// headless, without network, one print at a time. Nothing is downloaded at run time; without a
// Chromium the PDF is refused (503) and the XLSX stays available. Prints of one key (a document)
// asked for while one runs or waits share it; past `maxWaiting` other prints waiting, a print is
// refused (503 with Retry-After) instead of queueing without end behind the others.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, ErrorCode } from '../errors.js';

const PRINT_TIMEOUT_MS = 60_000;

export interface PdfPrinter {
  /** `html` is called only when this print is queued (not when it joins one of the same `key`). */
  print(key: string, html: () => Promise<string>): Promise<Buffer>;
}

/** Prints waiting behind the one running, beyond which a print is refused (about 1 s each). */
const MAX_WAITING = 4;

export function chromiumPrinter(chromiumPath: string | null, options: { maxWaiting?: number; printOnce?: (html: string) => Promise<Buffer> } = {}): PdfPrinter {
  const maxWaiting = options.maxWaiting ?? MAX_WAITING;
  let queue: Promise<unknown> = Promise.resolve();
  /** Prints queued or running, by key. */
  const pending = new Map<string, Promise<Buffer>>();
  const printOnce = async (html: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'highseas-pdf-'));
    try {
      const input = path.join(dir, 'document.html');
      const output = path.join(dir, 'document.pdf');
      await writeFile(input, html);
      await new Promise<void>((resolve, reject) =>
        execFile(
          chromiumPath!,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            // The page is self-contained (and has no script): no host name resolves.
            '--host-resolver-rules=MAP * ~NOTFOUND',
            '--disable-extensions',
            '--disable-sync',
            '--no-first-run',
            '--no-default-browser-check',
            '--disable-dev-shm-usage',
            `--user-data-dir=${path.join(dir, 'profile')}`,
            '--no-pdf-header-footer',
            `--print-to-pdf=${output}`,
            `file://${input}`,
          ],
          { timeout: PRINT_TIMEOUT_MS, killSignal: 'SIGKILL' },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
      return await readFile(output);
    } catch (e) {
      throw new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, `The PDF could not be printed (${(e as Error).message.split('\n')[0]}); download the XLSX instead.`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const print = options.printOnce ?? printOnce;
  return {
    print(key, html) {
      const same = pending.get(key);
      if (same) return same;
      if (!options.printOnce && (!chromiumPath || !existsSync(chromiumPath))) {
        throw new AppError(
          ErrorCode.TEMPORARILY_UNAVAILABLE,
          `PDF is not available on this server: no Chromium at ${chromiumPath ?? '(PDF_CHROMIUM_PATH unset)'}; install Debian's chromium or set PDF_CHROMIUM_PATH. The XLSX is available.`,
        );
      }
      // One runs; the others wait.
      if (pending.size > maxWaiting) {
        throw new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, `${pending.size} PDFs are being printed; try again in a few seconds, or download the XLSX.`, {
          retryAfterSeconds: pending.size,
        });
      }
      const printed = queue.then(async () => print(await html()));
      queue = printed.catch(() => {});
      pending.set(key, printed);
      void printed.then(
        () => pending.delete(key),
        () => pending.delete(key),
      );
      return printed;
    },
  };
}
