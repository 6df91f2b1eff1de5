/**
 * The engine's one entry point: text in, mentions out. Pure and DOM-free; the content script, the
 * `scan` command and the tests all call this.
 */
import { findAmounts, MAYBE_AMOUNT, type Amount, type Bound } from './amounts';
import type { Dataset } from './dataset';
import { TERM_FLAGS, mergeGroups, termSource } from './terms';
import { allCues, classifyAmounts, observeSentence, type Cue, type DocMemory } from './figures';
import { spelledAmounts } from './spelled';
import { classifyRemark, docRemarkContext, EVENT_KIND, type RemarkKind } from './remarks';
import { splitBlocks, splitSentences, type Span } from './segment';
import { episodeDate, judgeFigure, judgeYen, type FigureSubject, type FigureVerdict } from './verdict';

export type AnalyzeContext = {
  /** The page's language (BCP 47), if known. */
  lang?: string;
  /** Publication date, YYYY-MM-DD (a full ISO timestamp is accepted and cut). */
  published?: string;
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
  verdict?: FigureVerdict;
};

export type RemarkMention = {
  kind: 'remark';
  start: number;
  end: number;
  text: string;
  remark: RemarkKind;
  flagged: true;
  /** Events in data/events.json this sentence reports. */
  events: string[];
  /** The later clarification of the reported event, when there is one. */
  clarifiedBy?: string;
  /** Known claims (data/claims.json) the sentence repeats, e.g. that Japan threatened to sell. */
  claims: string[];
};

export type Mention = FigureMention | RemarkMention;

// Sentences without any of these cannot report a remark; skips the classifier on most sentences.
const REMARK_CUE_GROUPS = ['kato', 'kato_bare', 'finance_office', 'card', 'threat', 'clarification', 'dismissal', 'stance'];
const PRONOUN_OR_QUOTE = /\b(?:he|his|the minister)\b|」|[“”"]/i;
const remarkCues = new WeakMap<Dataset, RegExp>();
function remarkCue(ds: Dataset): RegExp {
  let re = remarkCues.get(ds);
  if (!re) {
    re = new RegExp(`${termSource(mergeGroups(ds.raw.vocabulary, REMARK_CUE_GROUPS))}|${PRONOUN_OR_QUOTE.source}`, TERM_FLAGS);
    remarkCues.set(ds, re);
  }
  return re;
}

function normalizeDate(d: string | undefined): string | undefined {
  const m = d && /^(\d{4}-\d{2}-\d{2})/.exec(d);
  return m ? m[1] : undefined;
}

export function analyze(ds: Dataset, text: string, ctx: AnalyzeContext = {}): Mention[] {
  if (!text || !ds.trigger.test(text)) return [];
  const published = normalizeDate(ctx.published);
  const episode = episodeDate(ds);
  const doc = docRemarkContext(ds, text);
  const memory: DocMemory = {};
  const remarkState = { lastSpeakerKato: false, openQuote: false, holdingsBlock: -1 };
  const cue = remarkCue(ds);

  const allAmounts = MAYBE_AMOUNT.test(text) ? findAmounts(text) : [];
  const cues = allAmounts.length ? allCues(ds, text) : [];
  let ci = 0;
  const figures: FigureMention[] = [];
  const remarks: RemarkMention[] = [];
  let ai = 0;

  let blockIndex = -1;
  for (const block of splitBlocks(text)) {
    blockIndex++;
    for (const s of splitSentences(text, block)) {
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
      if (inSentence.length) figures.push(...judgeSentence(ds, text, s, sentenceCues, inSentence, memory, published, episode));
      else observeSentence(text, sentenceCues, s, memory);
      if (cue.test(sentenceText)) {
        const remark = classifyRemark(ds, text, s, blockIndex, doc, remarkState, published);
        if (remark) remarks.push(remarkMention(ds, text, s, remark));
      }
    }
  }

  // Reserves figures matter on pages about the holdings episode, not in a plain reserves report.
  const episodePage = remarks.length > 0 || figures.some((f) => f.subject === 'japan_treasury_holdings' && f.flagged);
  for (const f of figures) if (f.subject === 'japan_fx_reserves') f.flagged = episodePage && f.verdict !== undefined;

  return [...figures, ...remarks].sort((a, b) => a.start - b.start || a.end - b.end);
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
): FigureMention[] {
  const classified = classifyAmounts(text, s, sentenceCues, amounts, memory, published, episode);
  const out: FigureMention[] = [];
  const byStart = new Map<number, FigureMention>();
  amounts.forEach((a, i) => {
    const c = classified[i]!;
    const ctx = { ...(c.asOf ? { statedMonth: c.asOf } : {}), ...(published ? { published } : {}) };
    let verdict: FigureVerdict | undefined;
    if (a.currency === 'USD') verdict = judgeFigure(ds, c.subject, a, ctx);
    else {
      const linked = c.conversionOf ? byStart.get(c.conversionOf.start) : undefined;
      const dollar = linked?.verdict ?? judgeFigure(ds, c.subject, { ...a, currency: 'USD', value: Number.NaN }, ctx);
      verdict = judgeYen(dollar, c.conversionOf ? { start: c.conversionOf.start, end: c.conversionOf.end } : undefined);
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
      ...(verdict ? { verdict } : {}),
    };
    byStart.set(a.start, m);
    out.push(m);
  });
  return out;
}

function remarkMention(ds: Dataset, text: string, s: Span, remark: RemarkKind): RemarkMention {
  const kind = EVENT_KIND[remark];
  const events = ds.raw.events.events.filter((e) => e.kind === kind);
  const sentence = text.slice(s.start, s.end);
  const claims = ds.claims
    .filter((c) => c.detect?.type === 'remark_framing' && c.detect.remark === remark && ds.has.get(c.detect.vocabulary)?.test(sentence))
    .map((c) => c.id);
  const clarifiedBy = events.find((e) => e.clarifiedBy)?.clarifiedBy;
  return {
    kind: 'remark',
    start: s.start,
    end: s.end,
    text: sentence,
    remark,
    flagged: true,
    events: events.map((e) => e.id),
    ...(clarifiedBy ? { clarifiedBy } : {}),
    claims,
  };
}
