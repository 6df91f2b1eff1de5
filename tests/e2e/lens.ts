/**
 * What the browser tests look at, through the surfaces a page, a user or the popup has: the
 * `treasury-lens-*` entries of the page's CSS.highlights registry (shared with the main world), where a
 * highlighted range is on screen, the card in its shadow root (open in the e2e build the tests drive), the popup's command buttons and the
 * toolbar badge. Nothing here reaches into the annotator's internals.
 */
import type { Frame, Locator, Page } from 'playwright/test';
import { readTabState, type LaunchedExtension } from '../../src/cli/chromium';
import type { TabState } from '../../src/messages';
import { expect, tabState } from './fixtures';

export {
  HIGHLIGHT_PREFIX,
  MENTION_CLASSES,
  MENTION_HIGHLIGHTS,
  PHRASE_HIGHLIGHT,
  SETTLE_MS,
  EN_CARD_SENTENCE,
  EN_MILAN_SENTENCE,
  WIRE_EN,
  JA_CARD_SENTENCE,
  JA_MILAN_SENTENCE,
  NEWS_JA,
  ONE_PARAGRAPH,
  countOf,
  type MentionClass,
  type Painted,
} from '../support/expected';
import { HIGHLIGHT_PREFIX, MENTION_CLASSES, PHRASE_HIGHLIGHT, SETTLE_MS, type MentionClass, type Painted } from '../support/expected';
import { focusState as inPageFocusState, highlightTexts, hotPoint } from '../support/in-page';


function sorted(painted: Painted): Painted {
  const out: Painted = {};
  for (const c of MENTION_CLASSES) if (painted[c]?.length) out[c] = [...painted[c]!].sort();
  return out;
}

// ------------------------------------------------------------------ highlights

/** Every `treasury-lens*` highlight that holds at least one range: name → range texts (sorted). A frame has its own registry. */
export function allHighlights(page: Page | Frame): Promise<Record<string, string[]>> {
  return page.evaluate(highlightTexts, HIGHLIGHT_PREFIX);
}

/** The mention highlights by class (empty and non-mention highlights left out), texts sorted. */
export async function painted(page: Page | Frame): Promise<Painted> {
  const all = await allHighlights(page);
  const out: Painted = {};
  for (const c of MENTION_CLASSES) {
    const texts = all[`${HIGHLIGHT_PREFIX}-${c}`];
    if (texts?.length) out[c] = texts;
  }
  return out;
}

/** Waits (bounded) until the page paints exactly `expected`. */
export async function expectPainted(page: Page | Frame, expected: Painted, timeout = SETTLE_MS): Promise<void> {
  await expect
    .poll(() => painted(page), { timeout, message: `treasury-lens highlights on ${page.url()}` })
    .toEqual(sorted(expected));
}

/** Waits (bounded) until no `treasury-lens*` highlight holds a range. */
export async function expectNothingPainted(page: Page, timeout = SETTLE_MS): Promise<void> {
  await expect.poll(() => allHighlights(page), { timeout, message: `treasury-lens highlights on ${page.url()}` }).toEqual({});
}

/**
 * Scrolls the `nth` range of class `cls` whose text is `text` to the middle of the viewport and returns
 * the centre of the first line box of its hot area: a figure's text, a remark's reporting phrase (a
 * sentence may wrap; its bounding box's centre may fall between words).
 */
export async function rangeCentre(page: Page | Frame, cls: MentionClass, text: string, nth = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(hotPoint, { name: `${HIGHLIGHT_PREFIX}-${cls}`, phraseName: PHRASE_HIGHLIGHT, text, nth });
  if (!point) throw new Error(`No ${cls} highlight (or its hot area) with the text ${JSON.stringify(text)} on ${page.url()}`);
  return point;
}

/** Moves the mouse away, then onto the highlighted text, and leaves it resting there. */
export async function hoverMention(page: Page, cls: MentionClass, text: string): Promise<void> {
  const { x, y } = await rangeCentre(page, cls, text);
  await page.mouse.move(2, 2);
  await page.mouse.move(x, y, { steps: 5 });
}

// ------------------------------------------------------------------ card

/** The card root inside its host's shadow root (the host is `[data-treasury-lens-card]`, a built-in element) (Playwright's CSS engine pierces open shadow roots). */
export const cardRoot = (page: Page | Frame): Locator => page.locator('[data-treasury-lens-card] [data-part="card"]');
export const cardPart = (page: Page | Frame, part: string): Locator => page.locator(`[data-treasury-lens-card] [data-part="${part}"]`);

/** Opens the card's "Details" (the range, definition, sources and why), as a reader would, by clicking it. */
export async function openDetails(page: Page): Promise<void> {
  const details = cardPart(page, 'details');
  if (await details.evaluate((d) => (d as HTMLDetailsElement).open)) return;
  await details.locator('summary').first().click();
  await expect(details).toHaveAttribute('open', '');
}

/** Where keyboard focus is: the focused element of the document, and whether focus is inside our card. */
export function focusState(page: Page): Promise<{ host: boolean; id: string | undefined; insideCard: boolean }> {
  return page.evaluate(inPageFocusState);
}

// ------------------------------------------------------------------ background state, popup, badge

/**
 * The tab state once the detector has reported (after `since`, a Date.now() value) and, on a hit, the
 * annotator has reported its mentions too.
 */
export async function settledState(page: Page, since = 0): Promise<TabState> {
  let state: TabState | undefined;
  await expect
    .poll(
      async () => {
        state = await tabState(page, 1_000).catch(() => undefined);
        return state !== undefined && state.updatedAt >= since && (!state.hit || state.count !== undefined);
      },
      { timeout: SETTLE_MS, message: `detector and annotator reports for ${page.url()}` },
    )
    .toBe(true);
  return state!;
}

/** The browser's id for the tab showing `page`. */
export async function tabIdOf(extension: LaunchedExtension, page: Page): Promise<number> {
  let tabId: number | undefined;
  await expect
    .poll(async () => (tabId = (await readTabState(await extension.worker(), page.url()).catch(() => undefined))?.tabId), {
      timeout: SETTLE_MS,
      message: `a tab showing ${page.url()}`,
    })
    .toBeDefined();
  return tabId!;
}

/**
 * The popup, opened as a page for `page`'s tab (`popup.html?tab=<id>`): headless Chromium does not fire
 * extension shortcuts from synthetic key events, and its buttons send the same commands. Close it when done.
 */
export async function openPopupFor(extension: LaunchedExtension, page: Page): Promise<Page> {
  const tabId = await tabIdOf(extension, page);
  const popup = await page.context().newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

export type Command = 'toggle-highlights' | 'next-mention';

/** Clicks the popup button for `command`, then brings `page` back to the front, as after a shortcut. */
export async function runCommand(popup: Page, page: Page, command: Command): Promise<void> {
  const button = popup.locator(`[data-action="${command}"]`);
  await expect(button).toBeEnabled({ timeout: SETTLE_MS });
  await button.click();
  await page.bringToFront();
}

/** The action badge's text for a tab, read in the service worker. */
export async function badgeText(extension: LaunchedExtension, tabId: number): Promise<string> {
  const worker = await extension.worker();
  return worker.evaluate((id) => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(details: { tabId: number }): Promise<string> } } };
    return chrome.action.getBadgeText({ tabId: id });
  }, tabId);
}
