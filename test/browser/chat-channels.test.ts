// Chat channels in the browser, as an admin: adds a DingTalk robot channel with its signing
// secret, sends a test message to a local fake DingTalk robot (which checks the signature as the
// vendor documents it) and reads the message with the robot's answer; the secret is never shown.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRobot, startFakeRobots } from '../support/fake-robots.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
let fakes: Awaited<ReturnType<typeof startFakeRobots>>;
let robot: FakeRobot;

beforeAll(async () => {
  w = await createUiWorld();
  fakes = await startFakeRobots({ windowMs: 60_000 });
  robot = fakes.robot('dingtalk');
  page = await w.signIn(await w.browser(), w.h.adminToken);
}, 180_000);
afterAll(async () => {
  await fakes?.close();
  await w?.close();
});

const status = (p: Page) => p.locator('[role=status]').first().textContent();

describe('chat channels', () => {
  it('adds a DingTalk channel and sends a test message the robot accepts', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Chat channels', exact: true }).click();
    await page.waitForURL(/\/ui\/settings\/channels$/);

    const form = page.getByRole('form', { name: 'Add channel' });
    await form.getByLabel('Name').fill('Sales group');
    await form.getByLabel('Robot', { exact: true }).selectOption('dingtalk');
    await form.getByLabel('Robot URL').fill(robot.url);
    await form.getByLabel('Signing secret').fill(robot.secret!);
    await form.getByLabel('Language').selectOption('en');
    await form.getByLabel('Name').press('Enter');
    await expect.poll(() => status(page)).toBe('Channel Sales group added.');
    const rows = page.locator('[data-testid=channels-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain('DingTalk');
    expect(row).not.toContain(robot.secret!);
    expect(row).not.toContain(new URL(robot.url).searchParams.get('access_token')!);

    await page.getByRole('button', { name: 'Send test message: Sales group' }).click();
    await expect.poll(() => status(page)).toBe('Test message delivered to Sales group.');
    expect(robot.refused).toEqual([]);
    expect(robot.accepted).toHaveLength(1);
    expect(JSON.stringify(robot.accepted[0]!.body)).toContain('highseas test message: Sales group');

    await page.getByRole('button', { name: 'Deliveries: Sales group' }).click();
    const message = page.locator('[data-testid=channel-messages] tbody tr').first();
    await expect.poll(() => message.textContent()).toContain('delivered');
    expect(await message.textContent()).toContain('{"errcode":0,"errmsg":"ok"}');
    await w.screenshot(page, 'settings-chat-channels');
  });
});
