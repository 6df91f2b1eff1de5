/**
 * The engine's one entry point: text in, mentions out. Pure and DOM-free; the content script, the
 * `scan` command and the tests all call this.
 */
import { findAmounts, type Amount, type Bound } from './amounts';
import type { VocabularyGroup } from '../data/kinds';
import { expression, termsIn, type Dataset } from './dataset';
import { TERM_FLAGS } from './terms';
import { allCues, classifyAmounts, observeSentence, plausibleYenPerDollar, type Cue, type DocMemory } from './figures';
import { spelledAmounts } from './spelled';
import { EVENT_KIND_OF_REMARK, type RemarkKind } from '../data/kinds';
import { negatedTerm, PLACE_OF_REMARK, type AttributionCue } from './attribution';
import { attachClaimsSteps } from './claims';
import { judgeRemark, type RemarkVerdict } from './remark-verdict';
import { classifyRemark, docRemarkContextSteps, newRemarkState, type RemarkFinding } from './remarks';
import { splitBlocks, splitSentences, type Span } from './segment';
import { episodeDate, judgeFigure, judgeYen, type FigureSubject, type FigureVerdict } from './verdict';

export type AnalyzeContext = {
  /** The page's language (BCP 47), if known. */
  lang?: string;
  /** Publication date, YYYY-MM-DD (a full ISO timestamp is read as the day it was in Tokyo). */
  published?: string;
  /** A developer's trace: told, for each candidate sentence not taken as a remark, where it starts and why. */
  trace?: (at: number, why: string) => void;
};

export type FigureMention = {
  kind: 'figure';
  start: number;
  end: number;
  text: string;
  subject: FigureSubject;
  /** Whether the page layer highlights it (only figures about this episode are highlighted). */
  flagged: boolean;
  valueUsd?: number;
  valueJpy?: number;
  bound?: Bound;
  asOf?: string;
  typo?: { written: number; note: string };
  /** Known claims (data/claims.json) the sentence makes about this figure. */
  claims?: string[];
  /** A month's change in the holdings, not their size. */
  change?: true;
  verdict?: FigureVerdict;
};

export type RemarkMention = {
  kind: 'remark';
  start: number;
  end: number;
  text: string;
  /** The statement the sentence (or this part of it) reports: the engine's best reading. */
  remark: RemarkKind;
  /** The evidence is too even to name one statement: the card shows both, with their dates. */
  unsure: boolean;
  /** The other statement it may report, when unsure. */
  alternative?: RemarkKind;
  /** Why: the markers that decided, strongest first (when, where, speech act, quote, content, frame). */
  cues: Array<Pick<AttributionCue, 'type' | 'remark' | 'text'>>;
  /** The statement checked against the record: on record, not in the record, misdated, the false threat claim. */
  verdict: RemarkVerdict;
  /** Highlighted: a statement of the May episode. The April dismissal alone is context, not flagged. */
  flagged: boolean;
  /** Events in data/events.json this sentence reports. */
  events: string[];
  /** The later clarification of the reported event, when there is one. */
  clarifiedBy?: string;
  /** Known claims (data/claims.json) the sentence repeats, e.g. that Japan threatened to sell. */
  claims: string[];
  /**
   * The reporting phrase, [start, end) of the page text: the words that say which statement this is (its
   * speech act, day or place). The page makes only this part respond to the pointer.
   */
  phrase: { start: number; end: number };
};

export type Mention = FigureMention | RemarkMention;

// Sentences without any of these cannot report a remark; skips the classifier on most sentences.
const REMARK_CUE_GROUPS: readonly VocabularyGroup[] = ['kato', 'kato_bare', 'finance_office', 'card', 'threat', 'clarification', 'dismissal', 'stance', ...Object.values(PLACE_OF_REMARK)];
const PRONOUN_OR_QUOTE = /\b(?:he|his|the minister)\b|」|[“”"]/i;
const remarkCue = expression((v) => new RegExp(`${v.terms(...REMARK_CUE_GROUPS)}|${PRONOUN_OR_QUOTE.source}`, TERM_FLAGS));

/** The statements were made in Tokyo time (UTC+9); a page's timestamp is read as the day it was there. */
const STATEMENT_UTC_OFFSET_HOURS = 9;

/**
 * The page's date, YYYY-MM-DD. A full timestamp with its zone ("2025-05-01T22:00-04:00") is read as the
 * day it was in Tokyo, where the statements were made: 22:00 in New York on 1 May was already 2 May there.
 */
function normalizeDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(d)) {
    const t = Date.parse(d);
    if (!Number.isNaN(t)) return new Date(t + STATEMENT_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(d);
  return m ? m[1] : undefined;
}

/** Texts up to this size are read as one window; larger ones (a 100k-node page) only around their cues. */
export const WHOLE_TEXT_CHARS = 200_000;
/** Blocks of context kept on each side of a candidate block ("It holds $1.13 trillion" needs the line before). */
export const WINDOW_NEIGHBOUR_BLOCKS = 4;
/**
 * Sentences analysed between two yields of analyzeSteps. One: the first sentences of a page also pay for
 * compiling the engine's expressions and code (about 40 ms in all, spread over its parts), so coarser
 * steps make one long task on the first page a reader opens; a yield costs well under a microsecond.
 */
export const SENTENCES_PER_STEP = 1;

export function analyze(ds: Dataset, text: string, ctx: AnalyzeContext = {}): Mention[] {
  const steps = analyzeSteps(ds, text, ctx);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Characters that show as nothing: zero-width spaces and joiners, the word joiner, the byte-order mark and
 * the soft hyphen. Pages put them inside words and numbers ("$1.\u200b13 trillion"); a reader sees no gap.
 */
const INVISIBLE: ReadonlySet<string> = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);
/** One native search per character: far faster than a character class over a megabyte page that has none. */
const hasInvisible = (text: string) => [...INVISIBLE].some((c) => text.includes(c));

/** The text without its invisible characters, and where each of its offsets was in the original. */
function withoutInvisible(text: string): { clean: string; original: (offset: number) => number } {
  const kept: number[] = [];
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (INVISIBLE.has(c)) continue;
    kept.push(i);
    clean += c;
  }
  kept.push(text.length);
  return { clean, original: (offset) => kept[offset] ?? text.length };
}

/** A mention found in the cleaned text, with its offsets put back on the original text. */
function restoreOffsets(m: Mention, original: (offset: number) => number): Mention {
  const span = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: original(s.start), end: original(s.end - 1) + 1 });
  if (m.kind === 'remark') return { ...span(m), phrase: span(m.phrase) };
  return { ...span(m), ...(m.verdict?.conversionOf ? { verdict: { ...m.verdict, conversionOf: span(m.verdict.conversionOf) } } : {}) };
}

/**
 * The same analysis in steps: yields between groups of sentences so a caller on the page's main thread
 * can give the page a turn (the content script slices its work by time). Invisible characters are read
 * past; the mentions' offsets are the original text's.
 */
export function* analyzeSteps(ds: Dataset, text: string, ctx: AnalyzeContext = {}): Generator<void, Mention[], void> {
  if (!hasInvisible(text)) return yield* analyzeVisible(ds, text, ctx);
  const { clean, original } = withoutInvisible(text);
  const found = yield* analyzeVisible(ds, clean, ctx);
  return found.map((m) => restoreOffsets(m, original));
}

function* analyzeVisible(ds: Dataset, text: string, ctx: AnalyzeContext): Generator<void, Mention[], void> {
  if (!text) return [];
  let windows: Span[];
  if (text.length <= WHOLE_TEXT_CHARS) {
    if (!hasTriggerQuick(ds, text) || !ds.trigger.test(text)) return [];
    windows = [{ start: 0, end: text.length }];
  } else {
    const found = yield* candidateWindowSteps(ds, text);
    if (!found) return [];
    windows = found;
  }
  const published = normalizeDate(ctx.published);
  const episode = episodeDate(ds);
  // What the page is about is read from the windows only: every cue that matters lies inside one.
  const framed = windows.length === 1 ? text : windows.map((w) => text.slice(w.start, w.end)).join('\n');
  if (windows.length > 1) yield;
  const doc = yield* docRemarkContextSteps(ds, framed, published);
  yield;
  const memory: DocMemory = {};
  const remarkState = newRemarkState();
  const cue = remarkCue(ds);
  const figures: FigureMention[] = [];
  const remarks: RemarkMention[] = [];
  // Dollar figures by offset: a yen conversion may sit in the next sentence ("円換算では約163兆円").
  const byStart = new Map<number, FigureMention>();
  let blockIndex = -1;
  let sentencesSinceYield = 0;

  for (const w of windows) {
    // No money sign or currency word (data/vocabulary.json "currency"), no amount.
    const allAmounts = ds.quick.get('currency')!.test(text.slice(w.start, w.end)) ? findAmounts(ds, text.slice(w.start, w.end)).map((a) => shift(a, w.start)) : [];
    yield;
    const cues = allAmounts.length ? allCues(ds, text.slice(w.start, w.end)).map((c) => ({ ...c, start: c.start + w.start, end: c.end + w.start })) : [];
    yield;
    let ai = 0;
    let ci = 0;
    for (const block of splitBlocks(text.slice(w.start, w.end))) {
      blockIndex++;
      for (const rel of splitSentences(text, { start: block.start + w.start, end: block.end + w.start })) {
        const s = rel;
        while (ai < allAmounts.length && allAmounts[ai]!.start < s.start) ai++;
        const inSentence: Amount[] = [];
        for (let j = ai; j < allAmounts.length && allAmounts[j]!.end <= s.end; j++) inSentence.push(allAmounts[j]!);
        const sentenceText = text.slice(s.start, s.end);
        const spelled = spelledAmounts(sentenceText, s.start, inSentence);
        if (spelled.length) {
          inSentence.push(...spelled);
          inSentence.sort((a, b) => a.start - b.start);
        }
        while (ci < cues.length && cues[ci]!.start < s.start) ci++;
        let cj = ci;
        while (cj < cues.length && cues[cj]!.end <= s.end) cj++;
        const sentenceCues = cues.slice(ci, cj);
        if (inSentence.length) {
          figures.push(...judgeSentence(ds, text, s, sentenceCues, inSentence, memory, published, episode, byStart));
          yield;
        } else observeSentence(ds, text, sentenceCues, s, memory);
        if (cue.test(sentenceText)) {
          if (ctx.trace) remarkState.trace = (why) => ctx.trace!(s.start, why);
          for (const f of classifyRemark(ds, text, s, blockIndex, doc, remarkState, published)) remarks.push(remarkMention(ds, text, f));
        }
        if (++sentencesSinceYield >= SENTENCES_PER_STEP) {
          sentencesSinceYield = 0;
          yield;
        }
      }
    }
  }

  // Reserves figures matter on pages about the holdings episode, not in a plain reserves report.
  // The April dismissal on its own (a page that never reports either May statement) is not the episode.
  const mayStatement = remarks.some((r) => r.remark !== 'earlier_dismissal' || r.alternative);
  for (const r of remarks) r.flagged = mayStatement;
  const episodePage = mayStatement || figures.some((f) => f.subject === 'japan_treasury_holdings' && f.flagged);
  for (const f of figures) if (f.subject === 'japan_fx_reserves') f.flagged = episodePage && f.verdict !== undefined;

  harmonizeVerdicts(figures);
  const mentions = [...figures, ...remarks].sort((a, b) => a.start - b.start || a.end - b.end);
  if (episodePage) yield* attachClaimsSteps(ds, text, windows, mentions);
  return mentions;
}

/**
 * The same figure for the same thing on one page is one claim and gets one verdict ("estimated at over
 * $1.27 trillion" early, "Japan's $1.27 trillion in Treasuries" later). A known confusion wins (the page
 * states another series' value as this one), then a verdict read against a month the page states, then
 * the first. Yen conversions follow their dollar figure and are left alone.
 */
function harmonizeVerdicts(figures: FigureMention[]): void {
  const groups = new Map<string, FigureMention[]>();
  for (const f of figures) {
    if (!f.verdict || f.valueUsd === undefined || f.change) continue;
    const key = `${f.subject}|${f.valueUsd}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const group of groups.values()) {
    if (new Set(group.map((f) => f.verdict!.status)).size < 2) continue;
    const lead = group.find((f) => f.verdict!.status === 'confusion') ?? group.find((f) => f.verdict!.refBasis === 'stated') ?? group[0]!;
    for (const f of group) {
      if (f === lead) continue;
      f.verdict = { ...lead.verdict!, notes: [...lead.verdict!.notes, 'same_figure_on_page'] };
      if (lead.claims) f.claims = [...lead.claims];
      else delete f.claims;
    }
  }
}

function shift(a: Amount, by: number): Amount {
  return { ...a, start: a.start + by, end: a.end + by, ...(a.boundStart !== undefined ? { boundStart: a.boundStart + by } : {}) };
}

/** Characters scanned for cues between two yields on a huge page (about a millisecond of regex work). */
export const CUE_SCAN_CHUNK_CHARS = 100_000;
/** Longest cue we look for; chunks overlap by this much so none is cut in two. */
const CUE_OVERLAP_CHARS = 64;

const quickTrigger = expression((v) => new RegExp(v.words(v.trigger), 'i'));

// Boundary-free and without the u flag: several times faster, and a cue too many only widens a window.
// An amount's cue: a money sign before a digit, a digit before a scale word.
const hotCue = expression(
  (v) => new RegExp(`${v.words([...v.trigger, ...REMARK_CUE_GROUPS])}|(?:${v.words('currency', 'en')})\\s?[0-9０-９]|[0-9０-９](?:兆|億)|[0-9]\\s(?:trillion|billion)`, 'gi'),
);

/** Whether a text has a trigger word (boundary-free pre-test: a "no" is final). */
export function hasTriggerQuick(ds: Dataset, text: string): boolean {
  return ds.anchors.some((anchor) => anchor.test(text)) && quickTrigger(ds).test(text);
}

/** Whether a piece of text has any cue the engine could start from (cheap; used to skip page regions). */
export function hasCue(ds: Dataset, text: string): boolean {
  const re = hotCue(ds);
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

// Besides the trigger: money, and Kato or his office. Money signs touch their digits, so no boundaries there.
const MAY_MATTER_GROUPS = ['kato', 'kato_bare', 'finance_office', 'finance_ministry'] as const satisfies readonly VocabularyGroup[];
const mayMatterWords = expression((v) => new RegExp(`${v.words('currency')}|${v.terms(...MAY_MATTER_GROUPS)}`, TERM_FLAGS));

/**
 * Whether text newly added to a page could hold a mention, so that the page is worth reading again: it has
 * a trigger word, a money sign or currency word, or a word for Kato or the finance minister (all from
 * data/vocabulary.json). A "no" is final; a "yes" only means the engine should look.
 */
export function mayMatter(ds: Dataset, text: string): boolean {
  return ds.trigger.test(text) || mayMatterWords(ds).test(text);
}

/**
 * Windows of a huge text worth reading: the lines around every cue (a trigger word, an amount, a remark
 * cue), with WINDOW_NEIGHBOUR_BLOCKS lines of context each side, merged. Scans in chunks and yields
 * between them. Returns undefined when the text has no trigger word at all.
 */
function* candidateWindowSteps(ds: Dataset, text: string): Generator<void, Span[] | undefined, void> {
  // First: is there a trigger word at all? (Most big pages stop here, at the cost of one quick pass.)
  let triggered = false;
  for (let at = 0; at < text.length && !triggered; at += CUE_SCAN_CHUNK_CHARS) {
    const chunk = text.slice(at, Math.min(text.length, at + CUE_SCAN_CHUNK_CHARS + CUE_OVERLAP_CHARS));
    triggered = hasTriggerQuick(ds, chunk) && ds.trigger.test(chunk);
    yield;
  }
  if (!triggered) return undefined;
  const hot = hotCue(ds);
  const positions: number[] = [];
  for (let at = 0; at < text.length; at += CUE_SCAN_CHUNK_CHARS) {
    const chunk = text.slice(at, Math.min(text.length, at + CUE_SCAN_CHUNK_CHARS + CUE_OVERLAP_CHARS));
    hot.lastIndex = 0;
    for (const m of chunk.matchAll(hot)) {
      if (m.index >= CUE_SCAN_CHUNK_CHARS) break;
      positions.push(at + m.index);
    }
    yield;
  }
  const windows: Span[] = [];
  for (const pos of positions) {
    const last = windows[windows.length - 1];
    if (last && pos < last.end) continue;
    let from = pos;
    for (let i = 0; i <= WINDOW_NEIGHBOUR_BLOCKS && from > 0; i++) from = text.lastIndexOf('\n', from - 2) + 1;
    let to = pos;
    for (let i = 0; i <= WINDOW_NEIGHBOUR_BLOCKS && to < text.length; i++) {
      const nl = text.indexOf('\n', to + 1);
      to = nl < 0 ? text.length : nl;
    }
    if (last && from <= last.end + 1) last.end = Math.max(last.end, to);
    else windows.push({ start: from, end: to });
  }
  return windows;
}


function judgeSentence(
  ds: Dataset,
  text: string,
  s: Span,
  sentenceCues: Cue[],
  amounts: Amount[],
  memory: DocMemory,
  published: string | undefined,
  episode: string,
  byStart: Map<number, FigureMention>,
): FigureMention[] {
  const classified = classifyAmounts(ds, text, s, sentenceCues, amounts, memory, published, episode);
  const out: FigureMention[] = [];
  amounts.forEach((a, i) => {
    const c = classified[i]!;
    const ctx = {
      ...(c.asOf ? { statedMonth: c.asOf } : {}),
      ...(c.asOfYear ? { statedYear: c.asOfYear } : {}),
      ...(c.historical ? { historical: c.historical } : {}),
      ...(c.change ? { measure: 'change' as const } : {}),
      ...(published ? { published } : {}),
    };
    let verdict: FigureVerdict | undefined;
    // The dollars of a yen figure are what the yen figure turned out to be (below: a yen figure no exchange
    // rate makes Japan's holdings is not theirs).
    if (c.reason === 'dollars_of_yen' && out[i - 1]) c.subject = out[i - 1]!.subject;
    if (a.currency === 'USD') verdict = judgeFigure(ds, c.subject, a, ctx);
    else {
      const linked = c.conversionOf ? byStart.get(c.conversionOf.start) : undefined;
      const dollar = linked?.verdict ?? judgeFigure(ds, c.subject, { ...a, currency: 'USD', value: Number.NaN }, ctx);
      verdict = judgeYen(dollar, c.conversionOf ? { start: c.conversionOf.start, end: c.conversionOf.end } : undefined);
      // A yen figure on its own is Japan's holdings only if some plausible exchange rate makes it so
      // (¥163 trillion ≈ $1.1 trillion); ¥2.1 trillion of an insurer's bonds is not.
      if (!c.conversionOf && verdict && c.subject !== 'other') {
        const rate = a.value / verdict.official.valueUsd;
        if (!plausibleYenPerDollar(rate)) {
          verdict = undefined;
          c.subject = 'other';
        }
      }
    }
    const m: FigureMention = {
      kind: 'figure',
      start: a.start,
      end: a.end,
      text: a.text,
      subject: c.subject,
      flagged: c.subject === 'japan_treasury_holdings' && verdict !== undefined,
      ...(a.currency === 'USD' ? { valueUsd: a.value } : { valueJpy: a.value }),
      ...(a.bound ? { bound: a.bound } : {}),
      ...(c.asOf ? { asOf: c.asOf } : {}),
      ...(a.typo ? { typo: a.typo } : {}),
      ...(c.change ? { change: true as const } : {}),
      ...(verdict?.claim ? { claims: [verdict.claim] } : {}),
      ...(verdict ? { verdict } : {}),
    };
    byStart.set(a.start, m);
    out.push(m);
  });
  return out;
}

/** Cues kept on a mention: enough to say why, few enough to show. */
const CUES_SHOWN = 4;
/**
 * A reporting phrase longer than this is only its strongest marker (the phrase must stay a phrase), and
 * with no marker placed in the sentence its first characters are the phrase. Japanese characters are
 * about twice as wide, so half as many.
 */
const PHRASE_MAX_CHARS = { latin: 90, cjk: 45 };
const PHRASE_FALLBACK_CHARS = { latin: 48, cjk: 20 };
const PHRASE_CUE_TYPES: ReadonlySet<string> = new Set(['act', 'when', 'where', 'content']);
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The reporting phrase of a sentence: from the first to the last placed marker of its statement. */
function reportingPhrase(f: RemarkFinding, sentence: string): { start: number; end: number } {
  const script = CJK_CHAR.test(sentence) ? 'cjk' : 'latin';
  const placed = f.attribution.cues
    .filter((c) => c.remark === f.attribution.remark && PHRASE_CUE_TYPES.has(c.type) && c.at !== undefined && sentence.startsWith(c.text, c.at))
    .map((c) => ({ start: c.at!, end: c.at! + c.text.length, weight: c.weight }));
  if (!placed.length) {
    // Whole words: the first characters, then on to the end of the word they stop in.
    const cut = PHRASE_FALLBACK_CHARS[script];
    const wordEnd = script === 'latin' ? /^\S*/.exec(sentence.slice(cut))![0].length : 0;
    return { start: f.start, end: f.start + Math.min(sentence.length, cut + wordEnd) };
  }
  const start = Math.min(...placed.map((p) => p.start));
  const end = Math.max(...placed.map((p) => p.end));
  if (end - start <= PHRASE_MAX_CHARS[script]) return { start: f.start + start, end: f.start + end };
  const strongest = placed.reduce((a, b) => (b.weight > a.weight ? b : a));
  return { start: f.start + strongest.start, end: f.start + strongest.end };
}

function remarkMention(ds: Dataset, text: string, f: RemarkFinding): RemarkMention {
  const { attribution: a } = f;
  const remark = a.remark;
  const kind = EVENT_KIND_OF_REMARK[remark];
  const events = ds.raw.events.events.filter((e) => e.kind === kind);
  const sentence = text.slice(f.start, f.end);
  const claims = ds.claims
    // ("脅しじゃない", "it was never a threat": a threat denied repeats no claim.)
    .filter((c) => c.detect?.type === 'remark_framing' && c.detect.remark === remark && termsIn(ds, c.detect.vocabulary, sentence).some((t) => !negatedTerm(sentence, t)))
    .map((c) => c.id);
  const clarifiedBy = events.find((e) => e.clarifiedBy)?.clarifiedBy;
  return {
    kind: 'remark',
    start: f.start,
    end: f.end,
    text: sentence,
    remark,
    unsure: a.unsure,
    ...(a.alternative ? { alternative: a.alternative } : {}),
    cues: a.cues.slice(0, CUES_SHOWN).map(({ type, remark: r, text: t }) => ({ type, remark: r, text: t })),
    // Every claim found here is a framing claim (the false threat): it outranks the other verdicts.
    verdict: judgeRemark(ds, sentence, a, claims.length > 0),
    flagged: true,
    events: events.map((e) => e.id),
    ...(clarifiedBy ? { clarifiedBy } : {}),
    claims,
    phrase: reportingPhrase(f, sentence),
  };
}
