/**
 * "Check with Treasury Lens" on selected text. Playwright cannot click the browser's context menu, so the
 * test fires the menu's own click event in the service worker (`contextMenus.onClicked.dispatch`): the
 * real listener runs, with a real selection in a real page. On a page the detector passed over (the site
 * turned off), the selection's figure gets its card, anchored to the selection, and nothing is painted;
 * a selection with nothing to check gets a card that says so.
 */
import type { Page } from 'playwright/test';
import type { LaunchedExtension } from '../../src/cli/chromium';
import { expect, test } from './fixtures';
import { cardPart, cardRoot, expectNothingPainted } from './lens';
import { resetStored, setStored } from './stored';

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
