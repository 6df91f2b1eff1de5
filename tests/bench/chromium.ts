/**
 * `npm run bench` in Chromium: the production build loaded with Playwright, pages from a local server,
 * the extension's own figures read from the tab state the background keeps (as tests/e2e/lens.ts does),
 * and the browser's over CDP: an isolated world for the floor and for mark.js (the kind of world a
 * content script runs in), heap after GC, task time.
 *
 * Every measurement with the extension has a twin load with the extension turned off for the site
 * (the detector then returns before reading anything): the floor, the page's own long tasks, the heap
 * baseline and mark.js are taken there, so they never share a load with our work.
 */
import type { CDPSession, Page } from 'playwright';
import { launchWithExtension, readTabState, type LaunchedExtension } from '../../src/cli/chromium';
import type { TabState } from '../../src/messages';
import { COLD_PASS, LONGEST_TASK_AFTER_DCL, LONG_TASK_OBSERVER, MARKJS_SOURCE, markjsRun, mutationStorm, type FloorPass, type MarkjsRun } from './page-scripts';
import type { AnnotatorSamples, DetectorSamples, StormSamples } from './report';

/** The detector's look is done within this long after a load on the bench pages (idle time, a few slices). */
const DETECTOR_SETTLE_MS = 1_500;
/** How long to wait for a report from the detector or the annotator before giving up on a load. */
const REPORT_TIMEOUT_MS = 60_000;
/** The annotator may rescan after late DOM changes: its report counts once no new one came for this long. */
const QUIET_MS = 1_000;
const POLL_MS = 100;
/** A page without us gets this long after `load` before its long tasks are read (ours take about as long to settle). */
const PAGE_ALONE_SETTLE_MS = 2_000;
/** The storm's trailing rescan comes within MIN_RESCAN_INTERVAL_MS (1 s) after the last change. */
const STORM_TAIL_MS = 1_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type BenchOptions = {
  extensionDir: string;
  serverUrl: string;
  terms: readonly string[];
  detectorPages: readonly string[];
  annotatorPages: ReadonlyArray<{ key: string; name: string; file: string; markjs: boolean }>;
  stormPage?: { name: string; file: string };
  loads: { detector: number; annotator: number; storm: number };
  storm: { perSecond: number; seconds: number };
  log: (line: string) => void;
  /** Where the served pages are on disk (Firefox loads them as file: URLs for the floor). */
  pagesDir: string;
};

async function cdpFor<T>(page: Page, work: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await work(cdp);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Evaluates `expression` in a new isolated world of the page's main frame (the first script there runs cold). */
async function inIsolatedWorld<T>(cdp: CDPSession, world: string, expressions: string[]): Promise<T> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: world });
  let value: unknown;
  for (const expression of expressions) {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true });
    if (exceptionDetails) throw new Error(`evaluation failed in the isolated world ${world}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    value = result.value;
  }
  return value as T;
}

/** JS heap in use after a full GC, bytes (the page's isolate: its own world and every content script's). */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Main-thread task time of the page so far, ms (Performance domain, enabled before it is read). */
async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

export class ChromiumBench {
  private constructor(
    private readonly extension: LaunchedExtension,
    private readonly opts: BenchOptions,
    readonly product: string,
  ) {}

  static async launch(opts: BenchOptions): Promise<ChromiumBench> {
    const extension = await launchWithExtension({ extensionDir: opts.extensionDir, headless: true });
    const probe = await extension.context.newPage();
    const product = await cdpFor(probe, async (cdp) => (await cdp.send('Browser.getVersion')).product);
    await probe.close();
    return new ChromiumBench(extension, opts, product);
  }

  close(): Promise<void> {
    return this.extension.close();
  }

  private url(file: string): string {
    return new URL(file, this.opts.serverUrl).href;
  }

  /** Turns the extension off for the bench server's host (the detector then reads nothing), or on again. */
  private async setSiteOff(off: boolean): Promise<void> {
    const host = new URL(this.opts.serverUrl).hostname;
    await (await this.extension.worker()).evaluate(
      async ([site, disable]) => {
        const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
        await chrome.storage.local.set({ disabledSites: disable ? [site] : [] });
      },
      [host, off] as const,
    );
  }

  private async state(page: Page, ready: (s: TabState) => boolean): Promise<TabState | undefined> {
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const found = await readTabState(await this.extension.worker(), page.url()).catch(() => undefined);
      if (found?.state && ready(found.state)) return found.state;
      await sleep(POLL_MS);
    }
    return undefined;
  }

  /** The annotator's last report once no newer one has arrived for QUIET_MS. */
  private async settledAnnotator(page: Page): Promise<TabState | undefined> {
    const reported = (s: TabState) => s.count !== undefined;
    let state = await this.state(page, reported);
    while (state) {
      await sleep(QUIET_MS);
      const next = await this.state(page, reported);
      if (!next || next.updatedAt === state.updatedAt) return state;
      state = next;
    }
    return undefined;
  }

  /** A load with the extension off for the site: `work` runs on it once `load` has fired. */
  private async withoutUs<T>(file: string, work: (page: Page) => Promise<T>): Promise<T> {
    await this.setSiteOff(true);
    const page = await this.extension.context.newPage();
    try {
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(this.url(file), { timeout: REPORT_TIMEOUT_MS });
      await page.waitForLoadState('load');
      return await work(page);
    } finally {
      await page.close();
      await this.setSiteOff(false);
    }
  }

  private async withUs<T>(file: string, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.extension.context.newPage();
    try {
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(this.url(file), { timeout: REPORT_TIMEOUT_MS });
      return await work(page);
    } finally {
      await page.close();
    }
  }

  async detector(file: string): Promise<DetectorSamples> {
    const out: DetectorSamples = { page: file, nodes: 0, chars: 0, detectorMs: [], slices: [], longestSliceMs: [], floorMs: [], hits: [] };
    for (let i = 0; i < this.opts.loads.detector; i++) {
      const state = await this.withUs(file, async (page) => {
        // Nothing else runs while the detector does: no polling of the background until it has had time.
        await sleep(DETECTOR_SETTLE_MS);
        return this.state(page, () => true);
      });
      if (!state) throw new Error(`the detector did not report on ${file} within ${REPORT_TIMEOUT_MS / 1000} s`);
      out.detectorMs.push(state.detectorMs);
      out.slices.push(state.detectorSlices ?? Number.NaN);
      out.longestSliceMs.push(state.detectorLongestSliceMs ?? Number.NaN);
      out.hits.push(state.hit);
      const floor = await this.withoutUs(file, (page) => cdpFor(page, (cdp) => inIsolatedWorld<FloorPass>(cdp, `tl-bench-floor-${i}`, [COLD_PASS])));
      out.floorMs.push(floor.ms);
      ({ nodes: out.nodes, chars: out.chars } = floor);
    }
    return out;
  }

  async annotator(p: { key: string; name: string; file: string; markjs: boolean }): Promise<AnnotatorSamples> {
    const out: AnnotatorSamples = {
      key: p.key,
      name: p.name,
      nodes: 0,
      chars: 0,
      floorMs: [],
      annotatorMs: [],
      longestSliceMs: [],
      phases: [],
      flagged: [],
      longestTaskMs: [],
      pageLongestTaskMs: [],
      heapAddedBytes: [],
      markjsMs: [],
      markjsWraps: [],
    };
    for (let i = 0; i < this.opts.loads.annotator; i++) {
      const on = await this.withUs(p.file, async (page) => {
        const state = await this.settledAnnotator(page);
        // Long tasks first: the GC below is one of our own making.
        const longest = await page.evaluate<number>(LONGEST_TASK_AFTER_DCL);
        const heap = await cdpFor(page, heapAfterGc);
        return { state, longest, heap };
      });
      if (on.state?.annotatorMs === undefined) {
        this.opts.log(`  no annotator report on ${p.file} (load ${i + 1})`);
      } else {
        out.annotatorMs.push(on.state.annotatorMs);
        out.longestSliceMs.push(on.state.longestSliceMs ?? Number.NaN);
        if (on.state.phasesMs) out.phases.push(on.state.phasesMs);
        out.flagged.push(on.state.count ?? Number.NaN);
      }
      out.longestTaskMs.push(on.longest);
      const off = await this.withoutUs(p.file, async (page) => {
        await sleep(PAGE_ALONE_SETTLE_MS);
        const longest = await page.evaluate<number>(LONGEST_TASK_AFTER_DCL);
        return cdpFor(page, async (cdp) => {
          const heap = await heapAfterGc(cdp);
          const floor = await inIsolatedWorld<FloorPass>(cdp, `tl-bench-floor-${i}`, [COLD_PASS]);
          // mark.js after the floor, in a world of its own (a keyword-highlighting extension's content script).
          // Big pages take it seconds per term: it runs on the first load only there.
          const mark = p.markjs || i === 0 ? await inIsolatedWorld<MarkjsRun>(cdp, `tl-bench-markjs-${i}`, [MARKJS_SOURCE, markjsRun(this.opts.terms)]) : undefined;
          return { longest, heap, floor, mark };
        });
      });
      out.pageLongestTaskMs.push(off.longest);
      out.heapAddedBytes.push(on.heap - off.heap);
      out.floorMs.push(off.floor.ms);
      ({ nodes: out.nodes, chars: out.chars } = off.floor);
      if (off.mark) {
        out.markjsMs.push(off.mark.ms);
        out.markjsWraps.push(off.mark.wraps);
      }
    }
    return out;
  }

  /** The storm on a page with us, then on the same page without us; our CPU is the difference in task time. */
  async storm(p: { name: string; file: string }): Promise<StormSamples> {
    const { perSecond, seconds } = this.opts.storm;
    const out: StormSamples = { page: p.name, changesPerSecond: perSecond, seconds, ourCpuMs: [], rescans: [], selfReportedMs: [], gapOnMs: [], gapOffMs: [], heapAddedBytes: [] };
    const run = async (page: Page, watch: boolean) =>
      cdpFor(page, async (cdp) => {
        await cdp.send('Performance.enable');
        const before = await taskMs(cdp);
        const reports = new Map<number, number>();
        let storming = true;
        const watcher = (async () => {
          while (watch && storming) {
            const s = await readTabState(await this.extension.worker(), page.url()).catch(() => undefined);
            if (s?.state?.annotatorMs !== undefined) reports.set(s.state.updatedAt, s.state.annotatorMs);
            await sleep(250);
          }
        })();
        const startedAt = Date.now();
        const gap = await page.evaluate<number>(mutationStorm(perSecond, seconds));
        await sleep(STORM_TAIL_MS);
        storming = false;
        await watcher;
        const cpu = (await taskMs(cdp)) - before;
        const heap = await heapAfterGc(cdp);
        const during = [...reports].filter(([at]) => at >= startedAt).map(([, ms]) => ms);
        return { gap, cpu, heap, rescans: during.length, self: during.reduce((a, b) => a + b, 0) };
      });
    for (let i = 0; i < this.opts.loads.storm; i++) {
      const on = await this.withUs(p.file, async (page) => {
        await this.settledAnnotator(page);
        return run(page, true);
      });
      const off = await this.withoutUs(p.file, async (page) => {
        await sleep(PAGE_ALONE_SETTLE_MS);
        return run(page, false);
      });
      out.ourCpuMs.push(on.cpu - off.cpu);
      out.rescans.push(on.rescans);
      out.selfReportedMs.push(on.self);
      out.gapOnMs.push(on.gap);
      out.gapOffMs.push(off.gap);
      out.heapAddedBytes.push(on.heap - off.heap);
    }
    return out;
  }
}
