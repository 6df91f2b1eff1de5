/**
 * Private windows: nothing learned in one outlives it (a site turned off, highlights hidden, a mention
 * marked "Not about this"). The extension is allowed in private windows as a user allows it
 * (chrome://extensions, "Allow in Incognito"), in a browser of its own: that switch reloads
 * the extension. Playwright cannot drive an incognito tab of a persistent profile, so the private tab is
 * opened and read from the service worker, and its popup is opened as a page (`popup.html?tab=<id>`), as
 * the other specs do.
 */
import type { Worker } from 'playwright/test';
import { launchWithExtension, type LaunchedExtension } from '../../src/cli/chromium';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { expectPainted, HIGHLIGHT_PREFIX, openPopupFor, SETTLE_MS, WIRE_EN } from './lens';

type Chrome = {
  developerPrivate: { updateProfileConfiguration(c: { inDeveloperMode: boolean }): Promise<void>; updateExtensionConfiguration(c: { extensionId: string; incognitoAccess: boolean }): Promise<void> };
  extension: { isAllowedIncognitoAccess(): Promise<boolean> };
  windows: { create(o: { incognito: boolean; url: string }): Promise<{ id?: number; tabs?: { id?: number }[] }>; remove(id: number): Promise<void> };
  scripting: { executeScript<A extends unknown[], R>(o: { target: { tabId: number }; func: (...args: A) => R; args?: A }): Promise<{ result?: R }[]> };
  storage: {
    local: { get(k: string | null): Promise<Record<string, unknown>> };
    sync: { get(k: null): Promise<Record<string, unknown>> };
    session: { get(k: null): Promise<Record<string, unknown>> };
  };
};

/** "Allow in Incognito" on chrome://extensions; resolves with the reloaded extension's worker. */
async function allowInPrivate(extension: LaunchedExtension): Promise<Worker> {
  const page = await extension.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
    await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
  }, extension.extensionId);
  await page.close();
  let worker: Worker | undefined;
  await expect
    .poll(async () => {
      worker = await extension.worker();
      return worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.extension.isAllowedIncognitoAccess()).catch(() => false);
    }, { timeout: SETTLE_MS, message: 'the extension allowed in private windows' })
    .toBe(true);
  return worker!;
}

/** Opens `url` in a new private window: its id and its tab's. */
const openPrivateWindow = (worker: Worker, url: string) =>
  worker.evaluate(async (u) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const win = await chrome.windows.create({ incognito: true, url: u });
    return { windowId: win.id!, tabId: win.tabs![0]!.id! };
  }, url);

/** Our highlights in a tab, read from the service worker (the registry is the page's, shared with our scripts). */
const highlightsIn = (worker: Worker, tabId: number) =>
  worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const [frame] = await chrome.scripting.executeScript({ target: { tabId: id }, func: () => [...CSS.highlights.keys()].filter((n) => n.startsWith('treasury-lens')).length });
    return frame?.result ?? 0;
  }, tabId);

const storedSites = (worker: Worker) =>
  worker.evaluate(async () => ((await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('disabledSites')).disabledSites as string[] | undefined) ?? []);
const stored = (worker: Worker, key: string) =>
  worker.evaluate(async (k) => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(k))[k], key);
/** Everything the extension keeps on disk: storage.local and storage.sync, whole. */
const persistent = (worker: Worker) =>
  worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    return { local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null) };
  });
/** The ranges of one mention highlight in a tab. */
const rangesIn = (worker: Worker, tabId: number, name: string) =>
  worker.evaluate(
    async ({ id, highlight }) => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const [frame] = await chrome.scripting.executeScript({ target: { tabId: id }, func: (n: string) => CSS.highlights.get(n)?.size ?? 0, args: [highlight] });
      return frame?.result ?? 0;
    },
    { id: tabId, highlight: name },
  );
const sessionKeys = (worker: Worker) => worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get(null)));

test('a site turned off and highlights hidden in a private window are forgotten when it closes; a normal window keeps them', async ({ server }) => {
  test.setTimeout(120_000);
  const extension = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  try {
    const worker = await allowInPrivate(extension);
    const url = new URL('wire-en.html', server.url).href;
    const site = new URL(server.url).hostname;
    const normal = await extension.context.newPage();
    await normal.goto(url);
    await expectPainted(normal, WIRE_EN);

    const { windowId, tabId } = await openPrivateWindow(worker, url);
    await expect.poll(() => highlightsIn(worker, tabId), { timeout: SETTLE_MS, message: 'the private tab annotated' }).toBeGreaterThan(0);

    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tab=${tabId}`);
    const box = popup.locator('#site-disabled');
    await expect(box).toBeEnabled();
    await box.check();
    // The private tab obeys at once (its annotator is told: it cannot read the private session itself)...
    await expect.poll(() => highlightsIn(worker, tabId), { timeout: SETTLE_MS, message: 'the private tab cleared' }).toBe(0);
    // ...the popup, opened again, still says the site is off there...
    await popup.reload();
    await expect(box).toBeChecked();
    // ...and nothing is stored: the normal window's page is still annotated.
    await popup.locator('[data-action="toggle-highlights"]').click();
    await popup.waitForTimeout(500);
    expect(await storedSites(worker)).not.toContain(site);
    expect(await stored(worker, 'highlightsEnabled')).not.toBe(false);
    await normal.reload();
    await expectPainted(normal, WIRE_EN);
    await popup.close();

    await worker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.windows.remove(id), windowId);
    await expect.poll(() => sessionKeys(worker), { timeout: SETTLE_MS, message: 'the private session dropped' }).not.toContain('privateSettings');
    expect(await storedSites(worker)).not.toContain(site);

    // A normal window's choice is kept.
    const normalPopup = await openPopupFor(extension, normal);
    await normalPopup.locator('#site-disabled').check();
    await expect.poll(() => storedSites(worker), { timeout: SETTLE_MS }).toContain(site);
    await normalPopup.close();
  } finally {
    await extension.close();
  }
});

test('"Not about this" in a private window hides the mention there and leaves nothing in storage.local or storage.sync after the window closes', async ({ server }) => {
  test.setTimeout(120_000);
  const extension = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  try {
    await allowInPrivate(extension);
    // Asked for each time: MV3 stops an idle service worker, and a handle to the stopped one fails.
    const worker = () => extension.worker();
    const url = new URL('wire-en.html', server.url).href;
    const before = await persistent(await worker());
    const { windowId, tabId } = await openPrivateWindow(await worker(), url);
    // The reserves figure ("$1.27 trillion" as Japan's foreign reserves) is the one to hide.
    const reserves = `${HIGHLIGHT_PREFIX}-context`;
    await expect.poll(async () => rangesIn(await worker(), tabId, reserves), { timeout: SETTLE_MS, message: 'the private tab annotated' }).toBe(1);

    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('#mentions li[data-class="context"]').getByRole('button', { name: /^Not about this/ }).click();
    await expect.poll(async () => rangesIn(await worker(), tabId, reserves), { timeout: SETTLE_MS, message: 'the mention hidden in the private tab' }).toBe(0);
    await expect(popup.locator('#dismissed li')).toHaveCount(1);
    // Kept in the private session, not on disk, while the window is open...
    await expect.poll(async () => sessionKeys(await worker()), { timeout: SETTLE_MS }).toContain('privateDismissed');
    expect(await persistent(await worker())).toEqual(before);
    await popup.close();

    await (await worker()).evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.windows.remove(id), windowId);
    await expect.poll(async () => sessionKeys(await worker()), { timeout: SETTLE_MS, message: 'the private session dropped' }).not.toContain('privateDismissed');
    // ...and after it closed: nothing written, and a normal window shows the mention.
    expect(await persistent(await worker())).toEqual(before);
    const normal = await extension.context.newPage();
    await normal.goto(url);
    await expectPainted(normal, WIRE_EN);
    await normal.close();
  } finally {
    await extension.close();
  }
});
