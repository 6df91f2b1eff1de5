/**
 * Remark cards in the real browser: the card never names a statement with more confidence than the
 * engine has, and it says how the sentence stands against the record. Screenshots are kept as artefacts.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { painted, cardPart, cardRoot, hoverMention, SETTLE_MS } from './lens';

const SHOTS = join(import.meta.dirname, '..', '..', '.output', 'test-results', 'screenshots');
const UNSURE = 'Finance Minister Katsunobu Kato ruled out selling U.S. Treasuries as a bargaining chip in the tariff negotiations.';
const MISDATED = "In April, Finance Minister Katsunobu Kato said on TV Tokyo that Japan's Treasury holdings could be a card in the talks.";

test.beforeEach(async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL('remark-verdicts.html', server.url).href);
  await expect.poll(async () => (await painted(page)).remark ?? [], { timeout: SETTLE_MS }).toEqual(expect.arrayContaining([UNSURE, MISDATED]));
});

test('an April-or-Milan sentence: the card says it cannot tell, and shows both statements with their dates', async ({ page }) => {
  await hoverMention(page, 'remark', UNSURE);
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardPart(page, 'heading')).toContainText('Not clear');
  await expect(cardPart(page, 'unsure')).toContainText(/9 April 2025|April 9, 2025/);
  await expect(cardPart(page, 'unsure')).toContainText(/4 May 2025|May 4, 2025/);
  await expect(cardPart(page, 'said')).toHaveCount(2);
  await page.screenshot({ path: join(SHOTS, 'remark-unsure-en-light.png') });
});

test('a misdated sentence: the card says when the remark really was', async ({ page }) => {
  await hoverMention(page, 'remark', MISDATED);
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardPart(page, 'remark-verdict')).toContainText('Misdated');
  await expect(cardPart(page, 'remark-verdict')).toContainText(/2 May 2025|May 2, 2025/);
  await page.screenshot({ path: join(SHOTS, 'remark-misdated-en-light.png') });
  // Why: the cues that decided, with what kind of marker each is.
  await cardPart(page, 'why').locator('summary').click();
  await expect(cardPart(page, 'why')).toContainText('“TV Tokyo” (place)');
});
