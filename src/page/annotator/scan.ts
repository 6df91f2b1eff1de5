/**
 * One scan of the page: DOM → text → engine → Ranges, sliced into short tasks so the page stays
 * responsive, and the scheduling of rescans (one at a time, after a quiet moment, not too often).
 */
import { analyzeSteps, hasCue, hasTriggerQuick, type Mention } from '../../engine/analyze';
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

export type ScanResult = {
  painted: Painted[];
  page: PageText;
  /** Main-thread time of the scan and its phases, ms, and its longest slice. */
  totalMs: number;
  phasesMs: { collect: number; analyze: number; paint: number };
  longestSliceMs: number;
};

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
export async function scanPage(doc: Document, ds: Dataset, life: Lifetime, paint: (painted: Painted[]) => void): Promise<ScanResult | undefined> {
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
  });
  if (!(await slice((deadline) => collector.step(deadline)))) return undefined;
  const page = collector.result();
  const collectMs = total;
  const published = publicationDate(doc);
  const steps = analyzeSteps(ds, page.text, { lang: pageLanguage(doc) ?? '', ...(published ? { published } : {}) });
  let mentions: Mention[] = [];
  const analyzed = await slice((deadline) => {
    for (;;) {
      const r = steps.next();
      if (r.done) {
        mentions = r.value;
        return true;
      }
      if (performance.now() >= deadline) return false;
    }
  });
  if (!analyzed || life.stopped) return undefined;
  const analyzeMs = total - collectMs;
  const t0 = performance.now();
  const at = (offset: number, preferEnd: boolean) => locate(page, offset, preferEnd);
  const flagged = mentions.filter((m) => m.flagged);
  const ids = mentionIds(page.text, flagged);
  const painted: Painted[] = [];
  flagged.forEach((mention, i) => {
    const range = rangeFor(doc, at, mention.start, mention.end);
    if (!range) return;
    const holder = range.commonAncestorContainer;
    const el = holder.nodeType === 1 ? (holder as Element) : holder.parentElement;
    if (el && isHidden(el)) return;
    const phrase = mention.kind === 'remark' ? rangeFor(doc, at, mention.phrase.start, mention.phrase.end) : undefined;
    const root = shadowRootOf(range);
    painted.push({ id: ids[i]!, mention, range, ...(phrase ? { phrase } : {}), cls: classOf(mention), ...(root ? { root } : {}) });
  });
  paint(painted);
  const paintMs = performance.now() - t0;
  total += paintMs;
  longest = Math.max(longest, paintMs);
  return { painted, page, totalMs: round(total), phasesMs: { collect: round(collectMs), analyze: round(analyzeMs), paint: round(paintMs) }, longestSliceMs: round(longest) };
}

/** Runs scans one at a time: a request during a scan runs once more after it, never twice at once. */
export class ScanScheduler {
  private running: Promise<void> | undefined;
  private queued = false;
  private pending: (() => void) | undefined;
  private lastScanAt = 0;

  constructor(
    private readonly life: Lifetime,
    private readonly run: () => Promise<void>,
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

  /** Scans after a quiet moment, and not sooner than MIN_RESCAN_INTERVAL_MS after the last scan. */
  soon(): void {
    if (this.running) {
      this.queued = true;
      return;
    }
    if (this.pending) return;
    const wait = Math.max(RESCAN_DELAY_MS, MIN_RESCAN_INTERVAL_MS - (performance.now() - this.lastScanAt));
    this.pending = this.life.timeout(() => {
      this.pending = undefined;
      void this.now();
    }, wait);
  }
}
