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
import { DETECTOR_SETTLE_MS, POLL_MS, QUIET_MS, REPORT_TIMEOUT_MS, sleep, STORM_TAIL_MS, watchReports } from './common';
import { addAnnotatorReport, addBaselineLoad, addDetectorLoad, newAnnotatorSamples, newDetectorSamples, newStormSamples, type AnnotatorSamples, type DetectorSamples, type StormSamples } from './report';

/** A page without us gets this long after `load` before its long tasks are read (ours take about as long to settle). */
const PAGE_ALONE_SETTLE_MS = 2_000;

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

/** The page's main-thread task time and script time so far, ms (Performance domain, enabled before it is read). */
async function threadMs(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  return { task: ms('TaskDuration'), script: ms('ScriptDuration') };
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

  /**
   * One load of `file` in a new tab, with us or (`off`) with the extension turned off for the site; `work`
   * gets the page once `load` has fired, and a CDP session on it opened before the navigation (its
   * Performance domain counts from the start).
   */
  private async load<T>(file: string, off: boolean, work: (page: Page, cdp: CDPSession) => Promise<T>): Promise<T> {
    if (off) await this.setSiteOff(true);
    const page = await this.extension.context.newPage();
    try {
      await page.addInitScript(LONG_TASK_OBSERVER);
      return await cdpFor(page, async (cdp) => {
        await cdp.send('Performance.enable');
        await page.goto(this.url(file), { timeout: REPORT_TIMEOUT_MS, waitUntil: 'load' });
        return work(page, cdp);
      });
    } finally {
      await page.close();
      if (off) await this.setSiteOff(false);
    }
  }

  async detector(file: string): Promise<DetectorSamples> {
    const out = newDetectorSamples(file);
    for (let i = 0; i < this.opts.loads.detector; i++) {
      const state = await this.load(file, false, async (page) => {
        // Nothing else runs while the detector does: no polling of the background until it has had time.
        await sleep(DETECTOR_SETTLE_MS);
        return this.state(page, () => true);
      });
      if (!state) throw new Error(`the detector did not report on ${file} within ${REPORT_TIMEOUT_MS / 1000} s`);
      const floor = await this.load(file, true, (_, cdp) => inIsolatedWorld<FloorPass>(cdp, `tl-bench-floor-${i}`, [COLD_PASS]));
      addDetectorLoad(out, { ms: state.detectorMs, slices: state.detectorSlices, longestSliceMs: state.detectorLongestSliceMs, hit: state.hit }, floor);
    }
    return out;
  }

  async annotator(p: { key: string; name: string; file: string; markjs: boolean }): Promise<AnnotatorSamples> {
    const out = newAnnotatorSamples(p);
    for (let i = 0; i < this.opts.loads.annotator; i++) {
      const on = await this.load(p.file, false, async (page, cdp) => {
        const state = await this.settledAnnotator(page);
        // Long tasks first: the GC below is one of our own making.
        const longest = await page.evaluate<number>(LONGEST_TASK_AFTER_DCL);
        const { task } = await threadMs(cdp);
        return { state, longest, task, heap: await heapAfterGc(cdp) };
      });
      if (on.state?.annotatorMs === undefined) {
        this.opts.log(`  no annotator report on ${p.file} (load ${i + 1})`);
      } else {
        addAnnotatorReport(out, { ...on.state, annotatorMs: on.state.annotatorMs });
      }
      out.longestTaskMs.push(on.longest);
      const off = await this.load(p.file, true, async (page, cdp) => {
        await sleep(PAGE_ALONE_SETTLE_MS);
        const longest = await page.evaluate<number>(LONGEST_TASK_AFTER_DCL);
        const { task } = await threadMs(cdp);
        const heap = await heapAfterGc(cdp);
        const floor = await inIsolatedWorld<FloorPass>(cdp, `tl-bench-floor-${i}`, [COLD_PASS]);
        // mark.js after the floor, in a world of its own (a keyword-highlighting extension's content script).
        // Big pages take it seconds per term: it runs on the first load only there.
        const mark = p.markjs || i === 0 ? await inIsolatedWorld<MarkjsRun>(cdp, `tl-bench-markjs-${i}`, [MARKJS_SOURCE, markjsRun(this.opts.terms)]) : undefined;
        return { longest, task, heap, floor, mark };
      });
      out.pageLongestTaskMs.push(off.longest);
      out.ourTaskMs.push(on.task - off.task);
      out.heapAddedBytes.push(on.heap - off.heap);
      addBaselineLoad(out, off.floor, off.mark);
    }
    return out;
  }

  /** The storm on a page with us, then on the same page without us; our CPU is the difference in task time. */
  async storm(p: { name: string; file: string }): Promise<StormSamples> {
    const { perSecond, seconds } = this.opts.storm;
    const out = newStormSamples(p.name, this.opts.storm);
    const run = async (page: Page, cdp: CDPSession, watch: boolean) => {
        const before = await threadMs(cdp);
        const watcher = watchReports(async () => {
          const state = watch ? (await readTabState(await this.extension.worker(), page.url()))?.state : undefined;
          return state?.annotatorMs === undefined ? undefined : { at: state.updatedAt, ms: state.annotatorMs };
        });
        const gap = await page.evaluate<number>(mutationStorm(perSecond, seconds));
        await sleep(STORM_TAIL_MS);
        const during = await watcher.stop();
        const after = await threadMs(cdp);
        const heap = await heapAfterGc(cdp);
        return { gap, cpu: after.task - before.task, script: after.script - before.script, heap, rescans: during.length, self: during.reduce((a, b) => a + b, 0) };
    };
    for (let i = 0; i < this.opts.loads.storm; i++) {
      const on = await this.load(p.file, false, async (page, cdp) => {
        await this.settledAnnotator(page);
        return run(page, cdp, true);
      });
      const off = await this.load(p.file, true, async (page, cdp) => {
        await sleep(PAGE_ALONE_SETTLE_MS);
        return run(page, cdp, false);
      });
      out.ourCpuMs.push(on.cpu - off.cpu);
      out.ourScriptMs.push(on.script - off.script);
      out.rescans.push(on.rescans);
      out.selfReportedMs.push(on.self);
      out.gapOnMs.push(on.gap);
      out.gapOffMs.push(off.gap);
      out.heapAddedBytes.push(on.heap - off.heap);
    }
    return out;
  }
}
