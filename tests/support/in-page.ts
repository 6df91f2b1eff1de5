/**
 * What the browser tests read inside the page under test, shared by the Chromium tests (Playwright's
 * `page.evaluate(fn, arg)`) and the Firefox tests (puppeteer's, through `inPage` in tests/firefox/harness.ts).
 * Each function runs in the page, serialised, so it is self-contained and takes one serialisable argument.
 */

/** Every `prefix*` highlight that holds at least one range: name → range texts (sorted). A frame has its own registry. */
export function highlightTexts(prefix: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith(prefix) || highlight.size === 0) return;
    out[name] = [...(highlight as unknown as Iterable<Range>)].map((r) => r.toString()).sort();
  });
  return out;
}

/**
 * Scrolls the `nth` range of highlight `name` whose text is `text` to the middle of the viewport and
 * returns the centre of the first line box of its hot area: a figure's text, a remark's reporting phrase
 * (highlight `phraseName`; a sentence may wrap, its bounding box's centre may fall between words).
 */
export function hotPoint({ name, phraseName, text, nth }: { name: string; phraseName: string; text: string; nth: number }): { x: number; y: number } | undefined {
  const highlight = CSS.highlights.get(name);
  const ranges = highlight ? ([...(highlight as unknown as Iterable<Range>)]).filter((r) => r.toString() === text) : [];
  const range = ranges[nth];
  if (!range) return undefined;
  const phrases = [...((CSS.highlights.get(phraseName) ?? []) as unknown as Iterable<Range>)];
  const within = (r: Range) => r.compareBoundaryPoints(Range.START_TO_START, range) >= 0 && r.compareBoundaryPoints(Range.END_TO_END, range) <= 0;
  const hot = name.endsWith('-remark') ? phrases.find(within) : range;
  if (!hot) return undefined;
  const node = hot.startContainer;
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
  const box = hot.getClientRects()[0];
  return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : undefined;
}

/**
 * The ranges of the highlights `names`, and how many of them lie on live, non-empty text inside the element
 * `#id`: a range on a node the page removed collapses onto its parent, and is no longer on a text node.
 */
export function rangesInside({ names, id }: { names: readonly string[]; id: string }): { ranges: number; inside: number; live: number } {
  const root = document.getElementById(id)!;
  let ranges = 0;
  let inside = 0;
  let live = 0;
  const liveText = (n: Node) => n.nodeType === Node.TEXT_NODE && n.isConnected && root.contains(n);
  CSS.highlights.forEach((highlight, name) => {
    if (!names.includes(name)) return;
    for (const r of highlight as unknown as Iterable<Range>) {
      ranges++;
      if (root.contains(r.startContainer) && root.contains(r.endContainer)) inside++;
      if (liveText(r.startContainer) && liveText(r.endContainer) && !r.collapsed) live++;
    }
  });
  return { ranges, inside, live };
}

export type LayoutSnapshot = {
  rects: string[];
  body: string;
  head: string[];
  rootChildren: string[];
  ours: { styles: number; cards: number; highlights: number };
};

/**
 * Everything the extension must not change, outside its own two elements: each body element's box in
 * document coordinates, the body's markup and text, <head>, and <html>'s children.
 */
export function layoutSnapshot(): LayoutSnapshot {
  const OURS = '[data-treasury-lens-card]';
  const px = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
  const rects: string[] = [];
  document.body.querySelectorAll('*').forEach((el) => {
    if (el.closest(OURS)) return;
    const r = el.getBoundingClientRect();
    rects.push(`${el.tagName.toLowerCase()} ${px(r.left + window.scrollX)},${px(r.top + window.scrollY)} ${px(r.width)}x${px(r.height)}`);
  });
  const body = document.body.cloneNode(true) as HTMLElement;
  body.querySelectorAll(OURS).forEach((el) => el.remove());
  let highlights = 0;
  CSS.highlights.forEach((_, name) => {
    if (name.startsWith('treasury-lens')) highlights++;
  });
  return {
    rects,
    body: body.innerHTML,
    head: Array.from(document.head.children)
      .filter((el) => !el.matches('style[data-treasury-lens-ui]'))
      .map((el) => el.outerHTML),
    rootChildren: Array.from(document.documentElement.children)
      .filter((el) => !el.matches(OURS))
      .map((el) => el.localName),
    ours: {
      styles: document.querySelectorAll('style[data-treasury-lens-ui]').length,
      cards: document.querySelectorAll(OURS).length,
      highlights,
    },
  };
}

/** The window property a test's init script leaves the page's snapshot in, taken at DOMContentLoaded (before document_idle, so before us). */
export const BEFORE_SNAPSHOT = '__tlBefore';
/** An init script that takes `layoutSnapshot` at DOMContentLoaded into `window[BEFORE_SNAPSHOT]`. */
export const snapshotAtDomContentLoaded = (source: string): string =>
  `document.addEventListener('DOMContentLoaded', () => { window[${JSON.stringify(BEFORE_SNAPSHOT)}] = (${source})(); }, { once: true });`;

/** The `data-part` of the control focused inside our card (or its tag), null when focus is not in it. */
export function focusedCardPart(): string | null {
  const inner = document.activeElement?.shadowRoot?.activeElement as HTMLElement | null | undefined;
  return inner?.getAttribute('data-part') ?? inner?.closest('[data-part]')?.getAttribute('data-part') ?? inner?.tagName.toLowerCase() ?? null;
}

/** Where keyboard focus is: the focused element of the document, and whether focus is inside our card. */
export function focusState(): { host: boolean; id: string | undefined; insideCard: boolean } {
  const active = document.activeElement;
  const inner = active?.shadowRoot?.activeElement ?? null;
  const card = active?.shadowRoot?.querySelector('[data-part="card"]');
  return { host: Boolean(active?.hasAttribute('data-treasury-lens-card')), id: active?.id || undefined, insideCard: Boolean(inner && card?.contains(inner)) };
}

/**
 * Share of clearly coloured pixels (not grey, not black, not white) in a PNG (base64). Run in a blank page
 * of the same browser: no image library needed, and the page under test (whose CSP would get in the way)
 * is not touched.
 */
export async function colouredShare(png: string): Promise<number> {
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  let coloured = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 12) coloured++;
  }
  return coloured / (data.length / 4);
}

/** The first line box of the `name` highlight's range whose text is `text`, scrolled to the middle (viewport coordinates). */
export function lineBox({ name, text }: { name: string; text: string }): { x: number; y: number; width: number; height: number } | undefined {
  const highlight = CSS.highlights.get(name);
  const range = highlight && [...(highlight as unknown as Iterable<Range>)].find((r) => r.toString() === text);
  if (!range) return undefined;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
  const r = range.getClientRects()[0];
  return r && { x: r.left, y: r.top, width: r.width, height: r.height };
}
