/**
 * A reported statement checked against the record, as figures are checked against the series: words in
 * quotation marks attributed to Kato either match a recorded quote (data/events.json) or are not in the
 * record; a sentence that dates the statement wrongly is misdated; one that reports the remark as a threat
 * to sell repeats the known false claim (data/claims.json). The record decides; this module only compares.
 */
import { EVENT_KIND_OF_REMARK, type RemarkKind, type RemarkVerdictStatus } from '../data/kinds';
import type { TimelineEvent } from '../data/schema';
import { CUE_WEIGHT, type Attribution } from './attribution';
import type { Dataset } from './dataset';
import { STOPWORDS } from './stopwords';

export type RemarkVerdict = {
  status: RemarkVerdictStatus;
  /** The recorded quote the sentence's quotation matches (event id and the recorded wording). */
  recorded?: { event: string; text: string; lang: 'en' | 'ja' };
  /** The quotation that matches nothing recorded. */
  unrecorded?: string;
  /** The day or month the sentence gives for the statement, when it is not the statement's date. */
  statedWhen?: string;
};

/** Quotations shorter than this are terms in scare quotes ("card"), not a person's words. */
const MIN_QUOTE_WORDS = 4;
const MIN_QUOTE_CHARS_JA = 7;
/** Character pairs a Japanese quotation needs before it can match one recorded quote. */
const MIN_MATCH_PAIRS_JA = 8;
/** Share of a quotation's content words (English) or character pairs (Japanese) a recorded quote must hold. */
export const QUOTE_MATCH_SHARE = 0.6;
/** Below this share with every recorded quote, a quotation is not in the record; between the two, undecided. */
export const QUOTE_UNRECORDED_SHARE = 0.3;
/** A statement needs this many recorded quotes in a language before words in that language can be called not in the record. */
const MIN_RECORDED_IN_LANG = 2;
/** A quotation must have this many content words before it can be called not in the record. */
const MIN_UNRECORDED_WORDS = 5;

const QUOTE_MARK = /[“"‘'「『]/;
// Straight single quotes ('exist as a card') open after a non-letter and close before one: "Japan's" is no quote.
const QUOTATION = /“([^”]+)”|"([^"]+)"|‘([^’]{12,})’|(?<![\p{L}\p{N}])'([^'\n]{3,}?)'(?![\p{L}\p{N}])|「([^」]+)」|『([^』]+)』/gu;
// A quotation the sentence splitter cut in two (`"We obviously need to put all cards on the table in
// negotiations.` | `It could be among such cards."`): its open end runs to the edge of the sentence.
const OPEN_TO_END = /[“"「『]([^“”"「」『』]+)$/;
const OPEN_FROM_START = /^([^“”"「」『』]+)[”"」』]/;
/** Characters a cut quotation needs before it counts as somebody's words. */
const MIN_CUT_QUOTE_CHARS = 12;

/** Word endings read past when comparing wordings ("considering" is "consider"; translations differ in them). */
const ENDING = /(?:ing|ed|es|s)$/;
/** Words this short keep their ending ("does", "news"). */
const MIN_STEMMED_CHARS = 5;
const stem = (w: string) => (w.length >= MIN_STEMMED_CHARS ? w.replace(ENDING, '') : w);
const words = (s: string) => (s.toLowerCase().replace(/[’']/g, "'").match(/[a-z0-9']+/g) ?? []).map((w) => w.replace(/'s$/, ''));
const contentWords = (s: string) => words(s).filter((w) => !STOPWORDS.has(w)).map(stem);
const jaPairs = (s: string) => {
  const clean = s.replace(/[\s、。，．・（）()「」『』…—]/g, '');
  const out: string[] = [];
  for (let i = 0; i + 2 <= clean.length; i++) out.push(clean.slice(i, i + 2));
  return out;
};
/**
 * What carries a Japanese quotation's content: each kanji, and each katakana word as one, without its
 * endings and particles, and without the topic itself (米国債), which every quote of the episode shares.
 */
const jaContent = (s: string) => s.replace(/米国債/g, '').match(/\p{Script=Han}|[\p{Script=Katakana}ー]+/gu) ?? [];
/** Whether a Japanese wording is negated (考えず, 考えていない, つもりはない, しません). */
const JA_NEGATED = /(?:ない|ず|ぬ|ません)(?:[。、」]|$)|ないと|ずに/u;
const isJapanese = (s: string) => /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(s);

/** The quotations of a sentence long enough to be somebody's words. */
export function quotations(sentence: string): string[] {
  return allQuotations(sentence).filter(longEnough);
}
const longEnough = (q: string) => (isJapanese(q) ? q.length >= MIN_QUOTE_CHARS_JA : words(q).length >= MIN_QUOTE_WORDS);

/** The last sentence read for quotations: its gate, quote look-up, parts and verdict read it again in a row. */
let lastQuoted: { sentence: string; quotes: readonly string[] } = { sentence: '', quotes: [] };

function allQuotations(sentence: string): readonly string[] {
  // Most sentences have no quotation mark: a character test spares the expression's look-behind at every position.
  if (!QUOTE_MARK.test(sentence)) return [];
  if (sentence !== lastQuoted.sentence) {
    const quotes = [...sentence.matchAll(QUOTATION)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? '').trim()).filter(Boolean);
    lastQuoted = { sentence, quotes };
  }
  return lastQuoted.quotes;
}

/** The ends of quotations the sentence splitter cut in two, left over once the whole quotations are taken out. */
function cutQuotations(sentence: string): string[] {
  const rest = sentence.replace(QUOTATION, ' ');
  return [OPEN_TO_END.exec(rest)?.[1], OPEN_FROM_START.exec(rest)?.[1]].map((q) => q?.trim() ?? '').filter((q) => q.length >= MIN_CUT_QUOTE_CHARS);
}

/** Quoted fragments this short ("exists as a card", 「別の判断だ」) are on record only word for word. */
const MIN_FRAGMENT_WORDS = 2;
/** For the verdict, a fragment of two words with one content word ("a card") will do; a single word ("card") is a term in scare quotes. */
const MIN_VERDICT_FRAGMENT_CONTENT_WORDS = 1;
const MIN_FRAGMENT_CHARS_JA = 4;
const flat = (s: string) => (isJapanese(s) ? s.replace(/[\s、。，．・（）()「」『』…—]/g, '') : words(s).map((w) => w.replace(/s$/, '')).join(' '));

/**
 * The recorded quote a short quoted fragment repeats, if any: word for word, or (English) its content words
 * in the same order; `minContent`: the content words (English) it needs.
 */
function fragmentOnRecord(ds: Dataset, fragment: string, minContent = MIN_FRAGMENT_WORDS): Recorded | undefined {
  return memo(ds, `fragment${minContent}`, fragment, () => fragmentOnRecordUncached(ds, fragment, minContent));
}

function fragmentOnRecordUncached(ds: Dataset, fragment: string, minContent: number): Recorded | undefined {
  const ja = isJapanese(fragment);
  const content = ja ? [] : contentWords(fragment);
  if (ja ? fragment.length < MIN_FRAGMENT_CHARS_JA : words(fragment).length < MIN_FRAGMENT_WORDS || content.length < minContent) return undefined;
  const f = flat(fragment);
  // English translations differ in their little words ("among the cards", "among such cards"): the
  // fragment's content words, in order, within one recorded quote's.
  return recorded(ds).find((r) => (r.lang === 'ja') === ja && (r.flat.includes(f) || (!ja && inOrder(content, r.sequence))));
}

/** Whether every word of `part` occurs in `whole`, in the same order. */
function inOrder(part: string[], whole: string[]): boolean {
  let i = 0;
  for (const w of whole) if (w === part[i]) i++;
  return part.length > 0 && i === part.length;
}

/** A recorded quote with what the comparisons read from it, worked out once per dataset. */
type Recorded = {
  event: TimelineEvent;
  text: string;
  lang: 'en' | 'ja';
  words: Set<string>;
  sequence: string[];
  pairs: Set<string>;
  flat: string;
  /** Japanese: its content characters (`jaContent`), and whether it is negated. */
  content: Set<string>;
  negated: boolean;
};
const recordedCache = new WeakMap<Dataset, Recorded[]>();
function recorded(ds: Dataset): Recorded[] {
  let list = recordedCache.get(ds);
  if (!list) {
    list = ds.raw.events.events.flatMap((event) =>
      event.quotes.map((q) => {
        const sequence = contentWords(q.text);
        return {
          event,
          text: q.text,
          lang: q.lang,
          words: new Set(sequence),
          sequence,
          pairs: new Set(jaPairs(q.text)),
          flat: flat(q.text),
          content: new Set(jaContent(q.text)),
          negated: JA_NEGATED.test(q.text),
        };
      }),
    );
    recordedCache.set(ds, list);
  }
  return list;
}

/**
 * The recorded quote a quotation matches best, and how well: `on` when it matches, `off` when it matches
 * nothing recorded at all (translations differ, so the gap between the two is left undecided).
 */
export function matchRecorded(ds: Dataset, quotation: string): { r?: Recorded; on: boolean; off: boolean } {
  return memo(ds, 'whole', quotation, () => matchRecordedUncached(ds, quotation));
}

/** Quotations matched kept per dataset: a page quotes the same words in several sentences, and a rescan again. */
export const QUOTE_MATCH_CACHE = 256;
const memos = new WeakMap<Dataset, Map<string, unknown>>();
function memo<T>(ds: Dataset, kind: string, key: string, compute: () => T): T {
  let m = memos.get(ds);
  if (!m) memos.set(ds, (m = new Map()));
  const k = `${kind}\u0000${key}`;
  if (m.has(k)) return m.get(k) as T;
  const v = compute();
  if (m.size >= QUOTE_MATCH_CACHE) m.delete(m.keys().next().value!);
  m.set(k, v);
  return v;
}

function matchRecordedUncached(ds: Dataset, quotation: string): { r?: Recorded; on: boolean; off: boolean } {
  const ja = isJapanese(quotation);
  const mine = ja ? jaPairs(quotation) : contentWords(quotation);
  if (!mine.length) return { on: false, off: false };
  // Japanese words negated otherwise than his (「…手段にする」 against 「…手段とすることは考えていない」) are not his.
  const negated = ja && JA_NEGATED.test(quotation);
  let best: { r: Recorded; share: number } | undefined;
  let nearest = 0;
  for (const r of recorded(ds)) {
    const pool = ja ? r.pairs : r.words;
    if (!pool.size) continue;
    const share = mine.filter((w) => pool.has(w)).length / mine.length;
    nearest = Math.max(nearest, share);
    if (ja && r.negated !== negated) continue;
    if (!best || share > best.share) best = { r, share };
  }
  const share = best?.share ?? 0;
  // A short quotation (「米国債はカード」) shares its few character pairs with too many quotes to name one.
  const long = ja ? mine.length >= MIN_MATCH_PAIRS_JA : mine.length >= MIN_QUOTE_WORDS - 1;
  const on = long && share >= QUOTE_MATCH_SHARE;
  // Outlets rephrase his Japanese in other endings and particles (「交渉手段と考えず」 for 「…交渉の手段とする
  // ことは考えていない」): its content characters, all in one recorded quote negated as it is, are his words.
  const reworded = ja && !on ? rewordedJa(ds, quotation) : undefined;
  if (reworded) return { r: reworded, on: true, off: false };
  return { ...(best ? { r: best.r } : {}), on, off: nearest < QUOTE_UNRECORDED_SHARE && (ja ? mine.length >= MIN_QUOTE_CHARS_JA * 2 : mine.length >= MIN_UNRECORDED_WORDS) };
}

/** Content characters a reworded Japanese quotation needs, and the share of them a recorded quote must hold. */
const MIN_CONTENT_CHARS_JA = 4;
const REWORDED_SHARE_JA = 0.85;
function rewordedJa(ds: Dataset, quotation: string): Recorded | undefined {
  const mine = jaContent(quotation);
  if (mine.length < MIN_CONTENT_CHARS_JA) return undefined;
  const negated = JA_NEGATED.test(quotation);
  const found = recorded(ds).filter((r) => r.lang === 'ja' && r.negated === negated && mine.filter((c) => r.content.has(c)).length / mine.length >= REWORDED_SHARE_JA);
  // Words that fit quotes of two statements name neither.
  return found.every((r) => r.event === found[0]!.event) ? found[0] : undefined;
}

/** The recorded quote a sentence's quotation repeats: a whole quote matched, else a fragment word for word. */
export function recordedQuoteIn(ds: Dataset, sentence: string): Recorded | undefined {
  if (!QUOTE_MARK.test(sentence)) return undefined;
  const whole = quotations(sentence).map((q) => matchRecorded(ds, q)).find((m) => m.on && m.r)?.r;
  return whole ?? allQuotations(sentence).map((q) => fragmentOnRecord(ds, q)).find(Boolean);
}

/** Recorded quotes of a statement in one language. */
function recordedIn(ds: Dataset, remark: RemarkKind, lang: 'en' | 'ja'): number {
  return recorded(ds).filter((r) => r.event.kind === EVENT_KIND_OF_REMARK[remark] && r.lang === lang).length;
}

/**
 * The verdict on one reported statement. `threatClaim` is whether the sentence repeats the false threat
 * claim. Priority when several apply: false threat, misdated, not in the record, on record, reported.
 */
export function judgeRemark(ds: Dataset, sentence: string, attribution: Attribution, threatClaim: boolean): RemarkVerdict {
  const whole = allQuotations(sentence);
  const quoted = [...whole, ...cutQuotations(sentence)];
  const matches = quoted.filter(longEnough).map((q) => ({ q, ...matchRecorded(ds, q) }));
  // "the holdings could be 'a card'": a short fragment of his words, quoted as his, is his words on record.
  const fragment = quoted.map((q) => fragmentOnRecord(ds, q, MIN_VERDICT_FRAGMENT_CONTENT_WORDS)).find(Boolean);
  const on = matches.find((m) => m.on) ?? (fragment ? { q: fragment.text, r: fragment, on: true, off: false } : undefined);
  // Only a whole quotation can be not in the record: a cut one may be missing the words that match.
  const off = matches.find((m) => m.off && whole.includes(m.q));
  const recordedQuote = on?.r ? { recorded: { event: on.r.event.id, text: on.r.text, lang: on.r.lang } } : {};
  if (threatClaim) return { status: 'false_threat', ...recordedQuote };
  const when = misdating(attribution);
  if (when) return { status: 'misdated', statedWhen: when, ...recordedQuote };
  // Only where the record holds enough of the statement's words in the quotation's language can it say
  // that words are not among them (the April answer is recorded in English, its Japanese is not).
  if (off && !on && recordedIn(ds, attribution.remark, isJapanese(off.q) ? 'ja' : 'en') >= MIN_RECORDED_IN_LANG) return { status: 'not_in_record', unrecorded: off.q };
  if (on) return { status: 'on_record', ...recordedQuote };
  return { status: 'reported' };
}

/**
 * A sentence gives a day or month that belongs to another statement, while everything else it says
 * (place, act, quote, content) names this one. Only a sure decision can be misdated.
 */
function misdating(a: Attribution): string | undefined {
  if (a.unsure) return undefined;
  const own = a.cues.filter((c) => c.remark === a.remark && c.type !== 'frame');
  if (own.some((c) => c.type === 'when')) return undefined;
  if (own.reduce((n, c) => n + c.weight, 0) < CUE_WEIGHT.act + CUE_WEIGHT.content) return undefined;
  const wrong = a.cues.find((c) => c.type === 'when' && c.remark !== a.remark && c.weight >= CUE_WEIGHT.when * 0.6);
  // The wrong day must belong to no marker of its own statement other than itself.
  if (!wrong || a.cues.some((c) => c.remark === wrong.remark && c.type !== 'when' && c.type !== 'frame')) return undefined;
  return wrong.text;
}
