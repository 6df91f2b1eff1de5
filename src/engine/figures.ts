/**
 * Decides what a money amount is the size of, from the clause it sits in: Japan's Treasury holdings,
 * Japan's reserves, China's holdings, or something else. One article often puts Japan's, China's and
 * the UK's figures in one sentence, or Japan's reserves next to its Treasuries, so the page's topic is
 * never enough: each amount gets the holder and the kind nearest to it.
 */
import type { Amount } from './amounts';
import { SERIES_SUBJECTS, SUBJECT_SERIES, type SubjectSeries, type VocabularyGroup } from '../data/kinds';
import { expression, hasTerm, termsIn, type Dataset } from './dataset';
import { addMonths, resolveYear, monthOf, statedMonths, parseMonth } from './months';
import type { Span } from './segment';
import type { FigureSubject } from './verdict';

/** Whose a figure is: a holder with a series, or another. */
type Holder = SubjectSeries['holder'] | 'other';
/** What a figure is: a kind with a series, or something that is no holding at all. */
type Kind = SubjectSeries['kind'] | 'not_holding';
export type Cue = { start: number; end: number; group: VocabularyGroup };

/** The subject whose series is of this kind and holder (src/data/kinds.ts); none is 'other'. */
function subjectOf(kind: Kind | undefined, holder: Holder | undefined): FigureSubject {
  return SERIES_SUBJECTS.find((s) => SUBJECT_SERIES[s].kind === kind && SUBJECT_SERIES[s].holder === holder) ?? 'other';
}

// Japan's finance minister by name ("Katsunobu Kato said the country's holdings…") names Japan as the holder.
const HOLDER_GROUPS: Partial<Record<VocabularyGroup, Holder>> = { japan: 'japan', kato_full: 'japan', china: 'china', other_holders: 'other', total_foreign: 'other' };
const KIND_GROUPS: Partial<Record<VocabularyGroup, Kind>> = { treasuries: 'treasuries', reserves: 'reserves', reserves_loose: 'reserves', reserve_parts: 'reserves', not_holding: 'not_holding', tic_source: 'treasuries' };

/** How far after an amount a kind word still describes it ("$1.13 trillion of U.S. Treasuries"). */
const KIND_RIGHT_REACH = 48;
// Between an amount and the card it is named as: a quotation mark, "Treasury", "bond" or "debt" at the most.
const CARD_RIGHT_AFTER = /^\s*(?:(?:US|U\.S\.)\s+)?(?:Treasury\s+|bond\s+|debt\s+)?["'“‘「]?$/i;
/** How far before an amount a kind word still describes it ("Treasury holdings stood at …"). */
const KIND_LEFT_REACH = 120;
/** Yen per dollar within which a yen figure can be a conversion of a dollar figure (2000–2026 range, padded). */
export const MIN_YEN_PER_DOLLAR = 70;
export const MAX_YEN_PER_DOLLAR = 170;

/** Whether yen ÷ dollars is an exchange rate the period has seen. */
export const plausibleYenPerDollar = (rate: number) => rate >= MIN_YEN_PER_DOLLAR && rate <= MAX_YEN_PER_DOLLAR;
/** How far a change word may stand from the amount it makes a change ("rose by some $4.9 billion"). */
const CHANGE_REACH = 16;
/** Below this an amount is a change or a part, not the size of a country's holdings or reserves (USD). */
const MIN_PLAUSIBLE_HOLDING = 1e11;
/** Above this no country's holdings or reserves have ever been (USD): "$36 trillion" is the U.S. debt. */
const MAX_PLAUSIBLE_HOLDING = 3e12;

// A holder named only to compare with ("more than China", "中国を上回る") is not the holder: the words are
// data/vocabulary.json's "compared_before", "compared_after" and "superlative"; English puts them before
// the holder, Japanese after it.
const COMPARED_BEFORE = expression((v) => new RegExp(`(?:${v.words('compared_before')}|${v.words('superlative', 'en')})\\s+(?:the\\s+)?$`, 'i'));
// 「外国勢で最大」「外国勢として最も多く」: the group the holder is compared within, not the holder.
const COMPARED_AFTER = expression((v) => new RegExp(`^(?:${v.words('compared_after')}|(?:として|で|の中で)?(?:${v.words('superlative', 'ja')}))`));
// 「日本の保有額を上回る」: what follows the holder ("holder_suffix") is read past before the comparison.
const HOLDER_SUFFIX = expression((v) => new RegExp(`^(?:${v.words('holder_suffix')})`));
const ATTACHED =
  /^(?:(?:'s|’s)?\s*(?:with|at|of|holding|holds|held|has|had|on)?|,\s*(?:which|that|who)\s+(?:held|holds|had|has|owned|owns))?\s*(?:about|some|roughly|nearly|around)?\s*(?:の|は|が)?$/;
// "rose $4.9 billion to …", "increased by $20 billion", "1兆ドルの増加": a change, not a level.
// Between a change word (data/vocabulary.json "change") and the amount: an approximator or an article at most.
const CHANGE_GAP = /^\s*(?:(?:about|some|nearly|roughly|almost|over|more than|less than|an?)\s+)?$/i;
// Between the amount and a "change_after" word: a space or の.
// (「466億ドルと大幅に買い増し」: と and an adverb of size may stand between.)
const CHANGE_AFTER_GAP = /^\s*(?:の|と(?:大幅に|小幅に|わずかに|さらに)?)?$/;
// The clause an amount sits in ends at these; a kind word beyond them describes the next clause's figure.
const CLAUSE_END = /[;；、。]|,\s|\s[—–]\s|\s(?:while|whereas|but|and its|and the)\s/g;
// "of which $943 billion", "うち証券は" (data/vocabulary.json "part_of"): a part of the figure before it,
// not a holding in its own right.
const PART_BEFORE = expression((v) => new RegExp(`(?:${v.words('part_of')})[^,.;、。]{0,12}$`, 'i'));
// Between a Japanese amount and the holder it modifies: 規模の, 程度の, の.
const MODIFIES_NEXT = /^(?:規模|程度|前後|台)?の$/;
/** How far after a yen amount a conversion word (data/vocabulary.json "conversion") still marks it. */
const CONVERSION_REACH = 30;
/** "The month before" next to a figure, in a sentence that dates another figure. */
const PREVIOUS_MONTH_BEFORE = /前月(?:末)?の\s*$|前月(?:末)?時点の?\s*$/;
const PREVIOUS_MONTH_AFTER = /^\s*(?:in\s+)?(?:(?:the\s+)?(?:previous|prior|preceding)\s+month|a\s+month\s+(?:earlier|before))/i;
/** What stands between a figure and the same figure in the other currency: "(¥163 trillion)", ", or about $430 billion", 「（約163兆円）」. */
const CONVERTS_PREVIOUS = /^[\s(（、,]*(?:or\s+)?(?:約|およそ|roughly\s+|about\s+|some\s+|around\s+)?$/;

type UsdFigure = { amount: Amount; subject: FigureSubject; asOf?: string };
/** Dollar figures, newest first, that a later yen figure may convert. */
const RECENT_USD = 3;
export type DocMemory = { holder?: Holder; kind?: Kind; recentUsd?: UsdFigure[] };

export type Classified = {
  subject: FigureSubject;
  asOf?: string;
  /** A year the clause gives without a month ("in 2021", 2021年). */
  asOfYear?: number;
  /** The clause calls the figure a peak or record. */
  historical?: 'peak';
  /** For a yen amount right after a dollar amount: the dollar amount it converts. */
  conversionOf?: Amount;
  /** The amount is a month's change in the holdings ("rose $4.9 billion", 前月比49億ドル増), not their size. */
  change?: true;
  reason: string;
};

/** Every holder and kind word in the text, once, in order; sentences take slices of it. */
export function allCues(ds: Dataset, text: string): Cue[] {
  const cues: Cue[] = [];
  for (const group of [...Object.keys(HOLDER_GROUPS), ...Object.keys(KIND_GROUPS)] as VocabularyGroup[]) {
    for (const t of termsIn(ds, group, text)) cues.push({ ...t, group });
  }
  for (const group of ['peak', 'change', 'change_after', 'conversion', 'card'] as const) for (const t of termsIn(ds, group, text)) cues.push({ ...t, group });
  return cues.sort((a, b) => a.start - b.start);
}

/** A sentence without amounts still moves the topic: "China's holdings fell." then "It holds …". */
export function observeSentence(ds: Dataset, text: string, cues: Cue[], sentence: Span, memory: DocMemory): void {
  for (const c of cues) {
    if (c.group in HOLDER_GROUPS && !isComparison(ds, text, c, sentence)) memory.holder = HOLDER_GROUPS[c.group];
    const kind = KIND_GROUPS[c.group];
    // "foreign securities, including U.S. government bonds": a kind named as a part of something else
    // does not become what the text is about.
    if (kind && kind !== 'not_holding' && !PART_BEFORE(ds).test(text.slice(Math.max(sentence.start, c.start - 24), c.start))) memory.kind = kind;
  }
}

function isComparison(ds: Dataset, text: string, cue: Cue, sentence: Span): boolean {
  const before = text.slice(Math.max(sentence.start, cue.start - 24), cue.start);
  const after = text.slice(cue.end, Math.min(sentence.end, cue.end + 8));
  return COMPARED_BEFORE(ds).test(before) || COMPARED_AFTER(ds).test(after.replace(HOLDER_SUFFIX(ds), ''));
}

/** The holder of an amount: the nearest holder named before it in its clause, else right after it. */
function holderOf(ds: Dataset, text: string, cues: Cue[], a: Amount, left: Span, right: Span, sentence: Span): Holder | undefined {
  // A compared holder still owns the amount attached to it: "ahead of China with $784.3 billion".
  const attached = (c: Cue) => c.end <= a.start && (a.boundStart ?? a.start) - c.end <= 24 && ATTACHED.test(text.slice(c.end, a.boundStart ?? a.start));
  const holders = cues.filter((c) => c.group in HOLDER_GROUPS && (!isComparison(ds, text, c, sentence) || attached(c)));
  // 「8000億ドル規模の中国」: a Japanese amount that modifies the holder right after it is that holder's.
  // (Compared or not: 「7843億ドルの中国を上回った」 still gives China's amount.)
  const modified = cues.find((c) => c.group in HOLDER_GROUPS && c.start >= a.end && MODIFIES_NEXT.test(text.slice(a.end, c.start)));
  if (modified) return HOLDER_GROUPS[modified.group];
  const before = holders.filter((c) => c.end <= a.start && c.start >= left.start);
  if (before.length) return HOLDER_GROUPS[before[before.length - 1]!.group];
  const after = holders.filter((c) => c.start >= a.end && c.end <= right.end);
  if (after.length) return HOLDER_GROUPS[after[0]!.group];
  const anyBefore = holders.filter((c) => c.end <= a.start);
  if (anyBefore.length) return HOLDER_GROUPS[anyBefore[anyBefore.length - 1]!.group];
  return undefined;
}

// An aside between dashes or in brackets: "Foreign securities — a category that includes U.S. Treasuries — rose to …".
const ASIDE = /\s[—–]\s[^—–]{1,200}?\s[—–]\s|\([^()]{1,200}\)|（[^（）]{1,200}）/g;

/** The asides before an amount: a kind word inside one describes the noun it comments on, not the amount. */
function asidesBefore(text: string, left: Span): Span[] {
  const out: Span[] = [];
  for (const m of text.slice(left.start, left.end).matchAll(ASIDE)) out.push({ start: left.start + m.index, end: left.start + m.index + m[0].length });
  return out;
}

/** The kind of an amount: the nearest kind word within reach (treasuries, reserves, or a non-holding noun). */
function kindOf(text: string, cues: Cue[], a: Amount, left: Span, right: Span): Kind | undefined {
  let best: { kind: Kind; d: number } | undefined;
  const asides = asidesBefore(text, left);
  for (const c of cues) {
    const kind = KIND_GROUPS[c.group];
    if (!kind) continue;
    if (asides.some((x) => c.start >= x.start && c.end <= x.end)) continue;
    let d: number;
    if (c.start >= a.end && c.start < right.end) d = c.start - a.end;
    else if (c.end <= a.start && c.end > left.start) d = (a.start - c.end) * (KIND_RIGHT_REACH / KIND_LEFT_REACH);
    else continue;
    if (c.start >= a.end && d > KIND_RIGHT_REACH) continue;
    if (c.end <= a.start && a.start - c.end > KIND_LEFT_REACH) continue;
    // A non-holding noun only decides when it sits right by the amount ("$1.1 trillion spending bill").
    if (kind === 'not_holding' && (c.start >= a.end ? c.start - a.end : a.start - c.end) > 24) continue;
    if (!best || d < best.d) best = { kind, d };
  }
  // "Japan's $1.1T 'Card'", "Japan's $1.27 trillion Treasury card": an amount named as the card is the holdings.
  if (!best && cues.some((c) => c.group === 'card' && c.start >= a.end && CARD_RIGHT_AFTER.test(text.slice(a.end, c.start)))) return 'treasuries';
  return best?.kind;
}

const YEAR = /(?<![\d.,$])((?:19|20)\d{2})(?![\d,]|年\d|年[０-９])/;

function statedYear(clause: string): number | undefined {
  const m = YEAR.exec(clause);
  return m ? Number(m[1]) : undefined;
}

function clauseEnd(text: string, from: number, to: number): number {
  CLAUSE_END.lastIndex = 0;
  const m = CLAUSE_END.exec(text.slice(from, to));
  return m ? from + m.index : to;
}

function clauseStart(text: string, from: number, to: number): number {
  let start = from;
  CLAUSE_END.lastIndex = 0;
  for (const m of text.slice(from, to).matchAll(CLAUSE_END)) start = from + m.index + m[0].length;
  return start;
}

function statedMonthFor(text: string, a: Amount, left: Span, right: Span, published: string | undefined, episodeYear: number): string | undefined {
  // A table cell's month is its column's or its header's.
  if (a.tableMonth) return monthOf(a.tableMonth.year ?? resolveYear(a.tableMonth.month, published, episodeYear), a.tableMonth.month);
  const gap = (at: number) => (at >= a.end ? at - a.end : a.start - at);
  // A month after the figure that describes what follows it ("…で、1月の1兆793億ドルから") is not the figure's.
  const months = statedMonths(text, left.start, right.end).filter((m) => m.at < a.start || (m.at >= a.end && !m.attributive));
  const near = months
    .filter((m) => m.strength === 'explicit' || Math.min(Math.abs(m.at - a.end), Math.abs(a.start - m.at)) <= 25)
    // Nearest by the gap between the words and the figure ("…in February, from $1,079.3 billion in January").
    .sort((x, y) => gap(x.at) - gap(y.at));
  const m = near[0];
  if (!m) return undefined;
  const year = m.year ?? resolveYear(m.month, published, episodeYear);
  return monthOf(year, m.month);
}

/**
 * 「6月の統計によると…1兆1479億ドルと、前月の1兆1350億ドルから」, "…, from $1,125.9 billion a month earlier": the
 * month before the one the sentence's last dated figure (`dated`), or else its last month named, is for.
 */
function previousMonthOf(text: string, a: Amount, amountStart: number, rightEnd: number, sentence: Span, dated: string | undefined, published: string | undefined, episodeYear: number): string | undefined {
  const said = PREVIOUS_MONTH_BEFORE.test(text.slice(Math.max(sentence.start, amountStart - 8), amountStart)) || PREVIOUS_MONTH_AFTER.test(text.slice(a.end, rightEnd));
  if (!said) return undefined;
  const named = dated ? undefined : statedMonths(text, sentence.start, amountStart).at(-1);
  const base = dated ?? (named ? monthOf(named.year ?? resolveYear(named.month, published, episodeYear), named.month) : undefined);
  return base ? addMonths(base, -1) : undefined;
}

export function classifyAmounts(
  ds: Dataset,
  text: string,
  sentence: Span,
  sentenceCues: Cue[],
  amounts: Amount[],
  memory: DocMemory,
  published: string | undefined,
  episodeDate: string,
): Classified[] {
  const cues = sentenceCues;
  const episodeYear = parseMonth(episodeDate.slice(0, 7)).year;
  const out: Classified[] = [];
  // A change ("rose $4.9 billion to …") does not end the clause that names what changed.
  let segmentStart = sentence.start;
  amounts.forEach((a, i) => {
    const prev = amounts[i - 1];
    const next = amounts[i + 1];
    const left: Span = { start: segmentStart, end: a.boundStart ?? a.start };
    segmentStart = a.end;
    // "1兆2700億ドル（約180兆円）の米国債": a bracketed conversion right after does not end the clause.
    const convertedNext = next && a.currency === 'USD' && next.currency === 'JPY' && /^[\s(（]*(?:約|およそ|about\s|roughly\s)?$/.test(text.slice(a.end, next.start));
    const following = convertedNext ? amounts[i + 2] : next;
    const rightEnd = following ? following.start : sentence.end;
    const right: Span = { start: a.end, end: clauseEnd(text, convertedNext ? next.end : a.end, rightEnd) };
    const clause: Span = { start: clauseStart(text, left.start, left.end), end: right.end };

    // A yen figure right after a dollar figure converts it: "$1.13 trillion (¥163 trillion)", "円換算で約163兆円".
    if (a.currency === 'JPY') {
      const between = prev?.currency === 'USD' ? text.slice(prev.end, a.start) : undefined;
      const bracketed = between !== undefined && CONVERTS_PREVIOUS.test(between);
      // The latest dollar figure the yen figure can convert at a rate the period has seen: "Japan held
      // $1,125.9bn, 12.8% of the $8.817tn held by all foreigners. That is roughly ¥162tn."
      const recent = memory.recentUsd ?? [];
      const last = recent.find((u) => plausibleYenPerDollar(a.value / u.amount.value)) ?? recent[0];
      // Yen per dollar implied by reading the yen figure as a conversion of that dollar figure.
      const rate = last ? a.value / last.amount.value : 0;
      const plausibleRate = plausibleYenPerDollar(rate);
      const sameSentence = last !== undefined && last.amount.start >= sentence.start;
      // "in yen terms", 円換算で, "or about ¥…": a yen figure that converts the dollar figure before it.
      const from = last ? Math.max(last.amount.end, sentence.start) : sentence.start;
      const cue = last !== undefined && cues.some((c) => c.group === 'conversion' && c.start >= from && c.start <= a.end + CONVERSION_REACH);
      const convertsLast = last && plausibleRate && (bracketed || sameSentence || cue);
      if (convertsLast) {
        out.push({ subject: last.subject, ...(last.asOf ? { asOf: last.asOf } : {}), conversionOf: last.amount, reason: 'conversion' });
        return;
      }
    }
    // A dollar figure right after a yen figure gives it in dollars ("¥62 trillion, or about $430 billion",
    // "¥249.8 trillion ($1.73 trillion)"): it is the size of what the yen figure is.
    const ofYen = a.currency === 'USD' && prev?.currency === 'JPY' && CONVERTS_PREVIOUS.test(text.slice(prev.end, a.start)) ? out[i - 1] : undefined;
    if (ofYen) {
      out.push({ subject: ofYen.subject, ...(ofYen.asOf ? { asOf: ofYen.asOf } : {}), reason: 'dollars_of_yen' });
      return;
    }
    if (PART_BEFORE(ds).test(text.slice(Math.max(sentence.start, left.end - 24), left.end))) {
      out.push({ subject: 'other', reason: 'part_of_previous' });
      return;
    }
    const amountStart = a.boundStart ?? a.start;
    const change =
      a.change ||
      cues.some((c) => c.group === 'change' && c.end <= amountStart && amountStart - c.end <= CHANGE_REACH && CHANGE_GAP.test(text.slice(c.end, amountStart))) ||
      cues.some((c) => c.group === 'change_after' && c.start >= a.end && c.start - a.end <= CHANGE_REACH && CHANGE_AFTER_GAP.test(text.slice(a.end, c.start)));
    if (change) segmentStart = left.start;
    const ownHolder = holderOf(ds, text, cues, a, left, right, sentence);
    const holder = ownHolder ?? memory.holder;
    let kind = kindOf(text, cues, a, left, right);
    const ownKind = Boolean(kind);
    if (!kind) {
      // No kind word within reach: the clause's only kind, else what the text was last about.
      const kinds = new Set(cues.filter((c) => c.start >= clause.start && c.end <= clause.end).map((c) => KIND_GROUPS[c.group]).filter((k) => k && k !== 'not_holding'));
      kind = kinds.size === 1 ? [...kinds][0] : memory.kind;
    }
    if (holder) memory.holder = holder;
    if (kind && kind !== 'not_holding') memory.kind = kind;
    if (change) {
      // A month's change in a country's Treasury holdings is judged against the series' own change. A change
      // names the holder or the holding in its own sentence ("Japan added $39.8 billion", "holdings of
      // Treasuries rose by…"): "tariffs could add $900 million in costs" in a Treasuries story is no change of them.
      // 前月比 says it is the series' own change; so does a level of the holdings just before it ("from $1,079.3
      // billion, up $46.6 billion").
      const named =
        ownKind ||
        ownHolder !== undefined ||
        cues.some((c) => KIND_GROUPS[c.group] === 'treasuries' || (c.group === 'change' && /[\p{Script=Han}]/u.test(text.slice(c.start, c.end)))) ||
        out.some((o) => o.subject !== 'other' && !o.change) ||
        // The holding itself, in a story about the holdings (「…保有残高を増やした」, "its holdings rose").
        (memory.kind === 'treasuries' && hasTerm(ds, 'holding', text.slice(sentence.start, sentence.end)));
      const of = kind === 'treasuries' && named ? subjectOf(kind, holder) : 'other';
      const asOf = of === 'other' ? undefined : statedMonthFor(text, a, left, { start: right.start, end: rightEnd }, published, episodeYear);
      out.push({ subject: of, ...(of !== 'other' ? { change: true as const } : {}), ...(asOf ? { asOf } : {}), reason: 'change' });
      return;
    }

    const subject = subjectOf(kind, holder);
    const usd = a.currency === 'USD' ? a.value : undefined;
    if (subject !== 'other' && usd !== undefined && (usd < MIN_PLAUSIBLE_HOLDING || usd > MAX_PLAUSIBLE_HOLDING)) {
      out.push({ subject: 'other', reason: 'implausible_size' });
      return;
    }
    const previous = subject === 'other' ? undefined : previousMonthOf(text, a, amountStart, rightEnd, sentence, out.findLast((o) => o.asOf && o.subject === subject)?.asOf, published, episodeYear);
    const asOf = subject === 'other' ? undefined : (previous ?? statedMonthFor(text, a, left, { start: right.start, end: rightEnd }, published, episodeYear));
    // "the peak was just over $1.3 trillion, in 2021": a historical figure, judged against that period.
    const clauseText = text.slice(clause.start, rightEnd);
    const asOfYear = subject === 'other' || asOf ? undefined : statedYear(clauseText);
    const peak = subject !== 'other' && cues.some((c) => c.group === 'peak' && c.start >= clause.start && c.end <= rightEnd);
    if (a.currency === 'USD') memory.recentUsd = [{ amount: a, subject, ...(asOf ? { asOf } : {}) }, ...(memory.recentUsd ?? [])].slice(0, RECENT_USD);
    out.push({
      subject,
      ...(asOf ? { asOf } : {}),
      ...(asOfYear ? { asOfYear } : {}),
      ...(peak ? { historical: 'peak' as const } : {}),
      reason: `${holder ?? 'no_holder'}+${kind ?? 'no_kind'}`,
    });
  });
  return out;
}
