/**
 * The popup's per-mention actions: "Not about this" hides a mention on this page (its highlight and its
 * item go, and stay gone after a reload; "Show again" brings it back), and "Copy a report" puts a
 * plain-text account of the mention on the clipboard. (Their screenshots are taken with the popup's, in
 * popup.spec.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { badgeText, countOf, expectPainted, openPopupFor, settledState, tabIdOf, WIRE_EN } from './lens';
import { resetStored } from './stored';

const meta = JSON.parse(readFileSync(join(process.cwd(), 'data/meta.json'), 'utf8')) as { datasetVersion: string };
const { context: _, ...WITHOUT_RESERVES } = WIRE_EN;

const ready = (popup: Page) => expect(popup.locator('html[data-ready="1"]')).toHaveCount(1);

test.afterEach(async ({ extension }) => {
  await resetStored(extension);
});

test('"Not about this" hides a mention on this page, remembers it across a reload, and "Show again" brings it back', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  await settledState(page);
  const popup = await openPopupFor(extension, page);
  try {
    await ready(popup);
    // The reserves figure ("$1.27 trillion" as Japan's foreign reserves) is the one to hide.
    const reserves = popup.locator('#mentions li[data-class="context"]');
    await reserves.getByRole('button', { name: /^Not about this/ }).click();
    await expectPainted(page, WITHOUT_RESERVES);
    await expect(popup.locator('#mentions li')).toHaveCount(countOf(WIRE_EN) - 1);
    await expect(popup.locator('#counts li[data-class="context"] b')).toHaveText('0');
    await expect(popup.locator('#dismissed li')).toHaveCount(1);
    await expect(popup.locator('#dismissed li .quote')).toContainText('$1.27 trillion');
    // The badge counts what is left, at once.
    const tabId = await tabIdOf(extension, page);
    await expect.poll(() => badgeText(extension, tabId)).toBe(String(countOf(WIRE_EN) - 1));

    // Remembered for this page: after a reload it is still not painted, and still listed as hidden.
    const reloadedAt = Date.now();
    await page.reload();
    await settledState(page, reloadedAt);
    await expectPainted(page, WITHOUT_RESERVES);
    const again = await openPopupFor(extension, page);
    try {
      await ready(again);
      await expect(again.locator('#mentions li')).toHaveCount(countOf(WIRE_EN) - 1);
      await again.locator('#dismissed').getByRole('button', { name: /^Show again: .*\$1\.27 trillion/ }).click();
      await expectPainted(page, WIRE_EN);
      await expect(again.locator('#dismissed')).toBeHidden();
      await expect(again.locator('#mentions li')).toHaveCount(countOf(WIRE_EN));
      await expect.poll(() => badgeText(extension, tabId)).toBe(String(countOf(WIRE_EN)));
    } finally {
      await again.close();
    }
  } finally {
    await popup.close();
  }
});

test('"Copy a report" puts the sentence, the page, the verdict, the dataset version and a line for what is wrong on the clipboard', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  const state = await settledState(page);
  // The clipboard is read back from the article's own origin (Chromium grants no permissions to extension origins).
  await page.context().grantPermissions(['clipboard-read'], { origin: new URL(server.url).origin });
  const popup = await openPopupFor(extension, page);
  try {
    await ready(popup);
    const disputed = popup.locator('#mentions li[data-class="disputed"]');
    const verdict = (await disputed.locator('.verdict strong').textContent())!;
    await disputed.getByRole('button', { name: /^Copy a report/ }).click();
    await expect(popup.locator('#mention-done')).toContainText('nothing was sent');
    await page.bringToFront();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const mention = state.mentions!.find((m) => m.cls === 'disputed')!;
    const lines = text.split('\n');
    expect(lines[0]).toBe('Treasury Lens: a report on one mention');
    expect(lines).toContain(`Sentence: “${mention.sentence!.text.replace(/\s+/g, ' ').trim()}”`);
    expect(lines).toContain('Mention: “$1.27 trillion”');
    expect(lines).toContain(`Page: ${page.url()}`);
    expect(lines.find((l) => l.startsWith('Treasury Lens says: '))).toContain(verdict);
    expect(lines).toContain(`Dataset: version ${meta.datasetVersion}`);
    expect(lines).toContain('What I think is wrong:');
  } finally {
    await popup.close();
  }
});
