/**
 * One scan of the page: DOM → text → engine → Ranges, sliced into short tasks so the page stays
 * responsive, and the scheduling of rescans (one at a time, after a quiet moment, not too often).
 */
import { hasCue, hasTriggerQuick, WINDOW_NEIGHBOUR_BLOCKS, type Mention } from '../../engine/analyze';
import type { Dataset } from '../../engine/dataset';
import { classOf, rangeFor, shadowRootOf } from '../highlighter';
import { pageLanguage, publicationDate } from '../metadata';
import { locate, TextCollector, type PageText } from '../text-blocks';
import { mentionIds } from './anchors';
import type { Lifetime } from './lifetime';
import type { Painted } from './painted';

/** Longest a slice of scanning work may run before the page gets a turn (well under a 50 ms long task). */
export const SLICE_BUDGET_MS = 8;
/** Quiet time after DOM changes before rescanning, and the least time between two rescans. */
export const RESCAN_DELAY_MS = 200;
export const MIN_RESCAN_INTERVAL_MS = 1000;
/**
 * Under churn (a rescan asked for again within the interval after the last), the interval doubles up to
 * this; a quiet page (no request for QUIET_RESET_MS) brings it back to the minimum.
 */
export const MAX_RESCAN_INTERVAL_MS = 8000;
export const QUIET_RESET_MS = 5000;

export type ScanResult = {
  painted: Painted[];
  page: PageText;
  /**
   * Main-thread time of the scan (collecting and painting), ms, its phases and its longest slice. The
   * engine runs in the background: `analyze` is how long the page waited for it, none of it on its thread.
   */
  totalMs: number;
  phasesMs: { collect: number; analyze: number; paint: number };
  longestSliceMs: number;
  /** The page's publication date, as read once for the scan. */
  published?: string;
};

/** The engine, wherever it runs: the page's text and what is known of the page in, its mentions out. */
export type Analyze = (text: string, page: { lang: string; published?: string }) => Promise<Mention[]>;

const round = (ms: number) => Math.round(ms * 100) / 100;

const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

function isHidden(el: Element): boolean {
  // checkVisibility() is cheap and skips display:none / content-visibility subtrees.
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return check ? !check.call(el) : false;
}

/** Reads the page and finds its mentions; `paint` runs in the last slice, with the Ranges. */
export async function scanPage(doc: Document, ds: Dataset, analyze: Analyze, life: Lifetime, paint: (painted: Painted[]) => void): Promise<ScanResult | undefined> {
  let total = 0;
  let longest = 0;
  const slice = async (work: (deadline: number) => boolean): Promise<boolean> => {
    for (;;) {
      const t0 = performance.now();
      const done = work(t0 + SLICE_BUDGET_MS);
      const spent = performance.now() - t0;
      total += spent;
      longest = Math.max(longest, spent);
      if (done) return true;
      if (life.stopped) return false;
      await yieldToPage();
    }
  };
  // Visibility is checked afterwards, for the few elements that hold a mention: asking every element
  // of a 100k-node page would cost more than the walk itself.
  const collector = new TextCollector(doc.body ?? doc.documentElement, {
    groupTest: (text) => hasCue(ds, text),
    subtreeTest: (text) => hasTriggerQuick(ds, text),
    // The blocks the engine itself reads around a cue on a huge page.
    groupContext: WINDOW_NEIGHBOUR_BLOCKS,
  });
  if (!(await slice((deadline) => collector.step(deadline)))) return undefined;
  const page = collector.result();
  const collectMs = total;
  const published = publicationDate(doc);
  const asked = performance.now();
  let mentions: Mention[];
  try {
    mentions = page.text ? await analyze(page.text, { lang: pageLanguage(doc) ?? '', ...(published ? { published } : {}) }) : [];
  } catch {
    // The background is restarting (an update) or gone: no highlights this time; the next scan asks again.
    return undefined;
  }
  if (life.stopped) return undefined;
  const analyzeMs = performance.now() - asked;
  const at = (offset: number, preferEnd: boolean) => locate(page, offset, preferEnd);
  const flagged = mentions.filter((m) => m.flagged);
  const ids = mentionIds(page.text, flagged);
  const painted: Painted[] = [];
  // Ranges are made in slices too: a page with a thousand mentions would otherwise be one long task.
  const beforeRanges = total;
  let next = 0;
  const ranged = await slice((deadline) => {
    for (; next < flagged.length; next++) {
      if (performance.now() >= deadline) return false;
      const mention = flagged[next]!;
      const range = rangeFor(doc, at, mention.start, mention.end);
      if (!range) continue;
      const holder = range.commonAncestorContainer;
      const el = holder.nodeType === 1 ? (holder as Element) : holder.parentElement;
      if (el && isHidden(el)) continue;
      const phrase = mention.kind === 'remark' ? rangeFor(doc, at, mention.phrase.start, mention.phrase.end) : undefined;
      const root = shadowRootOf(range);
      painted.push({ id: ids[next]!, mention, range, ...(phrase ? { phrase } : {}), cls: classOf(mention), ...(root ? { root } : {}) });
    }
    return true;
  });
  if (!ranged || life.stopped) return undefined;
  const t0 = performance.now();
  paint(painted);
  const painting = performance.now() - t0;
  const paintMs = total - beforeRanges + painting;
  total += painting;
  longest = Math.max(longest, painting);
  return { painted, page, totalMs: round(total), phasesMs: { collect: round(collectMs), analyze: round(analyzeMs), paint: round(paintMs) }, longestSliceMs: round(longest), ...(published ? { published } : {}) };
}

/** Runs scans one at a time: a request during a scan runs once more after it, never twice at once. */
export class ScanScheduler {
  private running: Promise<void> | undefined;
  private queued = false;
  private pending: (() => void) | undefined;
  private lastScanAt = 0;
  private lastAskedAt = Number.NEGATIVE_INFINITY;
  private interval = MIN_RESCAN_INTERVAL_MS;

  /** `due` is told when a rescan is set to run later: until it runs, changes need not be watched. */
  constructor(
    private readonly life: Lifetime,
    private readonly run: () => Promise<void>,
    private readonly due: () => void = () => {},
  ) {}

  /** Scans now (or right after the scan in progress). */
  now(): Promise<void> {
    if (this.running) {
      this.queued = true;
      return this.running;
    }
    this.pending?.();
    this.pending = undefined;
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.lastScanAt = performance.now();
      if (this.queued) {
        this.queued = false;
        this.soon();
      }
    });
    return this.running;
  }

  /** Scans after a quiet moment, and not sooner than the current interval (MIN_RESCAN_INTERVAL_MS, more under churn) after the last scan. */
  soon(): void {
    const now = performance.now();
    // Backing off under churn: asked again soon after the last scan, the next waits twice as long.
    if (now - this.lastAskedAt >= QUIET_RESET_MS) this.interval = MIN_RESCAN_INTERVAL_MS;
    else if (now - this.lastScanAt < this.interval) this.interval = Math.min(MAX_RESCAN_INTERVAL_MS, this.interval * 2);
    this.lastAskedAt = now;
    if (this.running) {
      this.queued = true;
      return;
    }
    if (this.pending) return;
    const wait = Math.max(RESCAN_DELAY_MS, this.interval - (now - this.lastScanAt));
    this.pending = this.life.timeout(() => {
      this.pending = undefined;
      void this.now();
    }, wait);
    this.due();
  }
}
