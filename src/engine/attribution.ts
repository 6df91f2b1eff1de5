/**
 * Which of Kato's statements a sentence reports, decided by the statements' own markers, not by a word:
 * when (a day or month, resolved against the page's date and the events' dates in data/events.json),
 * where (a TV programme, Milan, the Diet), the speech act (hinted, walked back, ruled out), a recorded
 * quote, and what is said (a card; selling as a tool negated). A sentence with no marker of its own takes
 * the article's frame: what its headline and lede report. Each decision keeps the cues that made it, so
 * the card can show why, and says when the evidence is too even to name one statement.
 */
import type { TimelineEvent } from '../data/schema';
import { REMARK_KINDS, REMARK_OF_EVENT_KIND, type RemarkKind, type VocabularyGroup } from '../data/kinds';
import type { Dataset, Terms } from './dataset';
import { MONTH_NAME, MONTH_NAMES_EN, MONTHS, PREVIOUS_MONTH, WEEKDAYS_EN, WEEKDAYS_JA } from './months';
import { alternation } from './terms';

export type CueType = 'when' | 'where' | 'act' | 'quote' | 'content' | 'frame';
/** One piece of evidence: what kind of marker, for which statement, its words, its weight, and where it stands. */
export type AttributionCue = { type: CueType; remark: RemarkKind; text: string; weight: number; at?: number };

export type Attribution = {
  remark: RemarkKind;
  /** Too even to name one statement: the card shows both, with their dates. */
  unsure: boolean;
  /** The other statement the sentence may report, when unsure. */
  alternative?: RemarkKind;
  /** Evidence per statement, strongest first. */
  cues: AttributionCue[];
  scores: Record<RemarkKind, number>;
};

/** How much each kind of marker weighs. A recorded quote or a place is near proof; a frame only a default. */
export const CUE_WEIGHT: Record<CueType, number> = { quote: 1.5, where: 3, when: 3, act: 2, content: 1.5, frame: 1 };
/** A recorded quote counts this many n-grams at the most. */
const QUOTE_GRAMS_CAP = 4;
/** Evidence for a statement made the day after the page's date counts this share. */
const UNLIKELY_SHARE = 0.5;
/** A day one off (time zones: 2 May in Tokyo was 1 May in New York) counts this share of a stated day. */
const NEAR_DAY_SHARE = 0.6;
/** How far before ("Friday's TV Tokyo remarks") or after ("the comments he gave to TV Tokyo") a remark noun a day or place describes it. */
const OBJECT_REACH_BEFORE = 20;
const OBJECT_REACH_AFTER = 40;
const CARD_SAID = /^[」』]?(?:に(?:なり得る|なりうる|なる))?と(?:発言|述べ|語)/;
const CARD_REFUSED = /\b(?:not|never|no|rather than|instead of)\b[^.;:]{0,18}$/i;
// A speech act with a negation right before it (English) or right after it (Japanese).
const NEGATED_BEFORE = /\b(?:not|never|no)\s+(?:\w+\s+){0,2}$|n't\s+(?:\w+\s+){0,2}$/i;
const NEGATED_AFTER = /^(?:した|する|して)?(?:もの|わけ)?(?:ではない|ではな|じゃない|じゃな|ではありません|ていない|ていません|しておらず|していない)/;

/** Whether a term of the sentence is negated: "did not suggest", "not a threat", 「示唆したものではない」, 「脅しじゃない」. */
export const negatedTerm = (sentence: string, t: { start: number; end: number }) =>
  NEGATED_BEFORE.test(sentence.slice(Math.max(0, t.start - 14), t.start)) || NEGATED_AFTER.test(sentence.slice(t.end, t.end + 10));
/** A speech act in a Japanese sentence's final clause (its main verb) weighs this much more. */
const MAIN_VERB_BOOST = 1.5;
/** A weekday read as the week before (the latest such day saw no statement) counts this share. */
const WEEK_EARLIER_SHARE = 0.5;
/** A month named alone ("in April", 4月) counts this share of a stated day. */
const MONTH_SHARE = 0.7;
/** The leader must be ahead by at least this, else the sentence is marked unsure: the frame alone may decide between equals. */
export const UNSURE_MARGIN = 1;
/** A rival with less evidence than this (a negation alone) cannot make a decision unsure. */
const UNSURE_RIVAL = 1;

/** Where each statement was made: the vocabulary group of its place's names. */
export const PLACE_OF_REMARK = {
  card_remark: 'remark_place',
  clarification: 'clarification_place',
  earlier_dismissal: 'dismissal_place',
} as const satisfies Record<RemarkKind, VocabularyGroup>;

/** Vocabulary groups that mark a statement, and what kind of marker each is. */
const MARKER_GROUPS: ReadonlyArray<{ group: VocabularyGroup; type: CueType; remark: RemarkKind; share?: number }> = [
  ...REMARK_KINDS.map((remark) => ({ group: PLACE_OF_REMARK[remark], type: 'where' as const, remark })),
  { group: 'remark_act', type: 'act', remark: 'card_remark' },
  { group: 'clarification', type: 'act', remark: 'clarification' },
  { group: 'dismissal', type: 'act', remark: 'earlier_dismissal' },
  // "Rules out using Treasuries as a bargaining chip" headlined the Milan walk-back as well: the act alone
  // names neither; the day, the place or the frame decides.
  { group: 'dismissal', type: 'act', remark: 'clarification' },
  { group: 'later_time', type: 'when', remark: 'clarification', share: 0.6 },
  { group: 'threat', type: 'content', remark: 'card_remark' },
];

// "on Friday", "last Sunday", "Friday's interview"; "May 2", "2 May", "May 4th".
const EN_WEEKDAY = new RegExp(`\\b(last\\s+)?(${WEEKDAYS_EN.join('|')})\\b`, 'gi');
const EN_DATE = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME}\\b`, 'gi');
const EN_MONTH_ONLY = new RegExp(`\\b(?:in|early|earlier in|late|during|of|last)\\s+${MONTH_NAME}\\b`, 'gi');
// Machine-translated Japanese: "On 4th, he said…".
const EN_BARE_DAY = new RegExp(`\\b[Oo]n (?:the )?(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?(?:${MONTH_NAMES_EN.join('|')}))`, 'g');
const EN_LAST_MONTH = new RegExp(`\\b(?:${alternation(PREVIOUS_MONTH.en)})\\b`, 'gi');
const JA_DATE = new RegExp(`([0-9０-９]{1,2})月([0-9０-９]{1,2})日|(?<![0-9０-９月年])([0-9０-９]{1,2})日(?=[にのは、夜朝午放]|まで)|([${WEEKDAYS_JA}])曜`, 'gu');
const JA_MONTH_ONLY = /(?<![0-9０-９])([0-9０-９]{1,2})月(?![0-9０-９]*日|末)/gu;
const JA_LAST_MONTH = new RegExp(alternation(PREVIOUS_MONTH.ja), 'gu');

const DATELINE_AFTER = /^\)?\s*(?:\([^)]*\)\s*)?[:—–-]/;
const toAscii = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** Dated events of the timeline, each under the key it is reported as. */
type Dated<K> = Array<{ remark: K; event: TimelineEvent; day: number }>;
/** The dated statements a sentence can report, from the timeline. */
export type StatementDates = Dated<RemarkKind>;
/** A day or month the sentence names, at `at`, resolved to a statement. */
export type WhenCue<K> = { type: 'when'; remark: K; text: string; weight: number; at: number };

export function statementDates(ds: Dataset): StatementDates {
  return ds.raw.events.events.flatMap((event) => {
    const remark = REMARK_OF_EVENT_KIND[event.kind];
    return remark ? [{ remark, event, day: dayNumber(event.date) }] : [];
  });
}

/** The later occasions he spoke about the holdings (press conferences, follow-ups): not one of the three statements. */
export function laterOccasions(ds: Dataset): Dated<'later'> {
  return ds.raw.events.events.filter((e) => e.kind === 'follow_up' && e.datePrecision === 'day').map((event) => ({ remark: 'later' as const, event, day: dayNumber(event.date) }));
}

/**
 * Whether every day the sentence names ("on Tuesday", 13日) falls after all three statements, with none of
 * them within a day: what it reports was said at a later occasion (a press conference a week on).
 */
export function namesOnlyLaterDays(dates: StatementDates, sentence: string, published: string | undefined): boolean {
  const days: number[] = [];
  timeCues([], sentence, published, days);
  const last = Math.max(...dates.map((d) => d.day));
  return days.length > 0 && days.every((d) => d > last + 1);
}

/** Whether the sentence dates what it reports to a later occasion: its day, or its month alone (「6月に入ってからは」). */
export function namesLaterOccasion(occasions: Dated<'later'>, sentence: string, published: string | undefined): boolean {
  return timeCues(occasions, sentence, published).some((c) => c.weight >= CUE_WEIGHT.when * MONTH_SHARE);
}

/** A day the sentence names, resolved to statements within a day of it. */
function cuesOfDay<K>(dates: Dated<K>, day: number, text: string, at: number, out: Array<WhenCue<K>>, share = 1): void {
  for (const d of dates) {
    const off = Math.abs(d.day - day);
    if (off <= 1) out.push({ type: 'when', remark: d.remark, text, at, weight: CUE_WEIGHT.when * share * (off === 0 ? 1 : NEAR_DAY_SHARE) });
  }
}

function cuesForMonth<K>(dates: Dated<K>, year: number, month: number, text: string, at: number, out: Array<WhenCue<K>>): void {
  const prefix = `${year}-${String(month).padStart(2, '0')}`;
  for (const d of dates) if (d.event.date.startsWith(prefix)) out.push({ type: 'when', remark: d.remark, text, at, weight: CUE_WEIGHT.when * MONTH_SHARE });
}

/**
 * The days and months a sentence names. Weekdays and bare days are read against the page's date (the
 * latest such day on or before it); with no page date, against the statements' own days.
 */
export function timeCues<K>(dates: Dated<K>, sentence: string, published: string | undefined, days?: number[]): Array<WhenCue<K>> {
  const out: Array<WhenCue<K>> = [];
  const cuesForDay = (ds: Dated<K>, day: number, text: string, at: number, into: Array<WhenCue<K>>, share = 1) => {
    // A dateline ("KUALA LUMPUR (May 6):", "TOKYO, May 13 (Reuters) -") dates the page, not a statement.
    if (!DATELINE_AFTER.test(sentence.slice(at + text.length, at + text.length + 12))) days?.push(day);
    cuesOfDay(ds, day, text, at, into, share);
  };
  const pub = published ? dayNumber(published) : undefined;
  const pubYear = published ? Number(published.slice(0, 4)) : Number(dates[0]?.event.date.slice(0, 4) ?? 2025);
  const pubMonth = published ? Number(published.slice(5, 7)) : undefined;
  const weekday = (wd: number, text: string, at: number, last: boolean) => {
    if (pub === undefined) {
      for (const d of dates) if (new Date(d.day * DAY_MS).getUTCDay() === wd) out.push({ type: 'when', remark: d.remark, text, at, weight: CUE_WEIGHT.when });
      return;
    }
    const back = (new Date(pub * DAY_MS).getUTCDay() - wd + 7) % 7;
    const before = out.length;
    cuesForDay(dates, pub - back - (last && back === 0 ? 7 : 0), text, at, out);
    // "last Friday" written a week on still means the Friday before; so may a plain "Friday" in a weekly
    // review, when the latest Friday saw no statement.
    if (last) cuesForDay(dates, pub - back - 7, text, at, out);
    else if (out.length === before) cuesForDay(dates, pub - back - 7, text, at, out, WEEK_EARLIER_SHARE);
  };
  const date = (month: number, day: number, text: string, at: number) => {
    let year = pubYear;
    // "Dec 28" read in a January story is last year's.
    if (pubMonth !== undefined && month > pubMonth + 1) year -= 1;
    cuesForDay(dates, dayNumber(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`), text, at, out);
  };
  // A bare day (2日, "on 4th") is a day of the page's month, or of the month before if it is later.
  const bareDay = (day: number, text: string, at: number) => {
    if (pubMonth === undefined) return;
    date(day <= Number(published!.slice(8, 10)) ? pubMonth : pubMonth === 1 ? 12 : pubMonth - 1, day, text, at);
  };
  const monthIndex = (name: string) => MONTHS[name.toLowerCase()] ?? 0;

  if (/[a-z]/i.test(sentence)) {
    for (const m of sentence.matchAll(EN_WEEKDAY)) weekday(WEEKDAYS_EN.findIndex((d) => d.toLowerCase() === m[2]!.toLowerCase()), m[0], m.index, Boolean(m[1]));
    for (const m of sentence.matchAll(EN_DATE)) {
      const month = monthIndex(m[1] ?? m[4]!);
      const day = Number(m[2] ?? m[3]);
      if (month > 0 && day >= 1 && day <= 31) date(month, day, m[0], m.index);
    }
    for (const m of sentence.matchAll(EN_BARE_DAY)) bareDay(Number(m[1]), m[0], m.index);
    for (const m of sentence.matchAll(EN_MONTH_ONLY)) {
      const month = monthIndex(m[1]!);
      if (month > 0 && !out.some((c) => c.text.includes(m[1]!))) cuesForMonth(dates, pubMonth !== undefined && month > pubMonth + 1 ? pubYear - 1 : pubYear, month, m[0], m.index, out);
    }
    if (published) for (const m of sentence.matchAll(EN_LAST_MONTH)) {
      const prev = pubMonth === 1 ? { y: pubYear - 1, m: 12 } : { y: pubYear, m: pubMonth! - 1 };
      cuesForMonth(dates, prev.y, prev.m, m[0], m.index, out);
    }
  }
  if (/[\p{Script=Han}\p{Script=Hiragana}]/u.test(sentence)) {
    for (const m of sentence.matchAll(JA_DATE)) {
      if (m[4]) weekday(WEEKDAYS_JA.indexOf(m[4]), m[0], m.index, false);
      else if (m[1]) date(Number(toAscii(m[1])), Number(toAscii(m[2]!)), m[0], m.index);
      else bareDay(Number(toAscii(m[3]!)), m[0], m.index);
    }
    for (const m of sentence.matchAll(JA_MONTH_ONLY)) cuesForMonth(dates, pubYear, Number(toAscii(m[1]!)), m[0], m.index, out);
    if (published) for (const m of sentence.matchAll(JA_LAST_MONTH)) {
      const prev = pubMonth === 1 ? { y: pubYear - 1, m: 12 } : { y: pubYear, m: pubMonth! - 1 };
      cuesForMonth(dates, prev.y, prev.m, m[0], m.index, out);
    }
  }
  return out;
}

/**
 * `negated`: the sentence negates selling (or using the holdings) as a tool, what both April and Milan said;
 * `cardAsThing`: it names the remark as a thing ("his 'card' comment");
 * `ownRemarks`: Kato speaks of his own remarks ("he said his comments on Friday had been…"), which after
 * Milan is explaining them: the clarification's act, with the day or place the remarks' own.
 */
export type SentenceFacts = { negated: boolean; cardAsThing: boolean; ownRemarks?: { text: string; at: number } };

/**
 * The markers of one sentence (or clause). `quote` is the recorded quote it repeats, if any; `facts` say
 * whether selling-as-a-tool is negated there and whether the card is only named as a thing ("his 'card'
 * comment"), which is then no evidence for the remark itself.
 */
export function markerCues(
  terms: Terms,
  time: ReadonlyArray<WhenCue<RemarkKind>>,
  sentence: string,
  quote: { remark: RemarkKind; grams: number; text: string } | undefined,
  facts: SentenceFacts,
): AttributionCue[] {
  const cues: AttributionCue[] = [...time];
  // Japanese puts the main verb last: the speech act of the final clause, or the last one of a clause
  // (「示唆したとの受け止めを打ち消した」), is the sentence's own.
  const japanese = /[\p{Script=Hiragana}]/u.test(sentence);
  const lastClause = japanese ? sentence.lastIndexOf('、') : -1;
  const lastAct = japanese ? Math.max(-1, ...MARKER_GROUPS.filter((g) => g.type === 'act').flatMap((g) => terms(g.group).map((t) => t.start))) : -1;
  for (const { group, type, remark, share = 1 } of MARKER_GROUPS) {
    for (const t of terms(group)) {
      const main = type === 'act' && japanese && (lastClause >= 0 ? t.start > lastClause : t.start === lastAct) ? MAIN_VERB_BOOST : 1;
      // "did not suggest", 「示唆したものではない」: the remark's act denied is the walk-back.
      // "is not weaponising its pile": a threat denied is the walk-back too.
      const denied = (group === 'remark_act' || group === 'threat') && negatedTerm(sentence, t);
      cues.push({ type, remark: denied ? 'clarification' : remark, text: t.term, at: t.start, weight: CUE_WEIGHT[type] * share * main });
    }
  }
  if (quote) cues.push({ type: 'quote', remark: quote.remark, text: quote.text, weight: CUE_WEIGHT.quote * Math.min(QUOTE_GRAMS_CAP, quote.grams) });
  if (facts.ownRemarks) cues.push({ type: 'act', remark: 'clarification', text: facts.ownRemarks.text, at: facts.ownRemarks.at, weight: CUE_WEIGHT.act });
  // "He distanced himself from Friday's TV Tokyo remarks": a day or place that names the remarks being
  // walked back describes their object, not this statement. Dropped when the sentence walks something back.
  const refs = terms('remark_ref');
  const walksBack = cues.some((c) => c.type === 'act' && c.remark === 'clarification');
  if (refs.length && walksBack) {
    const describesRef = (c: AttributionCue) => {
      if (c.type !== 'when' && c.type !== 'where') return false;
      const at = c.at ?? sentence.indexOf(c.text);
      return at >= 0 && refs.some((r) => (r.start >= at + c.text.length && r.start - (at + c.text.length) <= OBJECT_REACH_BEFORE) || (at >= r.end && at - r.end <= OBJECT_REACH_AFTER));
    };
    for (let i = cues.length - 1; i >= 0; i--) if (cues[i]!.remark !== 'clarification' && describesRef(cues[i]!)) cues.splice(i, 1);
  }
  // A card offered is the remark; a card refused ("not as a bargaining chip") is April's or Milan's answer.
  // The remark named as a thing ("the 'card' remark") is what the sentence is about, unless the sentence
  // walks it back or rules something out: then it is only the object of that act.
  // "not as a diplomatic weapon", "rather than a bargaining chip": a card refused by its own negation.
  const card = terms('card');
  const cardRefused = card.some((t) => CARD_REFUSED.test(sentence.slice(Math.max(0, t.start - 24), t.start)));
  const otherAct = cues.some((c) => c.type === 'act' && c.remark !== 'card_remark');
  if (card.length && !facts.negated && !cardRefused && !(facts.cardAsThing && otherAct)) {
    cues.push({ type: 'content', remark: 'card_remark', text: card[0]!.term, weight: CUE_WEIGHT.content });
    // 「交渉の「カード」と発言」: the card said in so many words is the remark's act.
    const said = card.find((t) => CARD_SAID.test(sentence.slice(t.end, t.end + 6)));
    if (said) cues.push({ type: 'act', remark: 'card_remark', text: said.term, weight: CUE_WEIGHT.act, at: said.start });
  }
  if (facts.negated || cardRefused) {
    const sell = terms('sell')[0]?.term ?? card[0]?.term ?? '';
    for (const remark of ['clarification', 'earlier_dismissal'] as const) cues.push({ type: 'content', remark, text: sell, weight: CUE_WEIGHT.content * 0.5 });
  }
  return cues;
}

/** Statements that cannot have been reported yet on the page's date, and those only just possible. */
export function possibleStatements(dates: StatementDates, published: string | undefined): { possible: Set<RemarkKind>; unlikely: Set<RemarkKind> } {
  const possible = new Set<RemarkKind>(REMARK_KINDS);
  const unlikely = new Set<RemarkKind>();
  if (!published) return { possible, unlikely };
  const pub = dayNumber(published);
  // A day of slack: a page dated in New York can report a Tokyo statement of "tomorrow"; but a statement
  // of the day after the page's date is the less likely reading.
  for (const d of dates) {
    if (d.day > pub + 1) possible.delete(d.remark);
    else if (d.day > pub) unlikely.add(d.remark);
  }
  return { possible, unlikely };
}

export function decide(cues: AttributionCue[], possible: Set<RemarkKind>, unlikely: ReadonlySet<RemarkKind> = new Set()): Attribution | undefined {
  const scores = Object.fromEntries(REMARK_KINDS.map((k) => [k, 0])) as Record<RemarkKind, number>;
  const kept = cues.filter((c) => possible.has(c.remark)).map((c) => (unlikely.has(c.remark) ? { ...c, weight: c.weight * UNLIKELY_SHARE } : c));
  for (const c of kept) scores[c.remark] += c.weight;
  const ranked = [...REMARK_KINDS].filter((k) => possible.has(k)).sort((a, b) => scores[b] - scores[a]);
  const [top, second] = ranked;
  if (!top || scores[top] <= 0) {
    // Only one statement was possible by the page's date (an April story): no marker is needed.
    return ranked.length === 1 && top ? { remark: top, unsure: false, cues: [], scores } : undefined;
  }
  const unsure = Boolean(second && scores[second] >= UNSURE_RIVAL && scores[top] - scores[second] < UNSURE_MARGIN);
  return {
    remark: top,
    unsure,
    ...(unsure && second ? { alternative: second } : {}),
    cues: kept.sort((a, b) => b.weight - a.weight),
    scores,
  };
}

/** Strength of a decision without the frame: how much the sentence itself says. */
export const ownEvidence = (a: Attribution) => a.cues.filter((c) => c.type !== 'frame' && c.remark === a.remark).reduce((n, c) => n + c.weight, 0);


/** A phrase that names the statement being walked back ("the 2 May TV comment describing…", 「カード」発言), and which statement it is. */
export type WalkedBack = { start: number; end: number; remark: RemarkKind; cues: AttributionCue[] };

/** How far after the words that name a statement ("TV comments") what it said may end ("…describing the holdings as a card"). */
const OBJECT_CONTENT_REACH = 60;
// Words that belong to the named remark: an opening quote, 米国債, a day ("4月の").
const OBJECT_LEAD = /(?:[「『“"]|米国債|[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?の)+$/u;

/**
 * What a walk-back sentence names as its object, when it says what that object was: 「カード」発言を修正
 * names the remark by its card; "…, two days after a 2 May TV comment describing the holdings as a card"
 * by its day or place and its content. Each reports that statement as well as the walk-back. A remark
 * named only by when or where ("clarifying his Friday remark") is just the walk-back's object.
 */
export function walkedBackObjects(terms: Terms, time: ReadonlyArray<WhenCue<RemarkKind>>, sentence: string, cardAsThing: RegExp): WalkedBack[] {
  const out: WalkedBack[] = [];
  // The remark named by its card and its noun is its act and content at once.
  const add = (start: number, end: number, remark: RemarkKind, type: CueType, text: string, weight = CUE_WEIGHT[type]) => {
    const lead = OBJECT_LEAD.exec(sentence.slice(Math.max(0, start - 12), start));
    const from = lead ? start - lead[0].length : start;
    // A quotation the object opens ends with it: the remark's words are its own.
    const open = /[“「『]|"/.exec(sentence.slice(from, end)) && !/[”」』]|"[^"]*"/.test(sentence.slice(from, end)) ? /[”」』"]/.exec(sentence.slice(end)) : null;
    if (open) end += open.index + 1;
    if (out.some((o) => o.start < end && from < o.end)) return;
    // A day inside the object that is another statement's ("4月の「カード」発言") misdates it.
    const other = time.filter((c) => c.at >= from && c.at < end && c.remark !== remark).map((c) => ({ ...c, at: c.at - from }));
    out.push({ start: from, end, remark, cues: [{ type, remark, text, weight, at: 0 }, ...other] });
  };
  // In Japanese the card in quotation marks is the remark's own word; in English copy "the 'card' comment" is
  // only a name for it.
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sentence)) {
    for (const m of sentence.matchAll(new RegExp(cardAsThing.source, 'giu'))) add(m.index, m.index + m[0].length, 'card_remark', 'content', m[0], CUE_WEIGHT.act + CUE_WEIGHT.content);
  }
  const content = [...terms('card'), ...terms('remark_act'), ...terms('threat')];
  const saysWhat = (from: number) => content.filter((t) => t.start >= from && t.end - from <= OBJECT_CONTENT_REACH && !/[;。]/.test(sentence.slice(from, t.start))).sort((a, b) => b.end - a.end)[0];
  const named: Array<{ start: number; end: number; remark: RemarkKind; type: CueType; text: string }> = [];
  for (const ref of terms('remark_ref')) {
    for (const c of time) {
      const end = c.at + c.text.length;
      if (c.remark !== 'clarification' && ((ref.start >= end && ref.start - end <= OBJECT_REACH_BEFORE) || (c.at >= ref.end && c.at - ref.end <= OBJECT_REACH_AFTER))) named.push({ start: Math.min(c.at, ref.start), end: Math.max(end, ref.end), remark: c.remark, type: 'when', text: c.text });
    }
    for (const place of REMARK_KINDS.filter((k) => k !== 'clarification')) {
      for (const p of terms(PLACE_OF_REMARK[place])) if (ref.start >= p.end && ref.start - p.end <= OBJECT_REACH_BEFORE) named.push({ start: p.start, end: ref.end, remark: place, type: 'where', text: p.term });
    }
  }
  for (const n of named) {
    const what = saysWhat(n.end);
    if (what) add(n.start, what.end, n.remark, n.type, n.text);
  }
  return out.sort((a, b) => a.start - b.start);
}
