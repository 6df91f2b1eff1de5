/**
 * The pure half of `npm run bench`: medians, the summary object `--json` prints, the aims of issue 12
 * judged on it, and the plain-text tables. No browser here, so tests/unit can check it.
 */

/** Raw samples, one per load, as the drivers collect them. */
export type DetectorSamples = {
  page: string;
  nodes: number;
  chars: number;
  detectorMs: number[];
  slices: number[];
  longestSliceMs: number[];
  /** One cold bare TreeWalker pass in a fresh content-script-like world, on a load of its own. */
  floorMs: number[];
  hits: boolean[];
};

export type AnnotatorSamples = {
  key: string;
  name: string;
  nodes: number;
  chars: number;
  floorMs: number[];
  annotatorMs: number[];
  longestSliceMs: number[];
  phases: Array<{ collect: number; analyze: number; paint: number }>;
  flagged: number[];
  /** Longest `longtask` after DOMContentLoaded with the extension working, and on a load without it. */
  longestTaskMs: number[];
  pageLongestTaskMs: number[];
  /** JS heap after GC with the extension working minus the same page without it, bytes. */
  heapAddedBytes: number[];
  /**
   * Main-thread task time of the load with us minus the load without (CDP Performance metrics), ms: all we
   * cost the page, the detector, the annotator's injection (module evaluation, compromise's start-up), its
   * scans and the browser's work for our highlights. (Its ScriptDuration undercounts work resumed after
   * `scheduler.yield()`, so task time it is.)
   */
  ourTaskMs: number[];
  markjsMs: number[];
  markjsWraps: number[];
};

export type StormSamples = {
  page: string;
  changesPerSecond: number;
  seconds: number;
  /**
   * Main-thread task time during the storm with the extension minus without it, ms: our scripts and what
   * the browser does for us (repainting our highlights as the page changes); and of that, script time.
   */
  ourCpuMs: number[];
  ourScriptMs: number[];
  /** Scans the annotator reported during the storm, and the sum of their own timings. */
  rescans: number[];
  selfReportedMs: number[];
  gapOnMs: number[];
  gapOffMs: number[];
  heapAddedBytes: number[];
};

export const newDetectorSamples = (page: string): DetectorSamples => ({ page, nodes: 0, chars: 0, detectorMs: [], slices: [], longestSliceMs: [], floorMs: [], hits: [] });

/** One load pair on an irrelevant page: the detector's own figures, and the floor on the twin load. */
export function addDetectorLoad(out: DetectorSamples, d: { ms: number; slices?: number; longestSliceMs?: number; hit: boolean }, floor: { ms: number; nodes: number; chars: number }): void {
  out.detectorMs.push(d.ms);
  out.slices.push(d.slices ?? Number.NaN);
  out.longestSliceMs.push(d.longestSliceMs ?? Number.NaN);
  out.hits.push(d.hit);
  out.floorMs.push(floor.ms);
  out.nodes = floor.nodes;
  out.chars = floor.chars;
}

export const newAnnotatorSamples = (p: { key: string; name: string }): AnnotatorSamples => ({
  key: p.key,
  name: p.name,
  nodes: 0,
  chars: 0,
  ...Object.fromEntries(
    (['floorMs', 'annotatorMs', 'longestSliceMs', 'phases', 'flagged', 'longestTaskMs', 'pageLongestTaskMs', 'heapAddedBytes', 'ourTaskMs', 'markjsMs', 'markjsWraps'] as const).map((k) => [k, []]),
  ),
}) as AnnotatorSamples;

/** The annotator's own figures from one load (as its report has them). */
export function addAnnotatorReport(out: AnnotatorSamples, r: { annotatorMs: number; longestSliceMs?: number; phasesMs?: { collect: number; analyze: number; paint: number }; count?: number }): void {
  out.annotatorMs.push(r.annotatorMs);
  out.longestSliceMs.push(r.longestSliceMs ?? Number.NaN);
  if (r.phasesMs) out.phases.push(r.phasesMs);
  out.flagged.push(r.count ?? Number.NaN);
}

/** The twin load without us: the floor and, where it ran, mark.js. */
export function addBaselineLoad(out: AnnotatorSamples, floor: { ms: number; nodes: number; chars: number }, mark: { ms: number; wraps: number } | undefined): void {
  out.floorMs.push(floor.ms);
  out.nodes = floor.nodes;
  out.chars = floor.chars;
  if (mark) {
    out.markjsMs.push(mark.ms);
    out.markjsWraps.push(mark.wraps);
  }
}

export const newStormSamples = (page: string, storm: { perSecond: number; seconds: number }): StormSamples => ({
  page,
  changesPerSecond: storm.perSecond,
  seconds: storm.seconds,
  ourCpuMs: [],
  ourScriptMs: [],
  rescans: [],
  selfReportedMs: [],
  gapOnMs: [],
  gapOffMs: [],
  heapAddedBytes: [],
});

export type Bundle = { name: string; file: string; raw: number; gzip: number };

export type BenchRun = {
  browser: string;
  detector: DetectorSamples[];
  annotator: AnnotatorSamples[];
  storm?: StormSamples;
  bundles: Bundle[];
};

export const median = (xs: readonly number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The median of per-load ratios (a load pair shares the machine's momentary speed). */
export const ratioMedian = (num: readonly number[], den: readonly number[]): number =>
  median(num.map((n, i) => (den[i] && den[i]! > 0 ? n / den[i]! : Number.NaN)));

const r2 = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

/** The one JSON object `--json` prints last: the fields issue 12 names, then the rest. */
export function summarize(run: BenchRun): Record<string, unknown> {
  const det = (page: string) => run.detector.find((d) => d.page === page);
  const ann = (key: string) => run.annotator.find((a) => a.key === key);
  const typo = det('irrelevant-1mb-typographic.html');
  const nodes = ann('nodes');
  const article = ann('article');
  const big = ann('big');
  const m = (xs: number[] | undefined) => r2(median(xs ?? []));
  const ratio = (a: number[] | undefined, b: number[] | undefined) => r2(ratioMedian(a ?? [], b ?? []));
  const s = run.storm;
  return {
    browser: run.browser,
    textFloorMs: m(typo?.floorMs),
    detectorIrrelevantMs: m(typo?.detectorMs),
    walkFloorMs: m(nodes?.floorMs),
    annotatorMs: m(nodes?.annotatorMs),
    markjsMs: m(nodes?.markjsMs),
    longestTaskMs: m(nodes?.longestTaskMs),
    articleAnnotatorMs: m(article?.annotatorMs),
    articleMarkjsMs: m(article?.markjsMs),
    bigPageLongestTaskMs: m(big?.longestTaskMs),
    ratios: {
      detectorToFloor: Object.fromEntries(run.detector.map((d) => [d.page, ratio(d.detectorMs, d.floorMs)])),
      annotatorToFloor: Object.fromEntries(run.annotator.map((a) => [a.key, ratio(a.annotatorMs, a.floorMs)])),
      markjsToAnnotator: Object.fromEntries(run.annotator.map((a) => [a.key, ratio(a.markjsMs, a.annotatorMs)])),
    },
    detector: run.detector.map((d) => ({
      page: d.page,
      nodes: d.nodes,
      chars: d.chars,
      detectorMs: m(d.detectorMs),
      floorMs: m(d.floorMs),
      longestSliceMs: m(d.longestSliceMs),
      slices: m(d.slices),
      hit: d.hits.some(Boolean),
    })),
    annotator: run.annotator.map((a) => ({
      page: a.key,
      nodes: a.nodes,
      chars: a.chars,
      floorMs: m(a.floorMs),
      annotatorMs: m(a.annotatorMs),
      ourTaskMs: m(a.ourTaskMs),
      collectMs: m(a.phases.map((p) => p.collect)),
      analyzeMs: m(a.phases.map((p) => p.analyze)),
      paintMs: m(a.phases.map((p) => p.paint)),
      longestSliceMs: m(a.longestSliceMs),
      longestTaskMs: m(a.longestTaskMs),
      pageLongestTaskMs: m(a.pageLongestTaskMs),
      heapAddedBytes: m(a.heapAddedBytes),
      heapPerTextChar: r2(median(a.heapAddedBytes) / a.chars),
      flagged: m(a.flagged),
      markjsMs: m(a.markjsMs),
      markjsWraps: m(a.markjsWraps),
    })),
    ...(s
      ? {
          storm: {
            page: s.page,
            changesPerSecond: s.changesPerSecond,
            seconds: s.seconds,
            ourCpuMs: m(s.ourCpuMs),
            ourScriptMs: m(s.ourScriptMs),
            rescans: m(s.rescans),
            selfReportedMs: m(s.selfReportedMs),
            gapOnMs: m(s.gapOnMs),
            gapOffMs: m(s.gapOffMs),
            gapRatio: ratio(s.gapOnMs, s.gapOffMs),
            heapAddedBytes: m(s.heapAddedBytes),
          },
        }
      : {}),
    bundles: Object.fromEntries(run.bundles.map((b) => [b.name, { raw: b.raw, gzip: b.gzip }])),
  };
}

export type Aim = { aim: string; met: boolean | undefined; detail: string };

const n1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
/** Met, missed, or unknown (no figure: not measurable in this browser). */
const check = (value: number, test: (v: number) => boolean): boolean | undefined => (Number.isFinite(value) ? test(value) : undefined);
const all = (checks: Array<boolean | undefined>) => (checks.length && checks.every((c) => c !== undefined) ? checks.every(Boolean) : undefined);

/** Issue 12's aims, each met or not, with the numbers it was judged on. */
export function aims(run: BenchRun): Aim[] {
  const out: Aim[] = [];
  const ann = (key: string) => run.annotator.find((a) => a.key === key);
  const detRatios = run.detector.map((d) => ratioMedian(d.detectorMs, d.floorMs));
  const detSlices = run.detector.map((d) => median(d.longestSliceMs));
  const detBundle = run.bundles.find((b) => b.name === 'detector');
  out.push({
    aim: 'detector ≤ 2× the cold floor on every irrelevant page',
    met: all(detRatios.map((r) => check(r, (v) => v <= 2))),
    detail: run.detector.map((d, i) => `${d.page.replace(/\.html$/, '')} ${n1(detRatios[i]!)}×`).join(', '),
  });
  out.push({ aim: 'detector slices ≤ 4 ms', met: all(detSlices.map((s) => check(s, (v) => v <= 4))), detail: `longest ${n1(Math.max(...detSlices))} ms` });
  out.push({ aim: 'detector bundle ≤ 8 kB raw', met: detBundle ? detBundle.raw <= 8_000 : undefined, detail: detBundle ? `${detBundle.raw} B` : 'n/a' });
  const nodes = ann('nodes');
  if (nodes) {
    const toFloor = ratioMedian(nodes.annotatorMs, nodes.floorMs);
    const toMark = ratioMedian(nodes.markjsMs, nodes.annotatorMs);
    out.push({ aim: 'annotator ≤ 3× the walk floor on the 100k-node page', met: check(toFloor, (v) => v <= 3), detail: `${n1(toFloor)}× (${n1(median(nodes.annotatorMs))} ms ÷ ${n1(median(nodes.floorMs))} ms)` });
    out.push({ aim: 'annotator ≥ 20× cheaper than mark.js on the 100k-node page', met: check(toMark, (v) => v >= 20), detail: `mark.js ${n1(toMark)}× ours (${n1(median(nodes.markjsMs))} ms)` });
  }
  const article = ann('article');
  if (article) {
    const toMark = ratioMedian(article.annotatorMs, article.markjsMs);
    out.push({ aim: 'on the 5,000-word article, no more than mark.js', met: check(toMark, (v) => v <= 1), detail: `ours ${n1(median(article.annotatorMs))} ms vs mark.js ${n1(median(article.markjsMs))} ms: ${n1(toMark)}×` });
    out.push({ aim: 'on the 5,000-word article, longest slice ≤ 16 ms', met: check(median(article.longestSliceMs), (v) => v <= 16), detail: `${n1(median(article.longestSliceMs))} ms` });
  }
  const tasks = run.annotator.map((a) => median(a.longestTaskMs));
  const slices = run.annotator.map((a) => median(a.longestSliceMs));
  if (run.annotator.length && tasks.some((t) => Number.isFinite(t))) {
    out.push({
      aim: 'no long task (> 50 ms) while we work, injection included, on any page',
      met: all(tasks.map((t) => check(t, (v) => v <= 50))),
      detail: run.annotator.map((a, i) => `${a.key} ${n1(tasks[i]!)} ms (page alone ${n1(median(a.pageLongestTaskMs))})`).join(', '),
    });
  }
  if (run.annotator.length) {
    out.push({
      aim: 'our own slices ≤ 50 ms on any page',
      met: all(slices.map((s) => check(s, (v) => v <= 50))),
      detail: run.annotator.map((a, i) => `${a.key} ${n1(slices[i]!)} ms`).join(', '),
    });
  }
  const s = run.storm;
  if (s) {
    const cpu = median(s.ourCpuMs);
    const gap = ratioMedian(s.gapOnMs, s.gapOffMs);
    out.push({
      aim: `mutation storm: our CPU ≤ 0.5 s over ${s.seconds} s`,
      met: check(cpu, (v) => v <= 500),
      detail: `${n1(cpu)} ms of main-thread time, of which script ${n1(median(s.ourScriptMs))} ms; ${n1(median(s.rescans))} rescans (self-reported ${n1(median(s.selfReportedMs))} ms)`,
    });
    out.push({ aim: "mutation storm: the page's longest gap ≤ 2× without us", met: check(gap, (v) => v <= 2), detail: `${n1(median(s.gapOnMs))} ms vs ${n1(median(s.gapOffMs))} ms: ${n1(gap)}×` });
  }
  return out;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number, digits = 1) => (Number.isFinite(n) ? `${n.toFixed(digits)} ms` : 'n/a');
const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}×` : 'n/a');
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} kB` : 'n/a');

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The whole printed report: tables of medians and ratios, then the aims. */
export function render(run: BenchRun, loads: { detector: number; annotator: number; storm: number }): string {
  const out: string[] = [];
  out.push(`Treasury Lens benchmark — ${run.browser}; medians of several loads, ratios per load pair.`);
  out.push('');
  out.push(`(a) detector on irrelevant pages (${loads.detector} loads; floor = one cold bare TreeWalker pass in a fresh isolated world or sandbox, without the extension)`);
  out.push(
    table(
      ['page', 'text nodes', 'chars', 'floor', 'detector', '÷ floor', 'slices', 'longest slice', 'hit'],
      run.detector.map((d) => [
        d.page,
        int(d.nodes),
        int(d.chars),
        ms(median(d.floorMs), 2),
        ms(median(d.detectorMs), 2),
        x(ratioMedian(d.detectorMs, d.floorMs)),
        int(median(d.slices)),
        ms(median(d.longestSliceMs), 2),
        [...new Set(d.hits)].join(', '),
      ]),
    ),
  );
  out.push('');
  out.push(`(b) annotator to final highlights, and mark.js on the same page (${loads.annotator} loads)`);
  out.push(
    table(
      ['page', 'text nodes', 'chars', 'floor', 'annotator', '÷ floor', 'walk / engine / paint', 'flagged', 'mark.js', 'wraps', 'mark.js ÷ ours'],
      run.annotator.map((a) => [
        a.name,
        int(a.nodes),
        int(a.chars),
        ms(median(a.floorMs)),
        ms(median(a.annotatorMs)),
        x(ratioMedian(a.annotatorMs, a.floorMs)),
        a.phases.length
          ? `${median(a.phases.map((p) => p.collect)).toFixed(1)} / ${median(a.phases.map((p) => p.analyze)).toFixed(1)} / ${median(a.phases.map((p) => p.paint)).toFixed(1)}`
          : 'n/a',
        int(median(a.flagged)),
        ms(median(a.markjsMs)),
        int(median(a.markjsWraps)),
        x(ratioMedian(a.markjsMs, a.annotatorMs)),
      ]),
    ),
  );
  out.push('');
  out.push('(c) main thread and memory while we work');
  out.push(
    table(
      ['page', 'all our main-thread time (CDP)', 'longest slice (ours)', 'longest task', 'page alone', 'heap added', 'heap ÷ text chars'],
      run.annotator.map((a) => [
        a.name,
        ms(median(a.ourTaskMs)),
        ms(median(a.longestSliceMs)),
        a.longestTaskMs.length ? (median(a.longestTaskMs) > 0 ? ms(median(a.longestTaskMs)) : 'none') : 'n/a',
        a.pageLongestTaskMs.length ? (median(a.pageLongestTaskMs) > 0 ? ms(median(a.pageLongestTaskMs)) : 'none') : 'n/a',
        kb(median(a.heapAddedBytes)),
        Number.isFinite(median(a.heapAddedBytes)) ? `${(median(a.heapAddedBytes) / a.chars).toFixed(1)} B` : 'n/a',
      ]),
    ),
  );
  const s = run.storm;
  if (s) {
    out.push('');
    out.push(`(d) mutation storm: ${s.changesPerSecond.toLocaleString('en-US')} changes a second for ${s.seconds} s on the ${s.page} (${loads.storm} runs each way)`);
    out.push(
      table(
        ['our main-thread time', 'of it script', 'rescans', 'self-reported', 'longest gap with us', 'without us', 'ratio', 'heap added after GC'],
        [[ms(median(s.ourCpuMs), 0), ms(median(s.ourScriptMs), 0), int(median(s.rescans)), ms(median(s.selfReportedMs), 0), ms(median(s.gapOnMs)), ms(median(s.gapOffMs)), x(ratioMedian(s.gapOnMs, s.gapOffMs)), kb(median(s.heapAddedBytes))]],
      ),
    );
  }
  if (run.bundles.length) {
    out.push('');
    out.push('(e) bundles (production build)');
    out.push(table(['bundle', 'file', 'raw', 'gzip -9'], run.bundles.map((b) => [b.name, b.file, `${b.raw.toLocaleString('en-US')} B`, `${b.gzip.toLocaleString('en-US')} B`])));
  }
  out.push('');
  out.push('(f) aims of issue 12');
  for (const a of aims(run)) out.push(`${a.met === undefined ? '  ?  ' : a.met ? ' met ' : 'MISS '} ${a.aim}: ${a.detail}`);
  return out.join('\n');
}
