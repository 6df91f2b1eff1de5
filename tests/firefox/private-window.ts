/**
 * Private windows in Firefox, as tests/e2e/private-window.spec.ts does in Chromium: the extension is
 * allowed in them (tests/firefox/harness.ts installs it so), a private window is opened from an extension
 * page (windows.create), and a site turned off there from the private tab's popup is forgotten when the
 * window closes: storage.local and storage.sync are as they were, and a normal window still paints the site.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { WIRE_EN } from '../support/expected';
import { clickThenBack, openExtensionPage, openPage, resetAfterEach, until, waitForNothingPainted, waitForPainted, withApi, type Firefox } from './harness';

/** Everything the extension keeps on disk. */
const persistent = (ext: Page) => withApi(ext, async (api) => ({ local: await api.storage.local.get(null), sync: await api.storage.sync.get(null) }), undefined);
const sessionKeys = (ext: Page) => withApi(ext, async (api) => Object.keys(await api.storage.session.get(null)), undefined);

/** The page BiDi shows for the private window's tab: the one at `url` that is not among `known`. */
async function privatePage(ff: Firefox, url: string, known: readonly Page[]): Promise<Page> {
  const [page] = await until(
    async () => {
      const found: Page[] = [];
      for (const p of await ff.browser.pages()) if (!known.includes(p) && (await p.evaluate(() => location.href).catch(() => '')) === url) found.push(p);
      return found;
    },
    (found) => found.length > 0,
    'the private window shows the page',
  );
  return page!;
}

export const privateWindowTests = (ff: Firefox) =>
  describe('private windows', () => {
    const control = resetAfterEach();

    test('a site turned off in a private window is off there at once, and nothing of it is stored after the window closes', async () => {
      const normal = await openPage(ff, 'wire-en.html');
      await waitForPainted(normal, WIRE_EN);
      const url = normal.url();
      const site = new URL(url).hostname;
      const { page: options } = await openExtensionPage(ff, normal, 'options');
      control.page = options;
      const before = await persistent(options);

      const known = await ff.browser.pages();
      const opened = await withApi(options, async (api, u: string) => {
        const win = await api.windows.create({ incognito: true, url: u });
        return { windowId: win.id!, tabs: win.tabs?.length ?? 0 };
      }, url);
      assert.equal(opened.tabs, 1);
      const inPrivate = await privatePage(ff, url, known);
      await waitForPainted(inPrivate, WIRE_EN);

      const { page: popup } = await openExtensionPage(ff, inPrivate, 'popup');
      await clickThenBack(popup, '#site-disabled', inPrivate);
      await waitForNothingPainted(inPrivate);
      // Kept in the private session while the window is open, nowhere on disk.
      await until(() => sessionKeys(options), (keys) => keys.includes('privateSettings'), 'the private session holds the change');
      assert.deepEqual(await persistent(options), before);
      await popup.close();

      await withApi(options, (api, id: number) => api.windows.remove(id), opened.windowId);
      await until(() => sessionKeys(options), (keys) => !keys.includes('privateSettings'), 'the private session dropped');
      const after = await persistent(options);
      assert.deepEqual(after, before);
      assert.ok(!JSON.stringify(after.local.disabledSites ?? []).includes(site));
      await normal.reload();
      await waitForPainted(normal, WIRE_EN);
      await normal.close();
    });
  });
