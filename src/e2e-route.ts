/**
 * The Firefox e2e build's test route (`wxt build -b firefox --mv3 --mode e2e`, never shipped; a test checks
 * that the store builds hold no trace of it). WebDriver BiDi may not navigate to moz-extension:// pages,
 * so the Firefox tests ask from the article's page instead: the page posts `{ type: E2E_OPEN_PAGE, page }`
 * to itself, the detector forwards it, and the background opens the popup for that tab (`popup.html?tab=N`)
 * or the options page in a new tab, which the tests then drive. Every caller is behind
 * `import.meta.env.MODE === 'e2e' && import.meta.env.FIREFOX`, so the store builds drop this module.
 */
import { z } from 'zod/mini';
import type { Sender } from './messages';

export const E2E_OPEN_PAGE = 'e2e:open-page';
export const E2E_PAGES = ['popup', 'options'] as const;
export type E2ePage = (typeof E2E_PAGES)[number];

// Built on first use: a schema made when the module loads would stay in the detector, which imports this
// module for `forwardTestRoute` (top-level calls are kept by the bundler even where nothing uses them).
const makeSchema = () => z.object({ type: z.literal(E2E_OPEN_PAGE), page: z.enum(E2E_PAGES) });
let schema: ReturnType<typeof makeSchema> | undefined;
const e2eOpenPage = () => (schema ??= makeSchema());

/** The tests' page server (src/cli/serve.ts) listens on the loopback address only. */
const TEST_SERVER = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

/** In the detector: a request the page posted to itself goes to the background (anything else is ignored). */
export function forwardTestRoute(send: (message: unknown) => Promise<unknown>): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (event.source !== window || typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== E2E_OPEN_PAGE) return;
    void send({ type: E2E_OPEN_PAGE, page: (data as { page?: unknown }).page }).catch(() => undefined);
  });
}

/**
 * In the background: opens the page asked for, if `raw` is a well-formed request from a content script in
 * the top frame of a tab showing the tests' server; undefined (not handled) for anything else.
 */
export function openTestPage(raw: unknown, sender: Sender): Promise<true> | undefined {
  const parsed = e2eOpenPage().safeParse(raw);
  const tabId = sender.tab?.id;
  if (!parsed.success || tabId === undefined || sender.frameId !== 0 || !TEST_SERVER.test(sender.url ?? '')) return undefined;
  const path = parsed.data.page === 'popup' ? `/popup.html?tab=${tabId}` : '/options.html';
  return browser.tabs.create({ url: browser.runtime.getURL(path as '/popup.html') }).then(() => true);
}
