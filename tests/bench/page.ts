/**
 * `npm run bench:page`: what the extension costs inside real pages in Chromium, printed (not asserted:
 * timings belong in a report, not in a test that flakes). Needs a build (`npm run build`).
 *
 *  (a) the detector, which runs on every page: its bundle size (raw and gzip) and its time on ~1 MB
 *      irrelevant pages (`detectorMs` as it reports it: the sum of its idle-time slices, median of several
 *      loads), with its slices and, as a ratio, one cold bare TreeWalker pass over the same page;
 *  (b) the annotator on a 5,000-word article (wire-en.html's paragraphs repeated) and on long.html
 *      (100,000 text nodes): `annotatorMs` (its total main-thread work) and `longestSliceMs` as it
 *      reports them, each as a ratio to the physical floor, one bare TreeWalker(SHOW_TEXT) pass reading
 *      every nodeValue (repeated and averaged on small pages, whose pass is below the timer's
 *      resolution). The floor is measured in an isolated world created over CDP (where content
 *      scripts run; slower than the page's own world) and, as a lower bound, in the main world;
 *  (c) the longest task the page saw (PerformanceObserver 'longtask', registered before any page
 *      script), overall and after DOMContentLoaded, i.e. after the page's own building is done.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright';
import { launchWithExtension, readTabState, type LaunchedExtension } from '../../src/cli/chromium';
import { serve } from '../../src/cli/serve';
import type { TabState } from '../../src/messages';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const PAGES_DIR = join(ROOT, 'tests/fixtures/pages');
const DETECTOR_BUNDLE = join(EXTENSION_DIR, 'content-scripts/detector.js');

/** The detector's look is done within this long after a load on the bench pages (idle time, a few slices). */
const DETECTOR_SETTLE_MS = 1_500;
/** Loads per measurement; the median is reported. */
const DETECTOR_LOADS = 11;
/**
 * Pages with nothing about the topic: 1 MB of plain text (one-byte strings), the same with typographic
 * punctuation (two-byte strings, as on real news sites), 1 MB of news-like HTML (scripts, styles, markup),
 * and 400k characters of Japanese.
 */
const DETECTOR_PAGES = ['irrelevant-1mb.html', 'irrelevant-1mb-typographic.html', 'irrelevant-1mb-html.html', 'irrelevant-ja.html'];
const ANNOTATOR_LOADS = 3;
/** Floor passes per load; the first is cold, the median is reported. */
const FLOOR_RUNS = 5;
const ARTICLE_WORDS = 5_000;
/** How long to wait for a report from the detector or the annotator before giving up on a load. */
const REPORT_TIMEOUT_MS = 30_000;
/** The annotator may rescan after late DOM changes: its report counts once no new one came for this long. */
const QUIET_MS = 1_000;
const POLL_MS = 100;

/** Pages' timers are coarsened (0.1 ms here), so the floor pass repeats until this much time has passed. */
const FLOOR_MIN_SAMPLE_MS = 20;

// Page-side code is passed as strings: the TypeScript runner's helpers must not leak into the page.
const FLOOR_PASS = `(() => {
  let passes = 0, nodes = 0, chars = 0;
  const t0 = performance.now();
  do {
    nodes = 0; chars = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes++; chars += n.nodeValue.length; }
    passes++;
  } while (performance.now() - t0 < ${FLOOR_MIN_SAMPLE_MS});
  return { ms: (performance.now() - t0) / passes, nodes, chars };
})()`;

const LONG_TASK_OBSERVER = `(() => {
  const record = { tasks: [], domContentLoadedAt: undefined };
  Object.defineProperty(window, '__benchLongTasks', { value: record });
  document.addEventListener('DOMContentLoaded', () => { record.domContentLoadedAt = performance.now(); }, { once: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
})();`;

const LONG_TASKS = `(() => {
  const { tasks, domContentLoadedAt } = window.__benchLongTasks;
  const after = tasks.filter(([start]) => domContentLoadedAt !== undefined && start >= domContentLoadedAt);
  return { longest: Math.max(0, ...tasks.map(([, d]) => d)), longestAfterDcl: Math.max(0, ...after.map(([, d]) => d)), count: tasks.length };
})()`;

type FloorPass = { ms: number; nodes: number; chars: number };
type LongTasks = { longest: number; longestAfterDcl: number; count: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const int = (n: number) => n.toLocaleString('en-US');
const longTask = (ms: number) => (ms > 0 ? `${fmt(ms)} ms` : 'none');

/** A 5,000-word article: wire-en.html's paragraphs, repeated, in the same page frame. */
function articlePage(words: number): string {
  const html = readFileSync(join(PAGES_DIR, 'wire-en.html'), 'utf8');
  const article = /<article>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '';
  const paragraphs = [...article.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
  const out: string[] = [];
  let count = 0;
  for (let part = 1; count < words; part++) {
    out.push(`<h2>Part ${part}</h2>`);
    for (const p of paragraphs) {
      out.push(`<p>${p}</p>`);
      count += p.split(/\s+/).length;
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Japan's Treasury pile: the long read | Meridian Wire</title>
<meta property="article:published_time" content="2025-05-19T06:10:00Z">
</head>
<body>
<article>
<h1>Japan's Treasury pile: the long read (${int(count)} words)</h1>
${out.join('\n')}
</article>
</body>
</html>
`;
}

/** The state the background stored for the tab showing `page`, once `ready` holds for it. */
async function waitForState(extension: LaunchedExtension, page: Page, ready: (s: TabState) => boolean): Promise<TabState | undefined> {
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const found = await readTabState(await extension.worker(), page.url()).catch(() => undefined);
    if (found?.state && ready(found.state)) return found.state;
    await sleep(POLL_MS);
  }
  return undefined;
}

/** The annotator's last report once no newer one has arrived for QUIET_MS. */
async function settledAnnotatorState(extension: LaunchedExtension, page: Page): Promise<TabState | undefined> {
  let state = await waitForState(extension, page, (s) => s.count !== undefined);
  if (!state) return undefined;
  for (;;) {
    await sleep(QUIET_MS);
    const next = await waitForState(extension, page, (s) => s.count !== undefined);
    if (!next || next.updatedAt === state.updatedAt) return state;
    state = next;
  }
}

async function floorPasses(page: Page): Promise<{ main: FloorPass[]; isolated: FloorPass[] }> {
  const main: FloorPass[] = [];
  for (let i = 0; i < FLOOR_RUNS; i++) main.push(await page.evaluate(FLOOR_PASS));
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'treasury-lens-bench' });
    const isolated: FloorPass[] = [];
    for (let i = 0; i < FLOOR_RUNS; i++) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: FLOOR_PASS, contextId: executionContextId, returnByValue: true });
      if (exceptionDetails) throw new Error(`floor pass failed in the isolated world: ${exceptionDetails.text}`);
      isolated.push(result.value as FloorPass);
    }
    return { main, isolated };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

type DetectorResult = {
  ms: number[];
  slices: number[];
  longestSlice: number[];
  /** One bare walk in a fresh isolated world: cold, as the detector's own walk is. */
  coldWalk: number[];
  hits: boolean[];
  nodes: number;
  chars: number;
};

/** One TreeWalker pass reading every nodeValue, once: in a fresh world this is the cold floor. */
const COLD_PASS = `(() => {
  let nodes = 0, chars = 0;
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes++; chars += n.nodeValue.length; }
  return { ms: performance.now() - t0, nodes, chars };
})()`;

async function coldPass(page: Page, world: string): Promise<FloorPass> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: world });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: COLD_PASS, contextId: executionContextId, returnByValue: true });
    if (exceptionDetails) throw new Error(`cold pass failed in the isolated world: ${exceptionDetails.text}`);
    return result.value as FloorPass;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Turns the extension off for the bench server's host (the detector then reads nothing), or on again. */
async function setSiteOff(extension: LaunchedExtension, host: string, off: boolean): Promise<void> {
  await (await extension.worker()).evaluate(
    async ([site, disable]) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
      await chrome.storage.local.set({ disabledSites: disable ? [site] : [] });
    },
    [host, off] as const,
  );
}

async function benchDetector(extension: LaunchedExtension, url: string): Promise<DetectorResult> {
  const result: DetectorResult = { ms: [], slices: [], longestSlice: [], coldWalk: [], hits: [], nodes: 0, chars: 0 };
  const host = new URL(url).hostname;
  for (let i = 0; i < DETECTOR_LOADS; i++) {
    const page = await extension.context.newPage();
    try {
      await page.goto(url);
      // Nothing else runs while the detector does: no polling of the background until it has had time.
      await sleep(DETECTOR_SETTLE_MS);
      const state = await waitForState(extension, page, () => true);
      if (!state) throw new Error(`the detector did not report on ${url} within ${REPORT_TIMEOUT_MS / 1000} s`);
      result.ms.push(state.detectorMs);
      result.slices.push(state.detectorSlices ?? Number.NaN);
      result.longestSlice.push(state.detectorLongestSliceMs ?? Number.NaN);
      result.hits.push(state.hit);
    } finally {
      await page.close();
    }
    // The floor on a load of its own, with the extension off for the site: the walk is then the first
    // to read the page's text (turning text nodes into JavaScript strings is part of the cost).
    await setSiteOff(extension, host, true);
    const floorPage = await extension.context.newPage();
    try {
      await floorPage.goto(url);
      await floorPage.waitForLoadState('load');
      const cold = await coldPass(floorPage, `treasury-lens-bench-cold-${i}`);
      result.coldWalk.push(cold.ms);
      ({ nodes: result.nodes, chars: result.chars } = cold);
    } finally {
      await floorPage.close();
      await setSiteOff(extension, host, false);
    }
  }
  return result;
}

type AnnotatorRow = {
  name: string;
  nodes: number;
  chars: number;
  floorMain: number;
  floorIsolated: number;
  annotatorMs: number | undefined;
  longestSliceMs: number | undefined;
  phases: string;
  flagged: number | undefined;
  longestTask: number;
  longestTaskAfterDcl: number;
  reported: number;
};

async function benchAnnotator(extension: LaunchedExtension, name: string, url: string): Promise<AnnotatorRow> {
  const annotator: number[] = [];
  const slices: number[] = [];
  const floorMain: number[] = [];
  const floorIsolated: number[] = [];
  const longest: number[] = [];
  const longestAfterDcl: number[] = [];
  let flagged: number | undefined;
  const phases: Array<{ collect: number; analyze: number; paint: number }> = [];
  let nodes = 0;
  let chars = 0;
  for (let i = 0; i < ANNOTATOR_LOADS; i++) {
    const page = await extension.context.newPage();
    try {
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(url, { timeout: REPORT_TIMEOUT_MS });
      const state = await settledAnnotatorState(extension, page);
      if (state?.annotatorMs !== undefined) annotator.push(state.annotatorMs);
      if (state?.longestSliceMs !== undefined) slices.push(state.longestSliceMs);
      flagged = state?.count ?? flagged;
      if (state?.phasesMs) phases.push(state.phasesMs);
      // Long tasks first: the floor passes below are long tasks of our own making on big pages.
      const tasks = await page.evaluate<LongTasks>(LONG_TASKS);
      longest.push(tasks.longest);
      longestAfterDcl.push(tasks.longestAfterDcl);
      const floor = await floorPasses(page);
      floorMain.push(median(floor.main.slice(1).map((p) => p.ms)));
      floorIsolated.push(median(floor.isolated.slice(1).map((p) => p.ms)));
      ({ nodes, chars } = floor.main[0]!);
    } finally {
      await page.close();
    }
  }
  return {
    name,
    nodes,
    chars,
    floorMain: median(floorMain),
    floorIsolated: median(floorIsolated),
    annotatorMs: annotator.length ? median(annotator) : undefined,
    longestSliceMs: slices.length ? median(slices) : undefined,
    phases: phases.length
      ? `${fmt(median(phases.map((p) => p.collect)))} / ${fmt(median(phases.map((p) => p.analyze)))} / ${fmt(median(phases.map((p) => p.paint)))} ms`
      : 'n/a',
    flagged,
    longestTask: median(longest),
    longestTaskAfterDcl: median(longestAfterDcl),
    reported: annotator.length,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(DETECTOR_BUNDLE)) throw new Error(`No detector bundle at ${DETECTOR_BUNDLE}: run "npm run build" first.`);
  const bundle = readFileSync(DETECTOR_BUNDLE);

  const dir = mkdtempSync(join(tmpdir(), 'treasury-lens-bench-'));
  writeFileSync(join(dir, 'article-5000.html'), articlePage(ARTICLE_WORDS));
  for (const file of [...DETECTOR_PAGES, 'irrelevant.js', 'long.html']) copyFileSync(join(PAGES_DIR, file), join(dir, file));
  const server = await serve({ root: dir });
  const extension = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  try {
    const probe = await extension.context.newPage();
    const cdp = await extension.context.newCDPSession(probe);
    const { product } = await cdp.send('Browser.getVersion');
    await probe.close();

    const detectors: Array<[string, DetectorResult]> = [];
    for (const file of DETECTOR_PAGES) detectors.push([file, await benchDetector(extension, new URL(file, server.url).href)]);
    const rows: AnnotatorRow[] = [];
    for (const [name, file] of [
      [`${int(ARTICLE_WORDS)}-word article`, 'article-5000.html'],
      ['long.html (100k text nodes)', 'long.html'],
    ] as const) {
      rows.push(await benchAnnotator(extension, name, new URL(file, server.url).href));
    }

    console.log(`\nTreasury Lens page benchmark — ${product}; medians.\n`);
    console.log('(a) detector (runs on every page)');
    console.log(`content-scripts/detector.js: ${int(bundle.length)} B raw, ${int(gzipSync(bundle, { level: 9 }).length)} B gzip -9\n`);
    console.log(
      table(
        ['page', 'text nodes', 'chars', 'detectorMs', 'min / max', 'slices', 'longest slice', 'cold walk', '÷ cold walk', 'hit'],
        detectors.map(([file, d]) => [
          file,
          int(d.nodes),
          int(d.chars),
          `${fmt(median(d.ms), 2)} ms`,
          `${fmt(Math.min(...d.ms), 1)} / ${fmt(Math.max(...d.ms), 1)} ms`,
          fmt(median(d.slices), 0),
          `${fmt(median(d.longestSlice), 2)} ms`,
          `${fmt(median(d.coldWalk), 2)} ms`,
          `${fmt(median(d.ms.map((ms, i) => ms / d.coldWalk[i]!)), 2)}×`,
          [...new Set(d.hits)].join(', '),
        ]),
      ),
    );
    console.log(
      `detectorMs: the detector's own main-thread time (sum of its idle-time slices), median of ${DETECTOR_LOADS} loads, each in a new tab.` +
        '\ncold walk: one bare TreeWalker pass reading every nodeValue, in a fresh isolated world, on a load of its own with the extension' +
        '\noff for the site, so that it is the first to read the text, as the detector is. ÷ cold walk is per load pair, then the median.' +
        '\nhit must be false on all of these pages.\n',
    );

    console.log(`\n(b) annotator, against the floor (one TreeWalker pass reading every nodeValue); ${ANNOTATOR_LOADS} loads each`);
    console.log(
      table(
        ['page', 'text nodes', 'chars', 'floor main', 'floor isolated', 'annotatorMs', '÷ isolated', '÷ main', 'longestSliceMs', 'walk / engine / paint', 'flagged'],
        rows.map((r) => [
          r.name,
          int(r.nodes),
          int(r.chars),
          `${fmt(r.floorMain, 2)} ms`,
          `${fmt(r.floorIsolated, 2)} ms`,
          r.annotatorMs === undefined ? 'no report' : `${fmt(r.annotatorMs)} ms`,
          r.annotatorMs === undefined ? 'n/a' : `${fmt(r.annotatorMs / r.floorIsolated)}×`,
          r.annotatorMs === undefined ? 'n/a' : `${fmt(r.annotatorMs / r.floorMain)}×`,
          r.longestSliceMs === undefined ? 'n/a' : `${fmt(r.longestSliceMs)} ms`,
          r.phases,
          r.flagged === undefined ? 'n/a' : String(r.flagged),
        ]),
      ),
    );

    console.log("\n(c) long tasks (> 50 ms) seen by the page; after DOMContentLoaded = after the page's own building, i.e. ours");
    console.log(
      table(
        ['page', 'longest task', 'longest after DOMContentLoaded'],
        rows.map((r) => [r.name, longTask(r.longestTask), longTask(r.longestTaskAfterDcl)]),
      ),
    );
    console.log(
      '\nNotes: the isolated-world floor is a CDP-created isolated world, the same kind of world a content script runs in;' +
        '\nthe main-world floor is a lower bound. annotatorMs and longestSliceMs are the annotator\'s own figures from the tab state.',
    );
    if (rows.some((r) => r.reported < ANNOTATOR_LOADS)) {
      console.log('Some loads had no annotator report within the time limit (is the annotator built in?).');
    }
  } finally {
    await extension.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
