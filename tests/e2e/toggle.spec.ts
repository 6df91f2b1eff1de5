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
