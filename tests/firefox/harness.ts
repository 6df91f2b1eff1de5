/**
 * The Firefox tests' shared harness: Firefox ESR with the extension's e2e build (.output/firefox-mv3-e2e),
 * driven over WebDriver BiDi with puppeteer-core (Playwright cannot load extensions into stock Firefox),
 * one browser per test file; the fixture pages served as the Chromium tests serve them; and what the tests
 * look at, as tests/e2e/lens.ts does for Chromium, through the same in-page readers (tests/support/in-page.ts).
 *
 * BiDi may not navigate to moz-extension:// pages. The e2e build has a test route for that
 * (src/e2e-route.ts): the article's page asks, and the background opens the popup for its tab, or the
 * options page, in a new tab. Those extension pages are also where the tests call the extension's API
 * (the badge, the tab's state, storage), as the Chromium tests do in the service worker.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { serve, type Served } from '../../src/cli/serve';
import { E2E_OPEN_PAGE, type E2ePage } from '../../src/e2e-route';
import type { TabState } from '../../src/messages';
import { HIGHLIGHT_PREFIX, MENTION_CLASSES, PHRASE_HIGHLIGHT, SETTLE_MS, type MentionClass, type Painted } from '../support/expected';
import { highlightTexts, hotPoint } from '../support/in-page';
import { PAGES_DIR, PAGE_HEADERS } from '../support/pages';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The e2e build: its card's shadow root is open to the tests (src/page/e2e-hook.ts), and it has the test route. */
export const EXTENSION_DIR = join(ROOT, '.output/firefox-mv3-e2e');
/** The store build (`wxt build -b firefox --mv3`), which must hold no trace of the test route. */
export const STORE_EXTENSION_DIR = join(ROOT, '.output/firefox-mv3');
const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
/** How often a bounded wait looks again. */
const POLL_MS = 100;
/** Longer than hover intent and the hover card's closing delay together: whatever was going to happen has. */
export const LINGER_MS = 1_500;

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export type Firefox = { browser: Browser; server: Served };

/**
 * Installs the extension (temporarily) allowed in private windows, as a user allows it in about:addons:
 * Firefox's `moz:allowPrivateBrowsing` parameter of BiDi's webExtension.install (Mozilla bug 1947679), which
 * puppeteer's installExtension does not pass, so the command goes over its BiDi connection itself. Normal
 * windows behave the same either way; tests/firefox/private-window.ts opens private ones.
 */
async function installAllowedInPrivate(browser: Browser, path: string): Promise<string> {
  const bidi = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: { extension: string } }> } }).connection;
  const { result } = await bidi.send('webExtension.install', { extensionData: { type: 'path', path }, 'moz:allowPrivateBrowsing': true });
  return result.extension;
}

/** One Firefox with the e2e build and one page server for the test file; `ff.browser` and `ff.server` are set in `before`. */
export function useFirefox(options: { args?: string[] } = {}): Firefox {
  const ff = {} as Firefox;
  let extensionId: string | undefined;
  before(async () => {
    const executablePath = FIREFOX_CANDIDATES.find((p) => existsSync(p));
    if (!executablePath) throw new Error('No Firefox found: apt-get install firefox-esr, or set FIREFOX_PATH.');
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No Firefox e2e build in ${EXTENSION_DIR}: run npx wxt build -b firefox --mv3 --mode e2e.`);
    ff.server = await serve({ root: PAGES_DIR, headers: PAGE_HEADERS });
    ff.browser = await puppeteer.launch({ browser: 'firefox', executablePath, protocol: 'webDriverBiDi', headless: true, args: options.args ?? [] });
    extensionId = await installAllowedInPrivate(ff.browser, EXTENSION_DIR);
  });
  after(async () => {
    if (ff.browser && extensionId) await ff.browser.uninstallExtension(extensionId).catch(() => undefined);
    await ff.browser?.close();
    await ff.server?.close();
  });
  return ff;
}

/**
 * Runs `fn(arg)` in the page. Through a string, because tsx wraps nested functions in a `__name` helper
 * that the page does not have (Playwright, which compiles the specs itself, does not).
 */
export function inPage<A, R>(page: Page | Frame, fn: (arg: A) => R, arg?: A): Promise<Awaited<R>> {
  return page.evaluate(`(() => { const __name = (f) => f; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`) as Promise<Awaited<R>>;
}

/** Waits (bounded) until `probe` returns a value `done` accepts; returns that value, or fails with the last one. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = SETTLE_MS): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(last)?.slice(0, 400)} after ${timeout} ms`);
    await sleep(POLL_MS);
    last = await probe();
  }
  return last;
}

export async function openPage(ff: Firefox, file: string): Promise<Page> {
  const page = await ff.browser.newPage();
  await page.goto(new URL(file, ff.server.url).href);
  return page;
}

// ------------------------------------------------------------------ highlights

export const allHighlights = (page: Page | Frame) => inPage(page, highlightTexts, HIGHLIGHT_PREFIX);

/** The mention highlights by class (empty and non-mention highlights left out), texts sorted. */
export async function painted(page: Page | Frame): Promise<Painted> {
  const all = await allHighlights(page);
  const out: Painted = {};
  for (const c of MENTION_CLASSES) if (all[`${HIGHLIGHT_PREFIX}-${c}`]?.length) out[c] = all[`${HIGHLIGHT_PREFIX}-${c}`];
  return out;
}

function sorted(p: Painted): Painted {
  const out: Painted = {};
  for (const c of MENTION_CLASSES) if (p[c]?.length) out[c] = [...p[c]!].sort();
  return out;
}

/** Waits (bounded) until the page paints exactly `expected`. */
export async function waitForPainted(page: Page | Frame, expected: Painted, timeout = SETTLE_MS): Promise<void> {
  const want = JSON.stringify(sorted(expected));
  const last = await until(() => painted(page), (p) => JSON.stringify(sorted(p)) === want, `highlights on ${page.url()}`, timeout).catch(async () => painted(page));
  assert.deepEqual(sorted(last), sorted(expected));
}

/** Waits (bounded) until no `treasury-lens*` highlight holds a range. */
export async function waitForNothingPainted(page: Page, timeout = SETTLE_MS): Promise<void> {
  await until(() => allHighlights(page), (all) => Object.keys(all).length === 0, `highlights on ${page.url()}`, timeout);
}

/** The centre of a mention's hot area (scrolled to the middle of the viewport); fails if there is none. */
export async function rangeCentre(page: Page, cls: MentionClass, text: string, nth = 0): Promise<{ x: number; y: number }> {
  const point = await inPage(page, hotPoint, { name: `${HIGHLIGHT_PREFIX}-${cls}`, phraseName: PHRASE_HIGHLIGHT, text, nth });
  assert.ok(point, `a ${cls} highlight ${JSON.stringify(text)} with its hot area on screen`);
  return point;
}

/** Moves the mouse away, then onto the highlighted text, and leaves it resting there. */
export async function hoverMention(page: Page, cls: MentionClass, text: string): Promise<void> {
  const { x, y } = await rangeCentre(page, cls, text);
  await page.mouse.move(2, 2);
  await page.mouse.move(x, y, { steps: 5 });
}

// ------------------------------------------------------------------ card

const CARD = '[data-treasury-lens-card]';

/** Whether the card is open (its root is in the host's shadow root, open in the e2e build). */
const cardOpen = (page: Page) => page.evaluate((host: string) => Boolean(document.querySelector(host)?.shadowRoot?.querySelector('[data-part="card"]')), CARD);

export async function waitForCard(page: Page, open: boolean, timeout = SETTLE_MS): Promise<void> {
  await until(() => cardOpen(page), (now) => now === open, open ? 'the card opens' : 'the card closes', timeout);
}

/** One part of the open card: its text and the attributes asked for. */
export function cardPart(page: Page, part: string, attributes: string[] = []): Promise<{ text: string; attrs: Record<string, string | null> } | undefined> {
  return page.evaluate(
    (host: string, part: string, attributes: string[]) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector(`[data-part="${part}"]`);
      return el ? { text: el.textContent ?? '', attrs: Object.fromEntries(attributes.map((a) => [a, el.getAttribute(a)])) } : undefined;
    },
    CARD,
    part,
    attributes,
  );
}

// ------------------------------------------------------------------ the extension's pages and state

/** The pages of the browser whose location is an extension page at `path` (BiDi reports them as about:blank). */
async function extensionPages(ff: Firefox, path: string): Promise<Page[]> {
  const out: Page[] = [];
  for (const p of await ff.browser.pages()) {
    const href = await p.evaluate(() => location.href).catch(() => '');
    if (href.startsWith('moz-extension:') && new URL(href).pathname === path) out.push(p);
  }
  return out;
}

export type ExtensionPage = { page: Page; tabId?: number };

/**
 * Opens the popup for `article`'s tab (`popup.html?tab=N`) or the options page, through the e2e build's
 * test route, and waits until it has rendered (`data-ready`). Close it when done.
 */
export async function openExtensionPage(ff: Firefox, article: Page, which: E2ePage): Promise<ExtensionPage> {
  const path = `/${which}.html`;
  const known = new Set(await extensionPages(ff, path));
  // The page asks the detector, in its own window, as src/e2e-route.ts expects.
  const ask = () => article.evaluate((type: string, page: string) => window.postMessage({ type, page }, '*'), E2E_OPEN_PAGE, which);
  const fresh = async () => (await extensionPages(ff, path)).filter((p) => !known.has(p));
  await ask();
  // Asked once more if nothing opened: on two cores shared with other runs, one request in a full run went unanswered.
  const [page] = await until(fresh, (pages) => pages.length > 0, `the ${which} page opens`).catch(async () => {
    await ask();
    return until(fresh, (pages) => pages.length > 0, `the ${which} page opens (asked twice)`);
  });
  await until(() => page!.evaluate(() => document.documentElement.dataset.ready === '1'), Boolean, `the ${which} page is ready`);
  const tab = await page!.evaluate(() => new URLSearchParams(location.search).get('tab'));
  return { page: page!, ...(tab ? { tabId: Number(tab) } : {}) };
}

type Api = {
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  storage: {
    session: { get(k: string | null): Promise<Record<string, unknown>> };
    local: { clear(): Promise<void>; get(k: string | null): Promise<Record<string, unknown>> };
    sync: { get(k: null): Promise<Record<string, unknown>> };
  };
  windows: { create(o: { incognito: boolean; url: string }): Promise<{ id?: number; tabs?: { id?: number }[] }>; remove(id: number): Promise<void> };
};

/** Calls the extension's API in one of its pages (`fn` runs there, with `browser`). */
export function withApi<A, R>(ext: Page, fn: (api: Api, arg: A) => Promise<R>, arg: A): Promise<R> {
  return ext.evaluate(`(${fn.toString()})(browser, ${JSON.stringify(arg)})`) as Promise<R>;
}

/** The action badge's text for a tab. */
export const badgeText = (ext: Page, tabId: number) => withApi(ext, (api, id: number) => api.action.getBadgeText({ tabId: id }), tabId);

/** What the background keeps for a tab (src/messages.ts TabState). */
export const tabState = (ext: Page, tabId: number) =>
  withApi(ext, async (api, key: string) => (await api.storage.session.get(key))[key] as TabState | undefined, `tab:${tabId}`);

/** The tab's state once the detector has reported (after `since`, a Date.now() value) and, on a hit, the annotator too. */
export async function settledState(ext: Page, tabId: number, since = 0): Promise<TabState> {
  const state = await until(
    () => tabState(ext, tabId),
    (s) => s !== undefined && s.updatedAt >= since && (!s.hit || s.count !== undefined),
    `detector and annotator reports for tab ${tabId}`,
  );
  return state!;
}

/** Every setting back to its default and no mention marked "Not about this": the profile is shared by the file's tests. */
const resetStored = (ext: Page) => withApi(ext, (api) => api.storage.local.clear(), undefined);

/**
 * For a suite whose tests change settings: `control.page = <an extension page>` in a test, and after it the
 * settings are set back through that page, which is then closed.
 */
export function resetAfterEach(): { page?: Page } {
  const control: { page?: Page } = {};
  afterEach(async () => {
    const { page } = control;
    control.page = undefined;
    if (page && !page.isClosed()) await resetStored(page);
    await page?.close();
  });
  return control;
}

/** Clicks a popup control, then brings `article` back to the front, as after a shortcut (a tab behind gets no animation frames). */
export async function clickThenBack(ext: Page, selector: string, article: Page): Promise<void> {
  await until(() => ext.$eval(selector, (b) => !(b as HTMLButtonElement).disabled), Boolean, `${selector} is enabled`);
  await ext.click(selector);
  await article.bringToFront();
}
