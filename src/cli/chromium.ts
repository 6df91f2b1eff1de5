/**
 * Finding and launching a system Chromium with the built extension loaded. Used by `npm start` and by the
 * browser tests. We use the distribution's Chromium rather than Playwright's downloaded browser: it needs no
 * extra download, and `--load-extension` works in it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { tabStateKey, type TabState } from '../messages';
import { findChromium } from './browsers';

/** Finding (and installing) Chromium lives with the other browsers in ./browsers. */
export { findChromium } from './browsers';

/**
 * Command-line flags for a quiet, repeatable Chromium with only our extension loaded.
 * Playwright adds `--disable-extensions` to its defaults; `--disable-extensions-except` and
 * `--load-extension` still win over it, so no `ignoreDefaultArgs` is needed.
 */
export function chromiumArgs(extensionDir: string): string[] {
  const dir = resolve(extensionDir);
  return [
    // No update checks, component downloads, sync or QUIC probes: tests stay offline and quiet.
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
  ];
}

export type LaunchOptions = {
  /** The unpacked extension, e.g. `.output/chrome-mv3`. */
  extensionDir: string;
  headless: boolean;
  /** Page size; `null` lets a headed window size itself. Defaults to 1280×800. */
  viewport?: { width: number; height: number } | null;
  /** A phone: touch events, no hover, a mobile viewport (the browser tests' touch screen). */
  touch?: boolean;
  /** CSS pixels per device pixel: 2 with a halved viewport is what 200 % page zoom lays out. */
  deviceScaleFactor?: number;
  /** The browser's default font size setting, px (16 unless set). */
  defaultFontSize?: number;
};

export type LaunchedExtension = {
  context: BrowserContext;
  /** The unpacked extension's id (the host of its `chrome-extension://` URLs). */
  extensionId: string;
  /** The background service worker as it was at launch. */
  serviceWorker: Worker;
  /** A live background service worker: MV3 stops idle workers, so long runs should ask again. */
  worker: () => Promise<Worker>;
  /** Closes the browser and removes its temporary profile. */
  close: () => Promise<void>;
};

const isExtensionWorker = (worker: Worker) => worker.url().startsWith('chrome-extension://');

/** Launches Chromium with a fresh temporary profile and the extension loaded. */
export async function launchWithExtension({
  extensionDir,
  headless,
  viewport = { width: 1280, height: 800 },
  touch = false,
  deviceScaleFactor,
  defaultFontSize,
}: LaunchOptions): Promise<LaunchedExtension> {
  const dir = resolve(extensionDir);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension in ${dir} (run "npm run build" first).`);
  }
  const executablePath = findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'treasury-lens-profile-'));
  if (defaultFontSize) {
    // The profile's own preference, exactly what Settings › Appearance › Font size writes.
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(join(userDataDir, 'Default/Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: defaultFontSize } } }));
  }
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless,
      viewport,
      ...(touch ? { hasTouch: true, isMobile: true } : {}),
      ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
      args: chromiumArgs(dir),
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };

  const worker = async (): Promise<Worker> =>
    context.serviceWorkers().find(isExtensionWorker) ??
    (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 10_000 }));

  try {
    const serviceWorker = await worker();
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, worker, close };
  } catch (error) {
    await close();
    throw new Error(`The extension's service worker did not start (${(error as Error).message.split('\n')[0]}).`);
  }
}

/** What the background has stored for the tab showing `url`, read from its session storage. */
export type TabStateLookup = { tabId: number; state: TabState | undefined };

/**
 * Finds the tab showing `url` (`chrome.tabs.query` in the service worker) and returns what the background
 * stored for it. Tabs only expose `url` to extensions with host access to the page; when it is hidden we
 * fall back to the URL the background recorded from the message sender. Undefined if no tab matches yet.
 */
export async function readTabState(worker: Worker, url: string): Promise<TabStateLookup | undefined> {
  const { tabs, session } = await worker.evaluate(async () => {
    type Chrome = {
      tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
      storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
    };
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const all = await chrome.tabs.query({});
    return { tabs: all.map(({ id, url }) => ({ id, url })), session: await chrome.storage.session.get(null) };
  });
  const stored = (tabId: number) => session[tabStateKey(tabId)] as TabState | undefined;
  const tab = tabs.find((t) => t.url === url && t.id !== undefined);
  if (tab?.id !== undefined) return { tabId: tab.id, state: stored(tab.id) };
  const byStoredUrl = tabs.find((t) => t.id !== undefined && stored(t.id)?.url === url);
  return byStoredUrl?.id === undefined ? undefined : { tabId: byStoredUrl.id, state: stored(byStoredUrl.id) };
}
