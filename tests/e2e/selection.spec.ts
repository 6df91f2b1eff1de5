/**
 * "Check with Treasury Lens" on selected text. Playwright cannot click the browser's context menu, so the
 * test fires the menu's own click event in the service worker (`contextMenus.onClicked.dispatch`): the
 * real listener runs, with a real selection in a real page. On a page the detector passed over (the site
 * turned off), the selection's figure gets its card, anchored to the selection, and nothing is painted;
 * a selection with nothing to check gets a card that says so. Screenshots of both, in English and
 * Japanese, light and dark.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright/test';
import type { LaunchedExtension } from '../../src/cli/chromium';
import { expect, test } from './fixtures';
import { cardPart, cardRoot, expectNothingPainted } from './lens';
import { resetStored, SCREENSHOTS, setStored } from './stored';

test.afterEach(async ({ extension }) => {
  await resetStored(extension);
});

/** Selects the paragraph holding `text`, and returns the selection's box. */
async function selectParagraph(page: Page, text: string): Promise<{ top: number; bottom: number }> {
  return page.evaluate((text) => {
    const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.includes(text))!;
    p.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const box = range.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom };
  }, text);
}

/** Clicks "Check with Treasury Lens" for `page`'s tab, as the browser does when the menu item is chosen. */
async function clickMenu(extension: LaunchedExtension, page: Page): Promise<void> {
  const worker = await extension.worker();
  const selectionText = await page.evaluate(() => getSelection()!.toString());
  await worker.evaluate(
    async ({ url, selectionText }) => {
      const { chrome } = globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Array<{ id: number; url: string }>> }; contextMenus: { onClicked: { dispatch(info: object, tab: object): void } } };
      };
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url)!;
      chrome.contextMenus.onClicked.dispatch({ menuItemId: 'check-selection', frameId: 0, pageUrl: url, selectionText, editable: false }, tab);
    },
    { url: page.url(), selectionText },
  );
}

test('a selection on a page the detector passed over: its figure gets its card, under or over the selection, and nothing is painted', async ({ page, server, extension }) => {
  await setStored(extension, { disabledSites: [new URL(server.url).hostname] });
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectNothingPainted(page);
  const box = await selectParagraph(page, 'Japan held $1.13 trillion');
  await clickMenu(extension, page);
  await expect(cardRoot(page)).toHaveAttribute('data-status', 'consistent');
  await expect(cardPart(page, 'heading')).toContainText('Treasury');
  const card = (await cardRoot(page).boundingBox())!;
  expect(card.y >= box.bottom - 1 || card.y + card.height <= box.top + 1, 'the card sits beside the selection, not over it').toBe(true);
  await expectNothingPainted(page);
  await page.keyboard.press('Escape');
  await expect(cardRoot(page)).toHaveCount(0);
});

test('a selection with nothing to check: a card that says so', async ({ page, server, extension }) => {
  await page.goto(new URL('negative.html', server.url).href);
  await selectParagraph(page, 'Midfielder Ren Kato');
  await clickMenu(extension, page);
  await expect(cardRoot(page)).toHaveAttribute('data-status', 'nothing');
  await expect(cardPart(page, 'heading')).toHaveText('Nothing to check here');
  // A click elsewhere closes it.
  await page.mouse.click(5, 5);
  await expect(cardRoot(page)).toHaveCount(0);
});

for (const lang of ['en', 'ja'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot: the selection's card and the "nothing to check" card, ${lang === 'en' ? 'English' : 'Japanese'}, ${scheme}`, async ({ page, server, extension }) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await setStored(extension, { uiLanguage: lang, disabledSites: [new URL(server.url).hostname] });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      for (const [file, text, name] of [
        [lang === 'en' ? 'wire-en.html' : 'news-ja.html', lang === 'en' ? 'Japan held $1.13 trillion' : '1兆1259億ドル', 'selection'],
        ['negative.html', 'Midfielder Ren Kato', 'selection-nothing'],
      ] as const) {
        await page.goto(new URL(file, server.url).href);
        // The card takes the page's colours: a dark page for the dark shot.
        if (scheme === 'dark') await page.addStyleTag({ content: 'html, body { background: #15171a !important; color: #e6e6e6 !important; }' });
        await selectParagraph(page, text);
        await clickMenu(extension, page);
        await expect(cardRoot(page)).toBeVisible();
        await expect(cardRoot(page)).toHaveAttribute('lang', lang);
        await expect(page.locator('[data-treasury-lens-card] .floating[data-positioned]')).toHaveCount(1);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-${scheme}.png`) });
      }
    });
  }
}
