/**
 * Remark cards in the real browser: the card never names a statement with more confidence than the
 * engine has, and it says how the sentence stands against the record. Screenshots are kept as artefacts.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { painted, cardPart, cardRoot, hoverMention, openDetails, SETTLE_MS } from './lens';

const SHOTS = join(import.meta.dirname, '..', '..', '.output', 'test-results', 'screenshots');
/** The card fades in: a screenshot waits until it is fully shown. */
async function shot(page: import('playwright/test').Page, name: string): Promise<void> {
  await expect.poll(() => cardRoot(page).evaluate((el) => Number(getComputedStyle(el).opacity)), { timeout: SETTLE_MS }).toBe(1);
  await page.screenshot({ path: join(SHOTS, name) });
}

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
  await shot(page, 'remark-unsure-en-light.png');
});

test('a misdated sentence: the card says when the remark really was', async ({ page }) => {
  await hoverMention(page, 'remark', MISDATED);
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardPart(page, 'remark-verdict')).toContainText('Misdated');
  await expect(cardPart(page, 'remark-verdict')).toContainText(/2 May 2025|May 2, 2025/);
  await shot(page, 'remark-misdated-en-light.png');
  // Why: the cues that decided, with what kind of marker each is.
  await openDetails(page);
  await cardPart(page, 'why').locator('summary').click();
  await expect(cardPart(page, 'why')).toContainText('“TV Tokyo” (place)');
});

test.describe('in Japanese, dark', () => {
  const UNSURE_JA = '加藤財務相は、米国債の売却を関税への対抗措置とすることに慎重な考えを示した。';
  const MISDATED_JA = '加藤財務相は4月の番組で、保有する米国債について「交渉のカードとしてはある」と述べた。';

  test.beforeEach(async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(new URL('remark-verdicts-ja.html', server.url).href);
    await expect.poll(async () => (await painted(page)).remark ?? [], { timeout: SETTLE_MS }).toEqual(expect.arrayContaining([UNSURE_JA, MISDATED_JA]));
  });

  test('the unsure card in Japanese: both statements, with their dates', async ({ page }) => {
    await hoverMention(page, 'remark', UNSURE_JA);
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    await expect(cardPart(page, 'heading')).toContainText('判別できません');
    await expect(cardPart(page, 'unsure')).toContainText('2025年4月9日');
    await expect(cardPart(page, 'unsure')).toContainText('2025年5月4日');
    await shot(page, 'remark-unsure-ja-dark.png');
  });

  test('the misdated card in Japanese', async ({ page }) => {
    await hoverMention(page, 'remark', MISDATED_JA);
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    await expect(cardPart(page, 'remark-verdict')).toContainText('日付の誤り');
    await expect(cardPart(page, 'remark-verdict')).toContainText('2025年5月2日');
    await shot(page, 'remark-misdated-ja-dark.png');
  });
});
