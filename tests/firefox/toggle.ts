/**
 * Turning highlights off, as tests/e2e/toggle.spec.ts and popup.spec.ts do in Chromium: the global switch
 * in the popup (the command Alt+Shift+T sends; BiDi cannot press an extension shortcut, see card.ts) says
 * its state, clears the page, stays off after a reload and brings the highlights back; a site turned off
 * in the popup is cleared at once and stays off after a reload (the detector stops before reading it).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { WIRE_EN } from '../support/expected';
import { allHighlights, clickThenBack, LINGER_MS, openExtensionPage, openPage, resetAfterEach, settledState, sleep, until, waitForNothingPainted, waitForPainted, type Firefox } from './harness';

const SWITCH = '[data-action="toggle-highlights"]';
const ariaChecked = (popup: Page) => popup.$eval(SWITCH, (b) => b.getAttribute('aria-checked'));

export const toggleTests = (ff: Firefox) =>
  describe('turning highlights off', () => {
    const control = resetAfterEach();

    test('the highlights switch says its state (aria-checked); off clears the page, a reload keeps it off, on brings them back', async () => {
      const page = await openPage(ff, 'wire-en.html');
      await waitForPainted(page, WIRE_EN);
      const { page: popup, tabId } = await openExtensionPage(ff, page, 'popup');
      control.page = popup;
      await settledState(popup, tabId!);
      assert.equal(await ariaChecked(popup), 'true');
      await clickThenBack(popup, SWITCH, page);
      await waitForNothingPainted(page);
      assert.equal(await ariaChecked(popup), 'false');

      // Still off after a reload: once the detector and the annotator have both reported, nothing is painted.
      const reloadedAt = Date.now();
      await page.reload();
      await settledState(popup, tabId!, reloadedAt);
      assert.deepEqual(await allHighlights(page), {});

      await clickThenBack(popup, SWITCH, page);
      await waitForPainted(page, WIRE_EN);
      assert.equal(await ariaChecked(popup), 'true');
      await page.close();
    });

    test('turning Treasury Lens off for a site clears the page at once and keeps it off there after a reload; on again paints it', async () => {
      const page = await openPage(ff, 'wire-en.html');
      await waitForPainted(page, WIRE_EN);
      const { page: popup } = await openExtensionPage(ff, page, 'popup');
      control.page = popup;
      await clickThenBack(popup, '#site-disabled', page);
      assert.equal(await popup.$eval('#site-disabled', (b) => (b as HTMLInputElement).checked), true);
      await waitForNothingPainted(page);

      // After a reload the detector bails out before reading the page: no annotator, nothing painted.
      await page.reload();
      await sleep(LINGER_MS);
      assert.deepEqual(await allHighlights(page), {});
      assert.equal(await page.$$eval('style[data-treasury-lens-ui]', (s) => s.length), 0);

      await clickThenBack(popup, '#site-disabled', page);
      await page.reload();
      await waitForPainted(page, WIRE_EN);
      await page.close();
    });
  });
