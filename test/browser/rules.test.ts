// An admin edits the grading rules in the browser: a mistake is marked on its line while typing,
// the fix clears it, a simulation shows the changed count, publish, then roll back.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../support/seed.js';
import { replaceEditorText, shown } from './support/monaco.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;

const rule = (operator: string) => ({
  decision: 'grading',
  hitPolicy: 'first',
  rules: [
    {
      name: 'German buyers: A',
      priority: 10,
      conditions: { all: [{ fact: 'customer', path: '$.country', operator, value: 'DE' }] },
      event: { type: 'grade', params: { grade: 'A', reason: 'test' } },
    },
  ],
});
const text = (doc: unknown) => JSON.stringify(doc, null, 2);
beforeAll(async () => {
  w = await createUiWorld();
  // 30 German customers the shipped rules grade B (close in 60 days); the draft makes them A.
  await seedCustomers(w.h.db, 30, (i) => ({ company_name: `Seeded GmbH ${i}`, country: 'DE', expected_close_days: 60, grade: 'B' }));
  page = await w.signIn(await w.browser(), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

describe('editing rules in the browser', () => {
  it('lands an admin on the rules with the five decisions and their published versions', async () => {
    await page.waitForURL(/\/ui\/rules/);
    for (const d of ['assignment', 'grading', 'caps', 'approval', 'reclaim']) {
      await expect.poll(() => page.locator(`[data-testid=published-${d}]`).textContent()).toMatch(/^v\d+ published$/);
    }
    await page.locator('[data-testid=decision-grading]').click();
    await page.waitForURL(/\/ui\/rules\/grading$/);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    // The rules language first; experts switch to the JSON document.
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('rule "No demand: E" priority 100');
    await expect.poll(() => page.locator('[data-testid=problems]').getAttribute('data-status')).toBe('done');
    await page.locator('[data-testid=view-json]').click();
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('"name": "No demand: E"');
    await expect.poll(() => page.locator('[data-testid=problems]').getAttribute('data-status')).toBe('done');
    await w.screenshot(page, 'rules-editor');
  });

  it('marks a mistake on its line while typing, and clears it when fixed', async () => {
    const wrong = text(rule('equals'));
    await replaceEditorText(page, wrong);
    const line = wrong.split('\n').findIndex((l) => l.includes('"operator"')) + 1;
    const problem = page.locator('[data-testid=problem]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.getAttribute('data-line')).toBe(String(line));
    expect(await problem.textContent()).toContain('/rules/0/conditions/all/0/operator');
    // The marker itself: an error squiggle in the editor, on that line.
    const squiggle = page.locator('[data-testid=rule-editor] .squiggly-error').first();
    await squiggle.waitFor();
    const lineTop = await page.locator('[data-testid=rule-editor] .line-numbers', { hasText: new RegExp(`^${line}$`) }).boundingBox();
    const squiggleBox = await squiggle.boundingBox();
    expect(Math.abs(squiggleBox!.y - lineTop!.y)).toBeLessThan(lineTop!.height);
    await w.screenshot(page, 'rules-marker');

    await replaceEditorText(page, text(rule('equal')));
    await expect.poll(() => page.locator('[data-testid=problems]').textContent()).toContain('No problems');
    expect(await problem.count()).toBe(0);
  });

  it('shows the diff against the published version in the rules language, and as JSON on request', async () => {
    await page.getByRole('tab', { name: 'Diff' }).click();
    await page.locator('[data-testid=diff-editor] .monaco-diff-editor').waitFor();
    // Left and right, as the page says, also where the editor is narrow.
    await page.locator('[data-testid=diff-editor] .monaco-diff-editor.side-by-side').waitFor();
    // The editor holds JSON; the diff is still the readable text by default.
    await expect.poll(() => shown(page, '[data-testid=diff-editor]')).toContain('rule "German buyers: A" priority 10');
    expect(await page.locator('[data-testid=diff-dsl]').getAttribute('aria-pressed')).toBe('true');
    await w.screenshot(page, 'rules-diff');
    await page.locator('[data-testid=diff-json]').click();
    await expect.poll(() => shown(page, '[data-testid=diff-editor]')).toContain('"name": "German buyers: A"');
    await page.locator('[data-testid=diff-dsl]').click();
    await page.getByRole('tab', { name: 'Editor' }).click();
  });

  it('simulates the draft and shows how many customers would change', async () => {
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => page.locator('[data-testid=sim-changed]').textContent(), { timeout: 30_000 }).toBe('30');
    expect(await page.locator('[data-testid=sim-evaluated]').textContent()).toBe('30');
    await page.locator('details.example summary').first().click();
    await expect.poll(() => page.locator('details.example').first().textContent()).toContain('German buyers: A');
    // The example pinned as a test case: its facts, and the published version's outcome (B).
    const example = page.locator('details.example').first();
    await example.getByRole('button', { name: 'Pin as test case' }).click();
    await example.getByLabel('Test case name').fill('A German buyer stays B');
    await example.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => example.locator('[role=status]').textContent()).toBe('Pinned as test case "A German buyer stays B".');
    const cases = (await w.h.call(w.h.adminToken, 'GET', '/decisions/grading/test-cases')).body.items;
    const pinned = cases.find((c: { name: string }) => c.name === 'A German buyer stays B');
    expect(pinned.facts.customer.country).toBe('DE');
    expect(pinned.expected.fired[0].params.grade).toBe('B');
    // Removed again, so that the draft (which makes them A) can be published below.
    expect((await w.h.call(w.h.adminToken, 'DELETE', `/decisions/grading/test-cases/${pinned.id}`)).status).toBe(204);
    await w.screenshot(page, 'rules-simulation');
  });

  it('publishes with a comment, then rolls back to the shipped version', async () => {
    await page.getByRole('tab', { name: 'Problems' }).click();
    await page.getByLabel('Comment (why this change)').fill('German buyers first');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('Version 2 is published.');
    await expect.poll(() => page.locator('[data-testid=published-grading]').textContent()).toBe('v2 published');
    const published = await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=grading&status=published');
    expect(published.body.items[0]).toMatchObject({ version: 2, comment: 'German buyers first' });

    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Roll back to this version v1' }).click();
    await page.getByLabel('Comment (why this change)').fill('back to the shipped rules');
    await page.locator('[data-testid=versions] form button[type=submit]').click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('Version 1 republished as version 3.');
    await expect.poll(() => page.locator('[data-testid=published-grading]').textContent()).toBe('v3 published');
    await expect.poll(() => page.locator('[data-testid=versions] [data-status=published]').getAttribute('data-version')).toBe('3');
    await w.screenshot(page, 'rules-versions');
    // The history's diff: what v2 changed from v1, in the rules language.
    await page.getByRole('button', { name: 'Compare v2 with v1' }).click();
    await expect.poll(() => page.locator('.workspace-main').textContent()).toContain('v1 (left) ↔ v2 (right)');
    await expect.poll(() => shown(page, '[data-testid=diff-editor]')).toContain('rule "German buyers: A" priority 10');
    const after = await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=grading&status=published');
    expect(after.body.items[0]).toMatchObject({ version: 3, comment: 'back to the shipped rules' });
    expect(after.body.items[0].rolledBackFrom).not.toBeNull();
  });

  it('asks before leaving edits that are not saved: staying keeps them, leaving discards them', async () => {
    await page.getByRole('tab', { name: 'Editor', exact: true }).click();
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await replaceEditorText(page, 'decision grading\nhit policy first\nrule "Unsaved: A" priority 5\n  when customer.country = "FR"\n  then grade A\n');
    await expect.poll(() => page.locator('[data-testid=editing]').locator('..').textContent()).toContain('•');
    await page.locator('[data-testid=decision-assignment]').click();
    const dialog = page.locator('[data-testid=unsaved-changes]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('changes that are not saved');
    expect(page.url()).toMatch(/\/ui\/rules\/grading$/);
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await shown(page, '[data-testid=rule-editor] .view-lines')).toContain('rule "Unsaved: A"');
    await page.locator('[data-testid=decision-assignment]').click();
    await dialog.getByRole('button', { name: 'Discard and leave' }).click();
    await page.waitForURL(/\/ui\/rules\/assignment$/);
    await page.locator('[data-testid=decision-grading]').click();
    await page.waitForURL(/\/ui\/rules\/grading$/);
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('rule "No demand: E"');
    expect(await shown(page, '[data-testid=rule-editor] .view-lines')).not.toContain('Unsaved: A');
  });

  it('shows a manager the rules read-only: typing changes nothing', async () => {
    const manager = await w.h.createRep({ id: 'rules-reader', role: 'manager' });
    const reader = await w.signIn(await w.browser(), manager.token);
    await reader.goto(`${w.baseUrl}/ui/rules/grading`);
    await reader.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await expect.poll(() => shown(reader, '[data-testid=rule-editor] .view-lines')).toContain('rule "No demand: E"');
    expect(await reader.locator('[data-testid=read-only]').textContent()).toContain('read only');
    const before = await shown(reader, '[data-testid=rule-editor] .view-lines');
    await reader.locator('[data-testid=rule-editor] .view-lines').click();
    await reader.keyboard.type('xyz');
    await reader.keyboard.press('Enter');
    expect(await shown(reader, '[data-testid=rule-editor] .view-lines')).toBe(before);
    expect(await reader.locator('[data-testid=editing]').locator('..').textContent()).not.toContain('•');
  });
});
