// The detector runs on every page the user opens, so it stays tiny: no extension-API wrapper, no
// storage library, no dataset — only the trigger expression compiled from data/vocabulary.json at
// build time (wxt.config.ts). On a hit the background injects the annotator.
declare const __TL_TRIGGER__: string;
declare const __TL_ANCHORS__: string[];

type Api = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

/** Re-checks after the first one: single-page navigations and late content, bounded so a feed cannot keep us busy. */
const MAX_RECHECKS = 20;
/** Added text that is worth a new look (an article body, not a clock ticking). */
const RECHECK_MIN_ADDED_CHARS = 400;
/** Wait for a burst of DOM changes to settle before looking. */
const RECHECK_DELAY_MS = 500;
/** Text nodes longer than this are checked for being script or style text before they are searched. */
const BIG_TEXT_NODE = 512;
const NOT_PROSE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** Stop watching the page after this long with no hit. */
const WATCH_FOR_MS = 5 * 60_000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;
    try {
      const stored = (await api.storage.local.get('disabledSites')).disabledSites;
      const site = location.hostname.toLowerCase().replace(/^www\./, '');
      if (Array.isArray(stored) && stored.includes(site)) return;
    } catch {
      // Unreadable settings: carry on with the defaults.
    }
    const full = new RegExp(__TL_TRIGGER__, 'i');
    // One alternation of short anchors, tried text node by text node: no 1 MB string is built, and the
    // full expression (word boundaries) runs only on a node, or a joined text, where an anchor is present.
    const anchors = new RegExp(__TL_ANCHORS__.join('|'), 'i');
    const trigger = { test: (text: string) => anchors.test(text) && full.test(text) };
    const report = (hit: boolean, t0: number) =>
      api.runtime.sendMessage({ type: 'detector:result', hit, ms: performance.now() - t0 }).catch(() => {
        // The background may be restarting after an update; the next navigation reports again.
      });
    const pageHit = (): boolean => {
      if (trigger.test(document.title)) return true;
      const body = document.body;
      if (!body) return false;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      let anchored = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        // Inline scripts, JSON and styles are often most of a page's text and none of what it says.
        if (data.length > BIG_TEXT_NODE && NOT_PROSE.has(n.parentNode?.nodeName ?? '')) continue;
        if (!anchors.test(data)) continue;
        if (full.test(data)) return true;
        anchored = true;
      }
      // A term split across nodes ("U.S. <b>Treasuries</b>"): one look at the whole text settles it.
      return anchored && full.test(body.textContent ?? '');
    };

    const t0 = performance.now();
    let hit = pageHit();
    void report(hit, t0);
    if (hit) return;

    let rechecks = 0;
    let added = 0;
    let timer: number | undefined;
    const recheck = (text: () => string) => {
      if (hit || rechecks >= MAX_RECHECKS) return stop();
      rechecks++;
      const t0 = performance.now();
      hit = trigger.test(document.title) || trigger.test(text());
      if (hit) {
        void report(true, t0);
        stop();
      }
    };
    const pending: Node[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of Array.from(r.addedNodes)) {
          if (n.nodeType !== 1 && n.nodeType !== 3) continue;
          pending.push(n);
          added += (n.textContent ?? '').length;
        }
      }
      if (added < RECHECK_MIN_ADDED_CHARS || timer !== undefined) return;
      timer = ctx.setTimeout(() => {
        timer = undefined;
        added = 0;
        const nodes = pending.splice(0);
        // Only the new content: the rest of the page was already checked.
        recheck(() => nodes.map((n) => n.textContent ?? '').join('\n'));
      }, RECHECK_DELAY_MS);
    });
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      ctx.setTimeout(() => recheck(() => document.body?.textContent ?? ''), RECHECK_DELAY_MS);
    });
    const stopTimer = ctx.setTimeout(() => stop(), WATCH_FOR_MS);
    function stop() {
      observer.disconnect();
      clearTimeout(stopTimer);
    }
    ctx.onInvalidated(stop);
  },
});
