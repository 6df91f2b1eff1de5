/**
 * The highlights toggle (Alt+Shift+T; here through the popup's button, which sends the same command):
 * off removes every treasury-lens highlight, the choice survives a reload, on brings them back. And the
 * toolbar badge shows the number of flagged mentions.
 */
import type { Page } from 'playwright/test';
import type { LaunchedExtension } from '../../src/cli/chromium';
import { expect, test } from './fixtures';
import {
  allHighlights,
  badgeText,
  countOf,
  expectNothingPainted,
  expectPainted,
  openPopupFor,
  runCommand,
  settledState,
  tabIdOf,
  WIRE_EN,
} from './lens';

/**
 * The toggle is a setting of the whole browser profile, and the profile is shared by every test in the
 * worker: whatever happens here, leave highlights on.
 */
async function leaveHighlightsOn(extension: LaunchedExtension, page: Page): Promise<void> {
  if (page.isClosed() || Object.keys(await allHighlights(page)).length > 0) return;
  const popup = await openPopupFor(extension, page);
  try {
    await runCommand(popup, page, 'toggle-highlights');
    await expectPainted(page, WIRE_EN);
  } finally {
    await popup.close();
  }
}

test('the badge shows the number of flagged mentions', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  const state = await settledState(page);
  expect(state.count).toBe(countOf(WIRE_EN));
  await expect.poll(async () => badgeText(extension, await tabIdOf(extension, page))).toBe(String(state.count));
});

test('toggle off removes all highlights, a reload keeps them off, toggle on brings them back', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  await settledState(page);

  const popup = await openPopupFor(extension, page);
  try {
    await runCommand(popup, page, 'toggle-highlights');
    await expectNothingPainted(page);

    // Still off after a reload: once the detector and the annotator have both reported, nothing is painted.
    const reloadedAt = Date.now();
    await page.reload();
    await settledState(page, reloadedAt);
    expect(await allHighlights(page)).toEqual({});

    await runCommand(popup, page, 'toggle-highlights');
    await expectPainted(page, WIRE_EN);
  } finally {
    await popup.close();
    await leaveHighlightsOn(extension, page);
  }
});

test('turning Treasury Lens off for a site clears the page at once and keeps it off there after a reload', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  const popup = await openPopupFor(extension, page);
  const box = popup.locator('#site-disabled');
  try {
    await expect(box).toBeEnabled();
    await box.check();
    await expectNothingPainted(page);

    // After a reload the detector bails out before reading the page: no annotator, nothing painted.
    await page.reload();
    await page.waitForLoadState('load');
    await page.waitForTimeout(1500);
    expect(await allHighlights(page)).toEqual({});
    expect(await page.locator('style[data-treasury-lens-ui]').count()).toBe(0);
  } finally {
    await box.uncheck();
    await popup.close();
  }
  await page.reload();
  await expectPainted(page, WIRE_EN);
});
