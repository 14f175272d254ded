// Driving a Monaco editor as a person would, in headless Chromium.
import type { Page } from 'playwright-core';

/** What Monaco shows (it renders spaces as no-break spaces). */
export const shown = async (p: Page, selector: string) => ((await p.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');

/** Selects all of the editor's text and pastes `value` over it. */
export async function replaceEditorText(p: Page, value: string) {
  await p.locator('[data-testid=rule-editor] .view-lines').click();
  await p.keyboard.press('ControlOrMeta+A');
  // A paste event on the editor's input element (headless Chromium has no system clipboard).
  await p.evaluate((text) => {
    // Runs in the page; the test program has no DOM types, so the few used are spelled out.
    const page = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => object;
      document: { activeElement: { dispatchEvent(event: object): boolean } | null };
    };
    const data = new page.DataTransfer();
    data.setData('text/plain', text);
    page.document.activeElement?.dispatchEvent(new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, value);
}
