/**
 * `npm run bench -- --firefox`: the same pages in Firefox ESR, driven over WebDriver BiDi
 * (puppeteer-core), with the build in mode "bench", which leaves the detector's and the annotator's
 * reports on the page (`data-treasury-lens-*` on <html>): BiDi cannot reach the extension's background.
 *
 * - The floor is one cold TreeWalker pass in a BiDi sandbox (an Xray-wrapped world, as a content script's)
 *   on a load of the same page as a file: URL, where our content scripts do not run.
 * - Firefox has no `longtask` entries and BiDi no profiler, heap or task-time metrics: the main thread is
 *   judged by the annotator's own longest slice, and the storm by the page's longest gap and our own timings.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { BenchOptions } from './chromium';
import { COLD_PASS, MARKJS_SOURCE, markjsRun, mutationStorm, type FloorPass, type MarkjsRun } from './page-scripts';
import { DETECTOR_SETTLE_MS, QUIET_MS, REPORT_TIMEOUT_MS, sleep, STORM_TAIL_MS, watchReports } from './common';
import { addAnnotatorReport, addBaselineLoad, addDetectorLoad, newAnnotatorSamples, newDetectorSamples, newStormSamples, type AnnotatorSamples, type DetectorSamples, type StormSamples } from './report';

const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
const FIREFOX_POLL_MS = 200;

type AnnotatorFigures = { annotatorMs: number; longestSliceMs: number; phasesMs: { collect: number; analyze: number; paint: number }; count: number; at: number };
type DetectorFigures = { hit: boolean; ms: number; slices?: number; longestSliceMs?: number };

/** puppeteer's BiDi frames have a sandbox of their own (`isolatedRealm`, not in its public types). */
type Realm = { evaluate<T>(expression: string): Promise<T> };
const sandbox = (page: Page) => (page.mainFrame() as unknown as { isolatedRealm(): Realm }).isolatedRealm();

const readData = <T>(page: Page, key: 'treasuryLensDetector' | 'treasuryLensAnnotator') =>
  page.evaluate((k) => document.documentElement.dataset[k], key).then((raw) => (raw ? (JSON.parse(raw) as T) : undefined));

export class FirefoxBench {
  private constructor(
    private readonly browser: Browser,
    private readonly extensionId: string,
    private readonly opts: BenchOptions,
    readonly product: string,
  ) {}

  static async launch(opts: BenchOptions): Promise<FirefoxBench> {
    const executablePath = FIREFOX_CANDIDATES.find((p) => existsSync(p));
    if (!executablePath) throw new Error('No Firefox found: apt-get install firefox-esr, or set FIREFOX_PATH.');
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath, protocol: 'webDriverBiDi', headless: true });
    const extensionId = await browser.installExtension(opts.extensionDir);
    return new FirefoxBench(browser, extensionId, opts, `Firefox/${(await browser.version()).replace(/^.*?\//, '')}`);
  }

  async close(): Promise<void> {
    await this.browser.uninstallExtension(this.extensionId).catch(() => undefined);
    await this.browser.close();
  }

  private async load<T>(url: string, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.browser.newPage();
    try {
      await page.goto(url, { timeout: REPORT_TIMEOUT_MS, waitUntil: 'load' });
      return await work(page);
    } finally {
      await page.close();
    }
  }

  /** With us: served over http, where the detector runs. */
  private withUs<T>(file: string, work: (page: Page) => Promise<T>): Promise<T> {
    return this.load(new URL(file, this.opts.serverUrl).href, work);
  }

  /** Without us: the same file as a file: URL, which our content scripts do not match. */
  private withoutUs<T>(file: string, work: (page: Page) => Promise<T>): Promise<T> {
    return this.load(pathToFileURL(join(this.opts.pagesDir, file)).href, work);
  }

  private async settledAnnotator(page: Page): Promise<AnnotatorFigures | undefined> {
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    let last: AnnotatorFigures | undefined;
    while (Date.now() < deadline) {
      const next = await readData<AnnotatorFigures>(page, 'treasuryLensAnnotator');
      if (next && last && next.at === last.at) return next;
      last = next;
      await sleep(next ? QUIET_MS : FIREFOX_POLL_MS);
    }
    return last;
  }

  async detector(file: string): Promise<DetectorSamples> {
    const out = newDetectorSamples(file);
    for (let i = 0; i < this.opts.loads.detector; i++) {
      const d = await this.withUs(file, async (page) => {
        await sleep(DETECTOR_SETTLE_MS);
        const deadline = Date.now() + REPORT_TIMEOUT_MS;
        for (;;) {
          const found = await readData<DetectorFigures>(page, 'treasuryLensDetector');
          if (found || Date.now() > deadline) return found;
          await sleep(FIREFOX_POLL_MS);
        }
      });
      if (!d) throw new Error(`the detector did not report on ${file} (is this the build in mode "bench"?)`);
      addDetectorLoad(out, d, await this.withoutUs(file, (page) => sandbox(page).evaluate<FloorPass>(COLD_PASS)));
    }
    return out;
  }

  async annotator(p: { key: string; name: string; file: string; markjs: boolean }): Promise<AnnotatorSamples> {
    const out = newAnnotatorSamples(p);
    for (let i = 0; i < this.opts.loads.annotator; i++) {
      const a = await this.withUs(p.file, (page) => this.settledAnnotator(page));
      if (a) addAnnotatorReport(out, a);
      else this.opts.log(`  no annotator report on ${p.file} (load ${i + 1})`);
      // mark.js through Xray wrappers takes minutes on the big pages: articles only here.
      const off = await this.withoutUs(p.file, async (page) => {
        const realm = sandbox(page);
        const floor = await realm.evaluate<FloorPass>(COLD_PASS);
        if (!p.markjs) return { floor };
        await realm.evaluate(MARKJS_SOURCE);
        return { floor, mark: await realm.evaluate<MarkjsRun>(markjsRun(this.opts.terms)) };
      });
      addBaselineLoad(out, off.floor, off.mark);
    }
    return out;
  }

  async storm(p: { name: string; file: string }): Promise<StormSamples> {
    const { perSecond, seconds } = this.opts.storm;
    const out = newStormSamples(p.name, this.opts.storm);
    for (let i = 0; i < this.opts.loads.storm; i++) {
      const on = await this.withUs(p.file, async (page) => {
        await this.settledAnnotator(page);
        const watcher = watchReports(async () => {
          const a = await readData<AnnotatorFigures>(page, 'treasuryLensAnnotator');
          return a && { at: a.at, ms: a.annotatorMs };
        });
        const gap = (await page.evaluate(mutationStorm(perSecond, seconds))) as number;
        await sleep(STORM_TAIL_MS);
        const during = await watcher.stop();
        return { gap, rescans: during.length, self: during.reduce((x, y) => x + y, 0) };
      });
      const gapOff = await this.withoutUs(p.file, (page) => page.evaluate(mutationStorm(perSecond, seconds)) as Promise<number>);
      out.rescans.push(on.rescans);
      out.selfReportedMs.push(on.self);
      out.gapOnMs.push(on.gap);
      out.gapOffMs.push(gapOff);
    }
    return out;
  }
}
