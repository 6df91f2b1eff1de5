/**
 * Judges a figure against the dataset. The code knows how to compare a number with a series; the
 * dataset says what the series is. Nothing here names a fact.
 */
import type { EvidenceRef, HolderIdT } from '../data/schema';
import type { z } from 'zod';
import type { Amount, Bound } from './amounts';
import type { Dataset } from './dataset';
import { addMonths, parseMonth, type MonthStr } from './months';

export type { FigureSubject } from '../data/kinds';
import { EVENT_KIND_OF_REMARK, SERIES_BY_NAME, SUBJECT_SERIES, type FigureSeries, type FigureSubject } from '../data/kinds';
export type FigureStatus = 'consistent' | 'outdated' | 'off' | 'confusion' | 'conversion' | 'unchecked';
export type RefBasis = 'stated' | 'published' | 'episode';
export type Evidence = z.infer<typeof EvidenceRef>;

export type OfficialValue = { month: MonthStr; valueUsd: number; released?: string; sources: string[] };

export type FigureVerdict = {
  status: FigureStatus;
  /** Set when the figure and the official value are a month's change, not a level. */
  measure?: 'change';
  series: FigureSeries;
  refMonth: MonthStr;
  refBasis: RefBasis;
  /** The official value for the month the figure refers to. */
  official: OfficialValue;
  /** The official range over the months around refMonth, to show the reader. */
  range: { from: MonthStr; to: MonthStr; min: OfficialValue; max: OfficialValue };
  /** The month and published value the figure matches, when it matches one. */
  matched?: OfficialValue & { vintage: 'latest' | 'first_reported' | 'restated' | 'revised' };
  /** A known claim from data/claims.json this figure is an instance of. */
  claim?: string;
  /** For a yen amount: the dollar figure in the same sentence it converts. */
  conversionOf?: { start: number; end: number };
  notes: string[];
  evidence: Evidence[];
  sources: string[];
};

/** Months on each side of the reference month shown as the official range. */
export const RANGE_MONTHS = 2;
/** TIC publishes a month's holdings about seven weeks after it ends (mid-month, two months on). */
export const TIC_LAG_DAYS = 48;
/**
 * The earliest a month's TIC figures have come out (45–49 days after it ends in 2024–25): between this
 * and TIC_LAG_DAYS, a page may already quote the new month.
 */
export const TIC_EARLIEST_LAG_DAYS = 45;
/** The Ministry of Finance publishes month-end reserves within about a week. */
export const MOF_LAG_DAYS = 8;
/** Months on each side of the figure's month where another series' value is looked for (a known confusion). */
export const CONFUSION_MONTHS = 3;
/** "About"/"roughly" figures may be this far from the official value. */
export const ABOUT_TOLERANCE = 0.03;

type Point = { month: MonthStr; value: number; released?: string; sources: string[]; vintages: Array<{ value: number; kind: 'latest' | 'first_reported' | 'restated' | 'revised'; released: string; sources: string[] }> };

// Points are derived once per dataset: a page can hold dozens of figures.
const pointCache = new WeakMap<Dataset, Map<string, Point[]>>();
function cached(ds: Dataset, key: string, build: () => Point[]): Point[] {
  let byKey = pointCache.get(ds);
  if (!byKey) pointCache.set(ds, (byKey = new Map()));
  let points = byKey.get(key);
  if (!points) byKey.set(key, (points = build()));
  return points;
}

function holdingsPoints(ds: Dataset, holder: HolderIdT): Point[] {
  return cached(ds, holder, () => buildHoldingsPoints(ds, holder));
}

function buildHoldingsPoints(ds: Dataset, holder: HolderIdT): Point[] {
  return (ds.holdings.get(holder) ?? []).map((o) => ({
    month: o.month,
    value: o.value * 1e9,
    released: o.released,
    sources: o.sources,
    vintages: [
      { value: o.value * 1e9, kind: 'latest' as const, released: o.released, sources: o.sources },
      ...(o.earlier ?? []).map((v) => ({ value: v.value * 1e9, kind: v.kind, released: v.released, sources: v.sources })),
    ],
  }));
}

function reservePoints(ds: Dataset): Point[] {
  return cached(ds, 'reserves', () => buildReservePoints(ds));
}

function buildReservePoints(ds: Dataset): Point[] {
  return ds.reserves.map((o) => ({
    month: o.month,
    value: o.total * 1e6,
    sources: o.sources,
    vintages: [
      { value: o.total * 1e6, kind: 'latest' as const, released: '', sources: o.sources },
      ...(o.earlier ?? []).map((v) => ({ value: v.total * 1e6, kind: 'restated' as const, released: v.released, sources: v.sources })),
    ],
  }));
}

function endOfMonthPlus(month: MonthStr, days: number): string {
  const { year, month: m } = parseMonth(month);
  const end = new Date(Date.UTC(year, m, 0)); // day 0 of next month = last day of this month
  end.setUTCDate(end.getUTCDate() + days);
  return end.toISOString().slice(0, 10);
}

/** The latest month whose figure had been published by `date`. */
function latestPublishedBy(points: Point[], date: string, lagDays: number): Point | undefined {
  // Months ascend, so walk back from the newest; the answer is usually within a few steps.
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (p.month > date.slice(0, 7)) continue;
    if (endOfMonthPlus(p.month, lagDays) <= date) return p;
  }
  return undefined;
}

export function figureMatches(amount: Pick<Amount, 'value' | 'halfUnit' | 'bound'>, official: number, bound: Bound | undefined = amount.bound): boolean {
  const { value, halfUnit } = amount;
  const slack = halfUnit * 1.0001;
  switch (bound) {
    case 'over':
      return official >= value;
    case 'under':
      return official <= value;
    case 'nearly':
      return official <= value + slack && official >= value * 0.9;
    case 'about':
      return Math.abs(official - value) <= Math.max(slack, value * ABOUT_TOLERANCE);
    default:
      return Math.abs(official - value) <= slack;
  }
}

function matchPoint(amount: Pick<Amount, 'value' | 'halfUnit' | 'bound'>, p: Point) {
  return p.vintages.find((v) => figureMatches(amount, v.value));
}

/** Whether a point is within `n` months of `month`: months are YYYY-MM, so the strings order them. */
function withinMonths(month: MonthStr, n: number): (p: Point) => boolean {
  const from = addMonths(month, -n);
  const to = addMonths(month, n);
  return (p) => p.month >= from && p.month <= to;
}

function toOfficial(p: Point): OfficialValue {
  return { month: p.month, valueUsd: p.value, ...(p.released ? { released: p.released } : {}), sources: p.sources };
}

export type VerdictContext = {
  /** Month the text states the figure is for. */
  statedMonth?: MonthStr;
  /** Year the text states without a month. */
  statedYear?: number;
  /** The text calls the figure a peak or record. */
  historical?: 'peak';
  /** Publication date of the page, YYYY-MM-DD. */
  published?: string;
  /** The figure is a month's change, judged against the series' month-on-month change. */
  measure?: 'change';
};

/** The date the episode is judged at when a page gives neither a month nor a date: the first remark. */
export function episodeDate(ds: Dataset): string {
  const remark = ds.raw.events.events.find((e) => e.kind === EVENT_KIND_OF_REMARK.card_remark);
  return remark?.date ?? ds.raw.meta.compiledOn;
}

function peakPoint(ds: Dataset, series: FigureVerdict['series'], points: Point[]): Point | undefined {
  // The peaks are reference points of the TIC series (data/holdings.json).
  const { kind, holder } = SERIES_BY_NAME[series];
  if (kind !== 'treasuries') return undefined;
  const rp = ds.raw.holdings.referencePoints.find((r) => r.kind === 'peak' && r.series.includes(holder));
  return rp ? points.find((p) => p.month === rp.month) : undefined;
}

function seriesFor(subject: FigureSubject): FigureVerdict['series'] | undefined {
  return subject === 'other' ? undefined : SUBJECT_SERIES[subject].series;
}

/** Month-on-month changes of a series, as sizes (the text says whether it rose or fell). */
function changePoints(ds: Dataset, series: FigureVerdict['series'], points: Point[]): Point[] {
  return cached(ds, `change:${series}`, () =>
    points.slice(1).map((p, i) => {
      const prev = points[i]!;
      const value = Math.abs(p.value - prev.value);
      return { month: p.month, value, ...(p.released ? { released: p.released } : {}), sources: p.sources, vintages: [{ value, kind: 'latest' as const, released: p.released ?? '', sources: p.sources }] };
    }),
  );
}

function pointsFor(ds: Dataset, series: FigureVerdict['series'], measure?: 'change'): { points: Point[]; lag: number; earliestLag: number } {
  if (measure === 'change') {
    const levels = pointsFor(ds, series);
    return { ...levels, points: changePoints(ds, series, levels.points) };
  }
  const { kind, holder } = SERIES_BY_NAME[series];
  // Reserves are read from data/reserves.json (MOF), Treasuries from the holder's TIC series.
  if (kind === 'reserves') return { points: reservePoints(ds), lag: MOF_LAG_DAYS, earliestLag: MOF_LAG_DAYS };
  return { points: holdingsPoints(ds, holder), lag: TIC_LAG_DAYS, earliestLag: TIC_EARLIEST_LAG_DAYS };
}

function evidenceOf(series: FigureVerdict['series'], month: MonthStr): Evidence {
  const { kind, holder } = SERIES_BY_NAME[series];
  return kind === 'reserves' ? { type: 'reserves', month } : { type: 'holdings', series: holder, month };
}

export function judgeFigure(ds: Dataset, subject: FigureSubject, amount: Amount, ctx: VerdictContext): FigureVerdict | undefined {
  const series = seriesFor(subject);
  if (!series || amount.currency !== 'USD') return undefined;
  const { points, lag, earliestLag } = pointsFor(ds, series, ctx.measure);
  if (!points.length) return undefined;

  // 1. Which month the figure refers to.
  let refBasis: RefBasis;
  let ref: Point | undefined;
  const notes: string[] = [];
  // A peak is judged against the series' peak (a reference point in the data); a bare year against its months.
  const peakRef = ctx.historical === 'peak' ? peakPoint(ds, series, points) : undefined;
  const yearPoints = ctx.statedYear ? points.filter((p) => p.month.startsWith(`${ctx.statedYear}-`)) : [];
  const stated =
    (ctx.statedMonth ? points.find((p) => p.month === ctx.statedMonth) : undefined) ??
    (peakRef && matchPoint(amount, peakRef) ? peakRef : undefined) ??
    yearPoints.find((p) => matchPoint(amount, p)) ??
    yearPoints[yearPoints.length - 1];
  if (stated) {
    if (stated === peakRef) notes.push('historical_peak');
    else if (!ctx.statedMonth && ctx.statedYear) notes.push('stated_year');
    refBasis = 'stated';
    ref = stated;
  } else {
    if (ctx.statedMonth) notes.push('stated_month_not_in_data');
    refBasis = ctx.published ? 'published' : 'episode';
    ref = latestPublishedBy(points, ctx.published ?? episodeDate(ds), lag) ?? points[0];
    // Within the release window the newer month may be out already: a figure that matches it, and not
    // the month surely out, refers to it.
    const maybeOut = ctx.published ? latestPublishedBy(points, ctx.published, earliestLag) : undefined;
    if (ref && maybeOut && maybeOut.month > ref.month && !matchPoint(amount, ref) && matchPoint(amount, maybeOut)) {
      notes.push('release_window');
      ref = maybeOut;
    }
  }
  if (!ref) return undefined;
  if (amount.typo) notes.push(amount.typo.note);

  // 2. The range to show: the months around the reference month that were published by the page's date
  // (or by the remarks, for a page without one). The reference month itself always counts.
  const publishedBy = latestPublishedBy(points, ctx.published ?? episodeDate(ds), lag)?.month ?? ref.month;
  const inRange = withinMonths(ref.month, RANGE_MONTHS);
  const window = points.filter((p) => inRange(p) && (p.month <= publishedBy || p === ref));
  const min = window.reduce((a, b) => (b.value < a.value ? b : a));
  const max = window.reduce((a, b) => (b.value > a.value ? b : a));
  const base = {
    series,
    ...(ctx.measure ? { measure: ctx.measure } : {}),
    refMonth: ref.month,
    refBasis,
    official: toOfficial(ref),
    range: { from: window[0]!.month, to: window[window.length - 1]!.month, min: toOfficial(min), max: toOfficial(max) },
    notes,
  };
  const evidence: Evidence[] = [evidenceOf(series, ref.month)];
  const sources = new Set<string>(ref.sources);
  const done = (status: FigureStatus, extra: Partial<FigureVerdict> = {}): FigureVerdict => ({
    ...base,
    status,
    ...extra,
    evidence: [...evidence, ...(extra.evidence ?? [])],
    sources: [...sources, ...(extra.sources ?? [])].filter((s, i, all) => all.indexOf(s) === i),
  });

  // 3. Matches the month it refers to (any published vintage of it).
  const hit = matchPoint(amount, ref);
  if (hit) {
    if (hit.kind !== 'latest') notes.push(`matches_${hit.kind}`);
    return done('consistent', { matched: { ...toOfficial(ref), valueUsd: hit.value, vintage: hit.kind, ...(hit.released ? { released: hit.released } : {}) } });
  }

  // 4. A known confusion (data/claims.json): the figure is really another series' value. Only a point
  // figure can be that ("over $1.3 trillion" is satisfied by many things); checked around the month the
  // figure refers to and at the months the claim itself cites (a later story quoting the 2025 claim).
  for (const claim of amount.bound === 'over' || amount.bound === 'under' || amount.bound === 'nearly' || ctx.measure ? [] : ds.claims) {
    const d = claim.detect;
    if (d?.type !== 'figure_confusion' || d.subject !== subject) continue;
    const other = pointsFor(ds, d.matchesSeries).points;
    const cited = new Set(claim.evidence.flatMap((e) => (e.type === 'reserves' || e.type === 'holdings' ? [e.month] : [])));
    const around = withinMonths(ref.month, CONFUSION_MONTHS);
    const near = other.filter((p) => around(p) || cited.has(p.month));
    // Strictly: an "about" figure near another series is not enough to call it a confusion.
    const strict = { value: amount.value, halfUnit: amount.halfUnit, bound: amount.bound === 'about' ? undefined : amount.bound };
    const m = near.find((p) => matchPoint(strict, p));
    if (m) {
      sources.add(claim.sources[0]!);
      return done('confusion', {
        claim: claim.id,
        matched: { ...toOfficial(m), vintage: 'latest' },
        evidence: [evidenceOf(d.matchesSeries, m.month)],
        sources: [...m.sources, ...claim.sources],
      });
    }
  }

  // 5. An older month: outdated. A later month is only possible when the page's date is unknown.
  const earlier = points.filter((p) => p.month < ref.month).reverse();
  const older = earlier.find((p) => matchPoint(amount, p));
  if (older) return done('outdated', { matched: { ...toOfficial(older), vintage: 'latest' }, evidence: [evidenceOf(series, older.month)], sources: older.sources });
  if (refBasis === 'episode') {
    const later = points.find((p) => p.month > ref.month && matchPoint(amount, p));
    if (later) {
      notes.push('matches_later_month');
      return done('consistent', { matched: { ...toOfficial(later), vintage: 'latest' }, evidence: [evidenceOf(series, later.month)], sources: later.sources });
    }
  }
  return done('off');
}

/** A yen amount: judged through the dollar figure it converts, else shown against the series unchecked. */
export function judgeYen(dollar: FigureVerdict | undefined, conversionOf: { start: number; end: number } | undefined): FigureVerdict | undefined {
  if (!dollar) return undefined;
  if (conversionOf) return { ...dollar, status: 'conversion', conversionOf, notes: [...dollar.notes] };
  return { ...dollar, status: 'unchecked', notes: [...dollar.notes, 'yen_without_dollar_figure'] };
}

/**
 * The status a reader should see: a yen conversion takes the status of the dollar figure it converts
 * (a conversion of the "$1.27 trillion" confusion is a confusion too).
 */
export function effectiveStatus(v: FigureVerdict): Exclude<FigureStatus, 'conversion'> {
  if (v.status !== 'conversion') return v.status;
  if (v.claim) return 'confusion';
  if (v.matched) return v.matched.month < v.refMonth ? 'outdated' : 'consistent';
  return 'off';
}
