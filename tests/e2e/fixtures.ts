/**
 * Playwright fixtures for the browser tests: one Chromium with the built extension per worker, one static
 * server for tests/fixtures/pages, and a fresh page per test in that browser.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type BrowserContext, type Page } from 'playwright/test';
import type { TabState } from '../../src/messages';
import { launchWithExtension, readTabState, type LaunchedExtension } from '../../src/cli/chromium';
import { serve, type Served } from '../../src/cli/serve';
import { PAGES_DIR, PAGE_HEADERS } from '../support/pages';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The e2e build the tests drive (its card's shadow root is open to them: src/page/e2e-hook.ts), and the store build. */
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3-e2e');
export const STORE_EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');

type TestFixtures = { context: BrowserContext; page: Page };
type WorkerFixtures = { extension: LaunchedExtension; server: Served };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  extension: [
    async ({}, use) => {
      const extension = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
      await use(extension);
      await extension.close();
    },
    { scope: 'worker' },
  ],
  server: [
    async ({}, use) => {
      const server = await serve({ root: PAGES_DIR, headers: PAGE_HEADERS });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // Replaces Playwright's own browser (which is not installed) with the persistent extension context.
  context: async ({ extension }, use) => {
    await use(extension.context);
  },
  page: async ({ extension }, use) => {
    const page = await extension.context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect } from 'playwright/test';

/** How long to wait for the detector (document_idle) and the background's write to session storage. */
const TAB_STATE_TIMEOUT_MS = 10_000;

/** What the background stored for `page`'s tab; waits until the detector has reported. */
export async function tabState(page: Page, timeout = TAB_STATE_TIMEOUT_MS): Promise<TabState> {
  const context = page.context();
  const deadline = Date.now() + timeout;
  for (;;) {
    // A fresh worker handle each time: Chromium may have restarted the idle MV3 service worker.
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: Math.max(1, deadline - Date.now()) }));
    const found = await readTabState(worker, page.url()).catch(() => undefined);
    if (found?.state) return found.state;
    if (Date.now() > deadline) throw new Error(`No tab state for ${page.url()} after ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}
