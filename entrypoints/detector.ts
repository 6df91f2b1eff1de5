// The detector runs on every page the user opens, so it stays tiny: no extension-API wrapper, no
// storage library, no dataset — only the trigger expressions compiled from data/vocabulary.json at
// build time (wxt.config.ts). On a hit the background injects the annotator.
//
// An unlisted script, listed in the manifest's content_scripts by wxt.config.ts: WXT's content-script
// context (about 2.5 kB: a start-up handshake through page-visible events, a location watcher) is not
// in it. What the detector needs of it is here: it stops when the extension that started it is gone
// (reloaded, updated, turned off), and a newer copy in the same frame stops an older one. It listens to
// no event the page can dispatch, so a page cannot switch it off.
import { compileTrigger, openShadowRoots, scanText, textHits, type ScanResult } from '../src/page/detect';
import { checkForLateShadowRoots, outermost, ShadowRootsSeen } from '../src/page/late-shadow-roots';
import { forwardTestRoute } from '../src/e2e-route';
import { siteIsDisabled } from '../src/site';

declare const __TL_TRIGGER__: string;
declare const __TL_ANCHORS__: string[];

type Api = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  extension?: { inIncognitoContext?: boolean };
};

/**
 * The sites turned off, as stored; in a private tab, the list as private windows changed it if they did
 * (src/private-session.ts: the background holds it, this script cannot read it itself).
 */
async function sitesTurnedOff(api: Api): Promise<unknown> {
  const stored = (await api.storage.local.get('disabledSites')).disabledSites;
  if (!api.extension?.inIncognitoContext) return stored;
  const session = (await api.runtime.sendMessage({ type: 'private:get' })) as { settings?: { disabledSites?: unknown } } | undefined;
  return session?.settings?.disabledSites ?? stored;
}

/** Re-checks after the first one: single-page navigations and late content, bounded so a feed cannot keep us busy. */
const MAX_RECHECKS = 20;
/** Added text that is worth a new look (an article body, not a clock ticking). */
const RECHECK_MIN_ADDED_CHARS = 400;
/** Wait for a burst of DOM changes to settle before looking. */
const RECHECK_DELAY_MS = 500;
/** One slice of the walk; the walk runs in idle time, resuming where it stopped. */
const SLICE_MS = 3;
/** The first look waits for the page to settle after loading, but never longer than this. */
const FIRST_LOOK_TIMEOUT_MS = 1_000;
/** Later slices wait for idle time, but never longer than this. */
const SLICE_TIMEOUT_MS = 200;
/** Stop watching the page after this long with no hit. */
const WATCH_FOR_MS = 5 * 60_000;

/** The copy running in this frame, as seen by the next one (globals of our isolated world; the page has none of them). */
type DetectorGlobal = { __treasuryLensDetectorStop?: () => void };

export default defineUnlistedScript(async () => {
  // A cross-origin frame (its parent hides frameElement from it) is not read.
  if (window !== window.top && !window.frameElement) return;
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;
  let stopped = false;
  const stops: Array<() => void> = [];
  const stop = () => {
    stopped = true;
    for (const s of stops.splice(0)) s();
  };
  // The background runs the detector again after an update or a site turned back on.
  const g = globalThis as DetectorGlobal;
  g.__treasuryLensDetectorStop?.();
  g.__treasuryLensDetectorStop = stop;
  /** False once stopped; an orphaned copy (the extension reloaded, updated or turned off) has no runtime id left, and stops. */
  const live = () => {
    if (!stopped && !(api.runtime as { id?: string } | undefined)?.id) stop();
    return !stopped;
  };
  /** Runs `next` later while this copy is live. */
  const later = (next: () => void, ms: number) => void setTimeout(() => live() && next(), ms);
  const idle = (next: () => void, timeout: number) => void requestIdleCallback(() => live() && next(), { timeout });
  // Firefox's e2e build only (src/e2e-route.ts), before the turned-off check: the tests reach the popup from
  // any page, also after the detector has found the topic and stopped, so the route outlives it.
  if (import.meta.env.MODE === 'e2e' && import.meta.env.FIREFOX && window === window.top) forwardTestRoute((m) => api.runtime.sendMessage(m));
  try {
    // Read as the settings module reads it (src/site.ts): normalised entries, invalid ones ignored.
    if (siteIsDisabled(await sitesTurnedOff(api), location.hostname)) return;
  } catch {
    // Unreadable settings: carry on with the defaults.
  }
  if (!live()) return;
  // Short literal anchors tried node by node; the exact expression (word boundaries) only where one is.
  const trigger = compileTrigger(__TL_ANCHORS__, __TL_TRIGGER__);
  const report = (result: Pick<ScanResult, 'hit' | 'ms' | 'slices' | 'longestSliceMs'>) => {
    // `npm run bench -- --firefox` cannot read the background over WebDriver BiDi: its build (mode
    // "bench", never shipped; the production build drops this line) leaves the report on the page.
    if (import.meta.env.MODE === 'bench') document.documentElement.dataset.treasuryLensDetector = JSON.stringify(result);
    return api.runtime
      .sendMessage({ type: 'detector:result', hit: result.hit, ms: result.ms, slices: result.slices, longestSliceMs: result.longestSliceMs })
      .catch(() => {
        // The background may be restarting after an update; the next navigation reports again.
      });
  };
  const schedule = (next: () => void) => idle(next, SLICE_TIMEOUT_MS);

  let hit = false;
  let scanning = false;
  let rechecks = 0;
  // Every shadow root read is watched too: the page's observer does not see into them.
  const shadows = new ShadowRootsSeen((root) => observer.observe(root, WATCHED));
  /** Looks at the title and the text under `roots`; reports the first look always, later ones on a hit. */
  const look = (roots: Node[], first: boolean) => {
    if (hit) return;
    scanning = true;
    const t0 = performance.now();
    if (textHits(trigger, document.title)) {
      const ms = performance.now() - t0;
      finish({ hit: true, ms, slices: 1, longestSliceMs: ms, nodes: 0 }, first);
      return;
    }
    // The text of open shadow roots is not under its host: their roots are read after the page's. Finding
    // them is a native pass over the page's elements (2–3 ms on the 1 MB HTML bench page), so it is a slice
    // of its own, before the walk's first.
    const all = [...roots, ...roots.flatMap((root) => openShadowRoots(root))];
    shadows.saw(all);
    const rootsMs = performance.now() - t0;
    schedule(() =>
      scanText(all, trigger, { sliceMs: SLICE_MS, schedule }, (result) =>
        finish({ ...result, ms: result.ms + rootsMs, slices: result.slices + 1, longestSliceMs: Math.max(result.longestSliceMs, rootsMs) }, first),
      ),
    );
  };
  const finish = (result: ScanResult, first: boolean) => {
    scanning = false;
    hit = result.hit;
    if (first || hit) void report(result);
    if (hit) stop();
  };

  const page = () => [document.body ?? document.documentElement];
  idle(() => look(page(), true), FIRST_LOOK_TIMEOUT_MS);

  let added = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let href = location.href;
  const pending: Node[] = [];
  const recheck = (roots: () => Node[]) => {
    if (hit || rechecks >= MAX_RECHECKS) return stop();
    // A look still walking the page: come back when it is done.
    if (scanning) return later(() => recheck(roots), RECHECK_DELAY_MS);
    rechecks++;
    look(roots(), false);
  };
  const observer = new MutationObserver((records) => {
    // A single-page navigation (pushState) changes the page under a new address: the whole page is read
    // again once it settles, even where the app rewrote text in place.
    if (location.href !== href) {
      href = location.href;
      later(() => recheck(page), RECHECK_DELAY_MS);
    }
    for (const r of records) {
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType !== 1 && n.nodeType !== 3) continue;
        pending.push(n);
        // Counted only until a re-check is due: the text is read once, by the re-check.
        if (timer === undefined && added < RECHECK_MIN_ADDED_CHARS) added += (n.textContent ?? '').length;
      }
    }
    if (added < RECHECK_MIN_ADDED_CHARS || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      added = 0;
      // Only the new content: the rest of the page was already read.
      if (live()) recheck(() => pending.splice(0).filter((n) => n.isConnected));
    }, RECHECK_DELAY_MS);
  });
  const WATCHED = { childList: true, subtree: true };
  observer.observe(document.body ?? document.documentElement, WATCHED);
  // A shadow root attached later (src/page/late-shadow-roots.ts): only its own text is read.
  const stopShadowChecks = checkForLateShadowRoots(later, () => {
    const fresh = shadows.fresh(document.body ?? document.documentElement);
    if (fresh.length) recheck(() => outermost(fresh).filter((root) => root.host.isConnected));
  });
  const stopTimer = setTimeout(stop, WATCH_FOR_MS);
  stops.push(
    () => observer.disconnect(),
    stopShadowChecks,
    () => clearTimeout(stopTimer),
    () => clearTimeout(timer),
  );
});
