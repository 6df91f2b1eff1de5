/**
 * A site the extension may not read: the popup says why the page was not read and offers "Check this
 * page", which runs the detector and the annotator once through activeTab.
 *
 * The extension is loaded from a copy of the build whose manifest asks for the sites as optional host
 * permissions, none granted, and declares no content script: what Firefox with the permission turned off
 * leaves it with (no content script runs there, and the toolbar click opens the popup with activeTab).
 * Chromium's own "on click" setting cannot be set from a test, and its content-script matches would
 * grant the detector its pages. The toolbar click is the browser's own, through CDP's
 * Extensions.triggerAction, which grants activeTab for the tab as a real click does.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright/test';
import { launchWithExtension, type LaunchedExtension } from '../../src/cli/chromium';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { countOf, expectNothingPainted, expectPainted, WIRE_EN } from './lens';
import { SCREENSHOTS, setStored } from './stored';

type Manifest = { host_permissions?: string[]; optional_host_permissions?: string[]; content_scripts?: unknown[] };

/** A browser of its own (the shared one has the sites granted). */
async function launchWithoutSiteAccess(): Promise<LaunchedExtension> {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-lens-no-access-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  manifest.optional_host_permissions = manifest.host_permissions;
  delete manifest.host_permissions;
  delete manifest.content_scripts;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const extension = await launchWithExtension({ extensionDir: dir, headless: true });
  // The welcome tab opens on install; closed first, so the article's tab is the active one.
  const welcome = extension.context.pages().find((p) => p.url().endsWith('/welcome.html')) ?? (await extension.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/welcome.html') }));
  await welcome.close();
  return {
    ...extension,
    close: async () => {
      await extension.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reader clicks the toolbar button on `page`; returns its tab's id. */
async function clickToolbarButton(extension: LaunchedExtension, page: Page): Promise<number> {
  await page.bringToFront();
  const cdp = await extension.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: Array<{ targetId: string; url: string }> };
  const tab = targetInfos.find((t) => t.url === page.url())!;
  await cdp.send('Extensions.triggerAction' as never, { id: extension.extensionId, targetId: tab.targetId } as never);
  await cdp.detach();
  const worker = await extension.worker();
  // Without host permissions, tabs cannot be found by URL: the page is the active tab.
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number }>> } } };
    return (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id;
  });
}

test('the popup says why the page was not read, and "Check this page" checks it once', async ({ server }) => {
  const extension = await launchWithoutSiteAccess();
  try {
    const page = await extension.context.newPage();
    await page.goto(new URL('wire-en.html', server.url).href);
    const tabId = await clickToolbarButton(extension, page);
    await expectNothingPainted(page);
    const popup = await page.context().newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tab=${tabId}`);
    await expect(popup.locator('html[data-ready="1"]')).toHaveCount(1);
    await expect(popup.locator('#status')).toHaveText('Treasury Lens may not read this site, so it has not looked at this page.');
    await expect(popup.locator('#no-access-why')).toContainText('“On click”');
    await popup.getByRole('button', { name: 'Check this page' }).click();
    await expectPainted(page, WIRE_EN);
    await expect(popup.locator('#mentions li')).toHaveCount(countOf(WIRE_EN));
    await expect(popup.locator('#no-access')).toBeHidden();
  } finally {
    await extension.close();
  }
});

test('screenshots: the "Check this page" state in English and Japanese, light and dark', async ({ server }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const extension = await launchWithoutSiteAccess();
  try {
    const page = await extension.context.newPage();
    await page.goto(new URL('wire-en.html', server.url).href);
    const tabId = await clickToolbarButton(extension, page);
    for (const lang of ['en', 'ja'] as const) {
      await setStored(extension, { uiLanguage: lang });
      for (const scheme of ['light', 'dark'] as const) {
        const popup = await extension.context.newPage();
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.setViewportSize({ width: 420, height: 600 });
        await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tab=${tabId}`);
        await expect(popup.locator('html[data-ready="1"]')).toHaveCount(1);
        await expect(popup.locator('#no-access')).toBeVisible();
        await popup.locator('section').first().screenshot({ path: join(SCREENSHOTS, `popup-check-page-${lang}-${scheme}.png`) });
        await popup.close();
      }
    }
  } finally {
    await extension.close();
  }
});
