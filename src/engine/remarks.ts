/**
 * Finds sentences that report Finance Minister Kato's statements about the Treasury holdings and says
 * which statement they report: the 2 May 2025 "card" remark, the 4 May clarification, or the April
 * dismissal. The statements (dates, places, quotes) come from data/events.json; the words that signal
 * them from data/vocabulary.json.
 */
import { REMARK_KINDS, REMARK_OF_EVENT_KIND, type RemarkKind, type VocabularyGroup } from '../data/kinds';
import type { TimelineEvent } from '../data/schema';
import { decide, laterOccasions, markerCues, namesOnlyLaterDays, walkedBackObjects, type WalkedBack, PLACE_OF_REMARK, namesLaterOccasion, ownEvidence, possibleStatements, statementDates, timeCues, CUE_WEIGHT, type Attribution, type AttributionCue, type StatementDates } from './attribution';
import { expression, hasTerm, termsIn, termsOf, termsWithin, type Dataset } from './dataset';
import { MONTH_NAMES_EN, WEEKDAYS_EN } from './months';
import { englishFacts, everydayWord, type EnglishFacts } from './clause';
import { quotations, recordedQuoteIn } from './remark-verdict';
import type { Span } from './segment';
import { STOPWORDS } from './stopwords';


/** Blocks back from a "card" sentence within which the holdings must have been named. */
const HOLDINGS_RECENCY_BLOCKS = 3;
/** The first blocks of a text (headline, standfirst, dateline) may name the remark before the holdings. */
const HEADLINE_BLOCKS = 2;
/** Quote n-gram sizes: characters for Japanese, words for English. */
const JA_GRAM = 9;
const EN_GRAM = 5;

// "he said", "the minister added", "…, the minister repeated": Kato still speaking.
// (Forums drop the subject: "Also said whether they use it is a different decision.")
const PRONOUN_SPEAKER =
  /^(?:he|the minister|the finance minister|the finance chief)\b|^(?:also |and |then |later )?(?:said|says|added|told)\s|\b(?:he|the minister|the finance minister|the finance chief)\s+(?:said|says|added|adds|told|tells|noted|notes|stressed|stresses|explained|argued|insisted|replied|answered|continued|repeated|reiterated|emphasized|emphasised|was|had|went on|followed|made clear|acknowledged)\b|\b(?:said|added|told reporters|noted)\s+(?:he|the minister)\b|\b(?:his|the minister's)\s+(?:answer|reply|remarks?|comments?|words)\b/i;
// "he" as the subject of a verb ("he's calling it", "he walked it back", "he already said").
const HE_ACTS = /\bhe(?:'s|’s| has| had| is| was)?\s+(?:(?:already|just|now|then|later|basically|quickly|also|even|never)\s+)?(?:walk|call|said|says|say|hint|suggest|float|signal|describ|clarif|den|rul|back|play|put|told|tell|admit|insist)/i;
// Colloquial Japanese for "said" (threads, blogs): 「…って言ってた」「…って答弁してた」「…とも言っていて」.
const JA_SAID = /って(?:言っ|言う|答弁|話し|発言)|とも?言っ/;
// Japanese drops the subject: a sentence that ends in a speech verb continues the last speaker.
// (「…」とまで言い切った, and a hedged ending: 「…認識を示した形だ」「…と語ったという」.)
// (Polite 「…と答弁していました」, and the plain form of notes and timelines 「…慎重な考えを示す」.)
const JA_SPEAKER = /(?:と|とも|とまで)(?:述べ|語っ|語り|語る|話す|強調|説明|指摘|話し|明らかにし|発言|答え|答弁|言及|釈明|否定|付け加え|明言|認め|話した|したうえで|し、|言い切|言っ)|同氏|同相|(?:述べ|語っ|強調し|説明し|指摘し|答え|答弁し|示し|明らかにし|問われ|釈明し|示唆し)(?:てい)?(?:た|ました)(?:形だ|という|そうだ|そうです)?。?$|(?:考えを|姿勢を|認識を)示す。?$/;
// Kato speaking about the holdings, with nothing yet of what he said: a caption 「米国債について語る加藤財務相」,
// a ticker "Japan's Kato talks Treasuries".
const TALKS_ABOUT = expression(
  (v) =>
    new RegExp(
      `について(?:語|答え|話|述べ|言及|説明)|\\b(?:${v.words(['kato_bare', 'finance_office'], 'en')})\\s+(?:talks|talked|speaks|spoke|discusses|discussed|addresses|addressed|(?:comments|commented|weighs in|weighed in) on)\\b`,
      'iu',
    ),
);
// "Friday, TV Tokyo: "It does exist as a card…"": a place (and day) given as a quotation's source.
const PLACE_QUOTE = /[:：]\s*["“「]/;
// Somebody else is the speaker: "said Dana Kowalczyk", "Bessent said" (data/vocabulary.json "speech_verb").
// Kato, days, months and places before "said" are not speakers ("Kato on Sunday said"): "not_a_speaker".
// Case-sensitive: a speaker is a capitalised name.
const NAMED_OTHER_SPEAKER = expression((v) => {
  const notASpeaker = `(?:${v.words(['kato', 'kato_given_name', 'not_a_speaker'], 'en')}|${WEEKDAYS_EN.join('|')}|${MONTH_NAMES_EN.join('|')})\\b`;
  const verb = v.words('speech_verb', 'en');
  return new RegExp(`\\b(?:${verb})\\s+(?!${notASpeaker})\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{L}+|\\b(?!${notASpeaker})\\p{Lu}\\p{Ll}+\\s+(?:${verb})\\b`, 'u');
});
// 「山城氏は…」「小野寺政調会長も…」: a named person or an office-holder other than Kato as a Japanese sentence's subject.
const JA_NAMED_SUBJECT = /([\p{Script=Han}\p{Script=Katakana}ー]{1,6})(?:氏|さん|会長|社長|代表|長官|総裁|首相|大統領)(?:は|も|が)/gu;
function jaOtherSpeaker(ds: Dataset, sentence: string): boolean {
  for (const m of sentence.matchAll(JA_NAMED_SUBJECT)) if (!JA_KATO(ds).test(m[1]!)) return true;
  return false;
}
const ANY_SPEECH_VERB = expression((v) => new RegExp(`\\b(?:${v.words('speech_verb', 'en')})\\b`, 'i'));
// Kato as the speaker: "Kato said", "said Finance Minister Katsunobu Kato", 加藤財務相は. His names and titles
// are data/vocabulary.json's ("kato_bare", "kato_given_name", "finance_office", "kato_title").
const KATO_SPEAKS = expression((v) => {
  const surname = v.words('kato_bare', 'en');
  const given = v.words('kato_given_name', 'en');
  return new RegExp(
    // ("Kato Takayuki said": his name written family name first, even with a wrong given name.)
    `(?:${surname})\\s+(?:\\p{Lu}\\p{Ll}+\\s+)?(?:(?:had|has|also|later|then|again|himself)\\s+)?(?:said|says|told|added|stressed|noted|explained|insisted|repeated|reiterated|described|suggested|hinted|signall?ed|stated|acknowledged|admitted|clarified)` +
      `|(?:said|says|told)\\s+(?:(?:${v.words('finance_office', 'en')})\\s+)?(?:(?:${given})\\s+)?(?:${surname})` +
      `|(?:${v.words('kato_bare', 'ja')})(?:${v.words('kato_given_name', 'ja')})?(?:${v.words('kato_title', 'ja')})?(?:は|が)`,
    'iu',
  );
});
// A sentence that opens with him: "Japan's Finance Minister Katsunobu Kato …", 加藤….
const KATO_LEADS = expression(
  (v) =>
    new RegExp(
      `^(?:(?:${v.words('japan', 'en')})\\s+)?(?:(?:${v.words('finance_office', 'en')})\\s+)?(?:(?:${v.words('kato_given_name', 'en')})\\s+)?(?:${v.words('kato_bare', 'en')})\\b|^(?:${v.words('japan', 'en')})\\s+(?:${v.words('finance_office', 'en')})\\b|^(?:${v.words('kato_bare', 'ja')})`,
      'iu',
    ),
);
// "• Japan FinMin Kato: …", "- KATO: …", 「■加藤財務相：…」, 加藤「…」: a line that gives him as its speaker (wire
// flashes, bullet lists of quotes, threads), in any case.
const COLON_SPEAKER = expression(
  (v) =>
    new RegExp(
      `^\\s*(?:[-•・■●*]\\s*)?(?:(?:${v.words('japan', 'en')})\\s+)?(?:(?:${v.words('finance_office', 'en')})\\s+)?(?:(?:${v.words('kato_given_name', 'en')})\\s+)?(?:${v.words('kato_bare', 'en')})\\s*:|^\\s*[■・●]?\\s*(?:${v.words(['kato', 'kato_bare'], 'ja')})(?:${v.words('finance_office', 'ja')})?[：:「]`,
      'iu',
    ),
);
// The bare surname as printed ("kato_bare"), capitalised: the word before it says whose it is.
const KATO_EN = expression((v) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${v.words('kato_bare', 'en')})(?![\\p{L}\\p{N}])`, 'gu'));
// "Minister Kato", "Katsunobu Kato": a title or his given name right before a bare "Kato" (case as printed).
const TITLED_BEFORE = expression((v) => new RegExp(`(?:${v.words(['kato_title', 'kato_given_name'], 'en')})\\s*$`));
// "Japan's Kato": the country's Kato is the minister.
const JAPAN_BEFORE = expression((v) => new RegExp(`^(?:${v.words('japan', 'en')})$`));
const JA_KATO = expression((v) => new RegExp(v.words('kato_bare', 'ja')));
// A capitalised word right before "Kato" that is a given name marks another person ("Shinichi Kato");
// his titles and given name, sentence openers and function words ("not_a_given_name") do not.
const NOT_A_GIVEN_NAME = expression((v) => new RegExp(`^(?:${v.words(['not_a_given_name', 'kato_title', 'kato_given_name', 'kato_bare'], 'en')})$`, 'i'));
// "Finance Minister Shunichi Kato": a wrong given name right after his title (outlets' slips) is still the
// minister; "finance chief Naoki Kato" is a company's. The title as printed ("kato_title"), capitalised.
const OFFICE_BEFORE_GIVEN = expression((v) => new RegExp(`(?<![\\p{L}])(?:${v.words('kato_title', 'en')})\\s+\\p{Lu}\\p{Ll}+\\s+$`, 'u'));
// 片山さつき財務相: a name before the Japanese title is another minister, unless it is his or no name at all.
const JA_OFFICE = expression((v) => new RegExp(`([\\p{Script=Han}\\p{Script=Hiragana}]{2,6})(?:${v.words('finance_office', 'ja')})`, 'gu'));
const NOT_ANOTHER_MINISTER = expression((v) => new RegExp(v.words(['kato_bare', 'office_qualifier'], 'ja')));
// "Finance Minister Satsuki Katayama": a name after the English title that is not his.
const OTHER_NAME_AFTER_OFFICE = expression((v) => new RegExp(`^,?\\s+(?!${v.words('kato', 'en')})\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+`, 'u'));
// Kato speaking about what he himself said: after Milan, that is the clarification.
// ("In his words: …" only introduces a quote.)
const OWN_REMARKS = /(?<!\bin\s)\b(?:his|my)\s+(?:(?:earlier|previous|prior|original|own|Friday's)\s+)?(?:(?:television|TV|televised|interview)\s+)?(?:remarks?|comments?|words|answer)\b|\bwhat I (?:said|meant)\b|自身の発言|私の発言/i;
// "a promise not to sell easily": the commitment the card remark was about, not a walk-back.
const OR_NOT = /\b(?:whether or not|or not)\b/gi;
// Japanese speech verbs anywhere in a sentence (「何を語ったか」), not only at its end.
const JA_SPEECH = expression((v) => new RegExp(v.words('speech_verb', 'ja')));
/** A line this short without a full stop is a heading or subhead ("■ミラノでの修正", "Chapter 2: The Milan walk-back"). */
const HEADING_CHARS = 60;
// How others read or reported the remark: 「…」と報じ, 受け止め, "reported abroad as a hint", "was read by some traders as".
const MEDIA_READING = expression((v) => new RegExp(`${v.words('media_reading', 'ja')}|\\b(?:${v.words('media_reading', 'en')})(?:\\s+\\S+){0,4}?\\s+as\\b`, 'i'));
const SECTION_HEAD = /^\s*[■□◆◇●○▼▽▶【]/;
// An English question by its form: "Q:", or an auxiliary or question word first, and a question mark last.
const QUESTION = /^\s*(?:Q\s*[:.]\s*)?(?:did|does|do|is|are|was|were|will|would|can|could|should|has|have|why|what|how|who|when)\b[^?]*\?\s*$/i;
const HASHTAGS = /^\s*(?:[#＃][^\s#＃]+[\s　]*){2,}$/u;
/** A sentence's closing stop: a line without one is a headline, subhead, caption or ticker line. */
const FINAL_STOP = /[。.!?]["”」]?\s*$/;
const QUESTION_ONLY = /\b(?:was|were)(?: not)? asked\b|\b(?:answering|responding to|replying to)\s+an?\s+(?:[\w-]+\s+){0,3}(?:lawmaker|legislator|member of parliament|MP)\b|\bthe question (?:of|in|on) the (?:program|programme|show|interview)\b|\bthe question was\b|問われたのは|質問は|と質問した|等と質問|と問いただ/i;
const JA_QUESTION_END = /(?:か|かを|かと|について)(?:問われ|聞かれ|質問され)(?:た|ました)。?$/;
const NEGATION = /\b(?:not|no|never|don't|doesn't|didn't|won't|isn't|wasn't|weren't)\b|ない|ません|ではない|せず|しない|ず(?=[」』、。\s]|$)/i;
// The holdings named as such ("holdings_noun"). Case-sensitive: "Holdings" is as often a company's name.
const HOLDINGS_NOUN = expression((v) => new RegExp(`\\b(?:${v.words('holdings_noun', 'en')})\\b|${v.words('holdings_noun', 'ja')}`));

export type DocRemarkContext = {
  /** The page names Kato as finance minister somewhere ("Finance Minister Katsunobu Kato", 加藤財務相). */
  katoIsFinanceMinister: boolean;
  /** The page is about the holdings (names Treasuries). */
  aboutHoldings: boolean;
  /** The page names another person called Kato. */
  otherKato: boolean;
  quoteIndex: QuoteIndex;
  /** The statements' dates, from the timeline. */
  dates: StatementDates;
  /** Later occasions he spoke about the holdings. */
  occasions: ReturnType<typeof laterOccasions>;
  /** What the whole page most likely reports (by the places it names, else by its date): a weak default frame. */
  prior?: RemarkKind;
};

type QuoteIndex = Map<string, TimelineEvent>;
const quoteIndexes = new WeakMap<Dataset, QuoteIndex>();

const normalize = (s: string) =>
  s
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[‘’＇]/g, "'")
    .replace(/[“”＂]/g, '"')
    .toLowerCase();

// n-grams made of function words ("ているわけではない", "it is not that") say nothing about which quote.
const CONTENT_CHARS = /[\p{Script=Han}\p{Script=Katakana}a-z0-9]/gu;

function jaGrams(s: string): string[] {
  const clean = normalize(s).replace(/[\s、。，．,.「」『』"'…—・]/g, '');
  const out: string[] = [];
  for (let i = 0; i + JA_GRAM <= clean.length; i++) {
    const g = clean.slice(i, i + JA_GRAM);
    if ((g.match(CONTENT_CHARS)?.length ?? 0) >= 3) out.push(g);
  }
  return out;
}
function enGrams(s: string): string[] {
  const words = normalize(s).match(/[a-z0-9']+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i + EN_GRAM <= words.length; i++) {
    const g = words.slice(i, i + EN_GRAM);
    if (g.filter((w) => !STOPWORDS.has(w)).length >= 3) out.push(g.join(' '));
  }
  return out;
}

/** n-grams of every quote of the remark, clarification and dismissal, each pointing at its event. */
function quoteIndex(ds: Dataset): QuoteIndex {
  let index = quoteIndexes.get(ds);
  if (index) return index;
  index = new Map();
  const ambiguous = new Set<string>();
  for (const e of ds.raw.events.events) {
    if (!REMARK_OF_EVENT_KIND[e.kind]) continue;
    for (const q of e.quotes) {
      for (const g of q.lang === 'ja' ? jaGrams(q.text) : enGrams(q.text)) {
        const seen = index.get(g);
        if (seen && seen.id !== e.id) ambiguous.add(g);
        index.set(g, e);
      }
    }
  }
  for (const g of ambiguous) index.delete(g);
  quoteIndexes.set(ds, index);
  return index;
}

/** The event whose quote the sentence repeats, with how many n-grams it shares. */
function quotedEvent(doc: DocRemarkContext, sentence: string): { event: TimelineEvent; grams: number } | undefined {
  if (!sentence) return undefined;
  const counts = new Map<TimelineEvent, number>();
  // Where the sentence quotes somebody, only the quoted words can repeat a recorded quote: the rest is the
  // writer's, and may borrow a later quote's words about an earlier statement. Unquoted copy (headlines,
  // machine translation) is read whole.
  const quoted = quotations(sentence);
  const words = quoted.length ? quoted.join(' … ') : sentence;
  const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(words);
  for (const g of japanese ? [...jaGrams(words), ...enGrams(words)] : enGrams(words)) {
    const e = doc.quoteIndex.get(g);
    if (e) counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  let best: { event: TimelineEvent; grams: number } | undefined;
  for (const [event, grams] of counts) if (!best || grams > best.grams) best = { event, grams };
  return best;
}

/**
 * In steps, one pass over the text each: on a huge page the text is every candidate window joined
 * (megabytes on a page with a thousand mentions), and the passes together were one long task.
 */
export function* docRemarkContextSteps(ds: Dataset, text: string, published?: string): Generator<void, DocRemarkContext, void> {
  const office = (around: string) => hasTerm(ds, 'finance_office', around) || hasTerm(ds, 'finance_ministry', around);
  let officeNearKato = false;
  for (const k of termsIn(ds, 'kato', text)) {
    if (hasTerm(ds, 'kato_full', k.term) || office(text.slice(Math.max(0, k.start - 40), Math.min(text.length, k.end + 40)))) {
      officeNearKato = true;
      break;
    }
  }
  yield;
  if (!officeNearKato) {
    for (const k of termsIn(ds, 'kato_bare', text)) {
      if (office(text.slice(Math.max(0, k.start - 20), Math.min(text.length, k.end + 20)))) {
        officeNearKato = true;
        break;
      }
    }
    yield;
  }
  // "Takeshi Kato, chief investment officer": another Kato on the page makes a bare "Kato" ambiguous.
  let otherKato = false;
  for (const k of text.matchAll(KATO_EN(ds))) {
    const given = /(?<!\p{L})(\p{Lu}\p{Ll}+)[ \t]+$/u.exec(text.slice(Math.max(0, k.index - 20), k.index))?.[1];
    if (given && !NOT_A_GIVEN_NAME(ds).test(given) && !everydayWord(given) && !OFFICE_BEFORE_GIVEN(ds).test(text.slice(Math.max(0, k.index - given.length - 40), k.index))) {
      otherKato = true;
      break;
    }
  }
  yield;
  const dates = statementDates(ds);
  const placeCounts: Array<readonly [RemarkKind, number]> = [];
  for (const [g, k] of PLACE_GROUPS) {
    placeCounts.push([k, termsIn(ds, g, text).length]);
    yield;
  }
  const prior = pagePrior(placeCounts, dates, published);
  return {
    // A story about the holdings that names only "Japan's finance minister" (in 2025, Kato) counts too.
    katoIsFinanceMinister:
      (officeNearKato && !(otherKato && !hasTerm(ds, 'kato_full', text))) ||
      (hasTerm(ds, 'treasuries', text) && hasTerm(ds, 'finance_office', text) && !anotherMinister(ds, text) && !otherKato),
    otherKato,
    aboutHoldings: hasTerm(ds, 'treasuries', text),
    quoteIndex: quoteIndex(ds),
    dates,
    occasions: laterOccasions(ds),
    ...(prior ? { prior } : {}),
  };
}

/** Days after a statement within which a page's headline most likely reports it. */
const RECENCY_DAYS = 10;
/**
 * What the whole page most likely reports, for sentences with nothing of their own: the statement whose
 * place it names most (by a clear lead), else the latest statement made shortly before the page's date.
 */
function pagePrior(placeCounts: ReadonlyArray<readonly [RemarkKind, number]>, dates: StatementDates, published: string | undefined): RemarkKind | undefined {
  const counts = [...placeCounts].sort((a, b) => b[1] - a[1]);
  if (counts[0]![1] >= counts[1]![1] + 2) return counts[0]![0];
  if (!published) return counts[0]![1] > counts[1]![1] ? counts[0]![0] : undefined;
  const pub = Date.parse(published) / 86_400_000;
  const recent = dates.filter((d) => d.day <= pub && pub - d.day <= RECENCY_DAYS).sort((a, b) => b.day - a.day)[0];
  return recent?.remark ?? (counts[0]![1] > counts[1]![1] ? counts[0]![0] : undefined);
}

/** Each statement with the vocabulary group of its place. */
const PLACE_GROUPS = REMARK_KINDS.map((remark) => [PLACE_OF_REMARK[remark], remark] as const);


/** Whether the sentence names the finance minister Kato (not another Kato). */
function namesKato(ds: Dataset, sentence: string, doc: DocRemarkContext): boolean {
  if (hasTerm(ds, 'kato_full', sentence)) return true;
  const topical = hasTerm(ds, 'treasuries', sentence) || hasTerm(ds, 'card', sentence) || (doc.aboutHoldings && HOLDINGS_NOUN(ds).test(sentence));
  for (const m of sentence.matchAll(KATO_EN(ds))) {
    const before = /(\S+)\s+$/u.exec(sentence.slice(Math.max(0, m.index - 16), m.index))?.[1] ?? '';
    const givenName = /^\p{Lu}\p{Ll}+$/u.test(before) && !NOT_A_GIVEN_NAME(ds).test(before) && !everydayWord(before) && !OFFICE_BEFORE_GIVEN(ds).test(sentence.slice(Math.max(0, m.index - 56), m.index));
    if (givenName) continue;
    // With another Kato on the page, a bare "Kato" is the minister only next to his title.
    if (doc.otherKato && !TITLED_BEFORE(ds).test(before) && !hasTerm(ds, 'finance_office', sentence)) continue;
    if (doc.katoIsFinanceMinister || topical || JAPAN_BEFORE(ds).test(before) || hasTerm(ds, 'finance_office', sentence)) return true;
  }
  if (JA_KATO(ds).test(sentence)) {
    if (hasTerm(ds, 'kato_honorific', sentence) && doc.katoIsFinanceMinister) return true;
    if (hasTerm(ds, 'finance_office', sentence)) return true;
    // A bare 加藤 (forums) next to the card or the holdings, on a page where he is the only Kato, is him.
    if (doc.katoIsFinanceMinister && !doc.otherKato && topical) return true;
  }
  // "Japan's finance minister said…" in a story about the holdings: Kato held the office then.
  if (doc.aboutHoldings && hasTerm(ds, 'finance_office', sentence)) {
    return !anotherMinister(ds, sentence);
  }
  return false;
}

/** "Finance Minister Satsuki Katayama", 片山さつき財務相: someone other than Kato holds the title in this text. */
function anotherMinister(ds: Dataset, text: string): boolean {
  for (const office of termsIn(ds, 'finance_office', text)) {
    if (OTHER_NAME_AFTER_OFFICE(ds).test(text.slice(office.end, office.end + 24))) return true;
  }
  for (const m of text.matchAll(JA_OFFICE(ds))) {
    if (!NOT_ANOTHER_MINISTER(ds).test(m[1]!)) return true;
  }
  return false;
}

/** Whether a quotation is still open after this sentence (quotes can span several sentences). */
function quoteStillOpen(sentence: string, open: boolean): boolean {
  let state = open;
  for (const ch of sentence) {
    if (ch === '“' || ch === '「') state = true;
    else if (ch === '”' || ch === '」') state = false;
    else if (ch === '"') state = !state;
  }
  return state;
}

/** Blocks after a remark sentence within which a continuing "he said" sentence still reports it. */
const CONTINUATION_BLOCKS = 1;
/** Own evidence (without the frame) each part of a split sentence needs before it is reported as two statements. */
const SPLIT_EVIDENCE = 2;
// Where one sentence can turn from one statement to another: "…, walking back comments that hinted…",
// "on Friday it 'does exist as a card' and on Sunday it was never meant…",
// "…, before clarifying…", 「…と発言し、その後…」, 「…と発言、4日に…」, 「…」、4日には…, 「…考えを示した後、…」.
// A headline "From 'a card' to 'not considering a sale'" / 「カード」から「売却考えず」へ turns at its "to".
const SPLIT_AT = /,["”’']?\s+|;\s+|\s(?=and\s+(?:on|in|then|later)\s)|\s[—–]\s|\s(?=(?:that|which|suggesting|hinting|before|after)\s)|\s(?=to\s+["“‘'])|(?<=[しがもべりてで]、)|(?<=ものの、)|(?<=後、)|(?<=後に、)|(?<=[」』]から)|(?<=[」』]、)|(?<=発言、)/g;

/** Where a quotation opens: a recorded quote's cue stands there. */
const QUOTE_OPEN = /[“"「『‘]/;
const SPEECH_CUT = /(?:述べ|発言し|語り|話し|指摘し|強調し|示し|明かし)、$|,\s+$/;
/** How much a cut right after a speech verb is preferred to other cuts. */
const SPEECH_CUT_BONUS = 4;

export type RemarkFinding = {
  start: number;
  end: number;
  attribution: Attribution;
  /** The recorded quote the part repeats, if any. */
  quote?: { event: TimelineEvent; grams: number };
};

/** Classifies a sentence and remembers the result for the sentences that continue it. */
export function classifyRemark(...args: Parameters<typeof classifySentence>): RemarkFinding[] {
  const found = classifySentence(...args);
  const [, , , blockIndex, doc, state] = args;
  // A sentence that reports two statements recalls the earlier one ("…, walking back remarks on Friday that
  // hinted…"): "He added…" after it goes on with the later one.
  const day = (k: RemarkKind) => doc.dates.find((d) => d.remark === k)?.day ?? 0;
  const last = found.length > 1 ? [...found].sort((a, b) => day(b.attribution.remark) - day(a.attribution.remark))[0] : found[0];
  if (last) {
    state.lastRemark = { kind: last.attribution.remark, block: blockIndex };
    // The headline and lede set the article's frame: later sentences without markers default to it.
    if (blockIndex <= HEADLINE_BLOCKS) for (const f of found) for (const c of f.attribution.cues) if (c.type !== 'frame') state.frame[c.remark] = (state.frame[c.remark] ?? 0) + c.weight;
  }
  return found;
}

export type RemarkState = {
  lastSpeakerKato: boolean;
  /** A quotation opened in an earlier sentence and not yet closed. */
  openQuote: boolean;
  /** The block of the last line that gave him as its speaker ("Kato: …"). */
  colonSpeakerBlock?: number;
  /** Index of the last block that named the holdings. */
  holdingsBlock: number;
  /** The last remark found, and in which block: "He also stressed…" continues the same statement. */
  lastRemark?: { kind: RemarkKind; block: number };
  /** Evidence the headline and lede gave for each statement. */
  frame: Partial<Record<RemarkKind, number>>;
  /** Told why each candidate sentence was not taken (a developer's trace; unset in the page). */
  trace?: (why: string) => void;
};

/** Records why a candidate sentence was not taken, when the caller asked for a trace (`npm run score -- -v` shows it for missed sentences). */
function reject(state: RemarkState, why: string): RemarkFinding[] {
  state.trace?.(why);
  return [];
}

export const newRemarkState = (): RemarkState => ({ lastSpeakerKato: false, openQuote: false, holdingsBlock: -1, frame: {} });

const cardAsThings = new WeakMap<Dataset, RegExp>();
/** "his 'card' comment", 「カード」発言: the remark named as a thing, no evidence that this sentence reports it. */
function cardAsThing(ds: Dataset): RegExp {
  let re = cardAsThings.get(ds);
  if (!re) {
    const src = (g: VocabularyGroup) => ds.has.get(g)!.source;
    re = new RegExp(`(?:${src('card')})[’'"”」』]?\\s*(?:${src('remark_ref')})`, 'iu');
    cardAsThings.set(ds, re);
  }
  return re;
}

/** The statement made before another one, by the timeline. */
function statementBefore(dates: StatementDates, remark: RemarkKind): RemarkKind | undefined {
  const day = dates.find((d) => d.remark === remark)?.day;
  return day === undefined ? undefined : dates.filter((d) => d.day < day).sort((a, b) => b.day - a.day)[0]?.remark;
}

/** The page's prior weighs this share of a headline's frame. */
const PAGE_PRIOR_SHARE = 0.75;

function frameCue(doc: DocRemarkContext, state: RemarkState, blockIndex: number, continues: boolean): AttributionCue | undefined {
  const last = state.lastRemark;
  if (continues && last && blockIndex - last.block <= CONTINUATION_BLOCKS) return { type: 'frame', remark: last.kind, text: 'continues', weight: CUE_WEIGHT.frame };
  const page = doc.prior ? { type: 'frame' as const, remark: doc.prior, text: 'page', weight: CUE_WEIGHT.frame * PAGE_PRIOR_SHARE } : undefined;
  if (blockIndex <= HEADLINE_BLOCKS) return page;
  const ranked = (Object.entries(state.frame) as Array<[RemarkKind, number]>).sort((a, b) => b[1] - a[1]);
  if (ranked[0] && ranked[0][1] > (ranked[1]?.[1] ?? 0)) return { type: 'frame', remark: ranked[0][0], text: 'headline', weight: CUE_WEIGHT.frame };
  return page;
}

function classifySentence(
  ds: Dataset,
  text: string,
  s: Span,
  blockIndex: number,
  doc: DocRemarkContext,
  state: RemarkState,
  published: string | undefined,
): RemarkFinding[] {
  const sentence = text.slice(s.start, s.end);
  // The sentence's vocabulary terms, found once per group, serve the gate and the attribution alike.
  const allTerms = termsOf(ds, sentence);
  const has = (group: VocabularyGroup) => allTerms(group).length > 0;
  const treasuries = has('treasuries');
  const holdings = treasuries || HOLDINGS_NOUN(ds).test(sentence);
  if (holdings) state.holdingsBlock = blockIndex;

  // Who is speaking.
  const insideQuote = state.openQuote && state.lastSpeakerKato;
  state.openQuote = quoteStillOpen(sentence, state.openQuote);
  const otherSpeaker = has('other_speaker') || NAMED_OTHER_SPEAKER(ds).test(sentence) || jaOtherSpeaker(ds, sentence);
  // "Katsunobu Kato, Japan's finance minister, used a TV interview … the first time a senior official…":
  // with Kato as the sentence's subject, another person named later is not its speaker.
  const colonSpeaker = COLON_SPEAKER(ds).test(sentence) && doc.katoIsFinanceMinister && (!doc.otherKato || hasTerm(ds, 'kato_full', sentence));
  const explicit = colonSpeaker || (namesKato(ds, sentence, doc) && !(otherSpeaker && !KATO_SPEAKS(ds).test(sentence) && !KATO_LEADS(ds).test(sentence)));
  // His words go on: a pronoun or title as speaker, a Japanese speech verb, or a quotation with nobody
  // else named as saying it ("Then the kicker: “Whether or not we use that card…”").
  const speechVerb = ANY_SPEECH_VERB(ds);
  // (Japanese sets terms and emphasis in 「」 too: there only a speech verb or his recorded words continue him.)
  const quotationNoOtherSpeaker =
    (/[“"]/.test(sentence) && !speechVerb.test(sentence.replace(/\b(?:he|the minister)\s+said\b/i, ''))) || (/「/.test(sentence) && state.lastSpeakerKato && quotations(sentence).length > 0 && Boolean(recordedQuoteIn(ds, sentence)));
  // A section heading (■…, 【…】) starts something new: it continues nobody's words.
  const sectionHead = SECTION_HEAD.test(sentence);
  // The rest of a line he was given as the speaker of ("■加藤財務相：…。…。") is his too.
  const colonLine = state.colonSpeakerBlock === blockIndex;
  if (colonSpeaker) state.colonSpeakerBlock = blockIndex;
  // "Now he's calling it a card", "he walked it back in Milan today" (forums, replies): on a page where Kato
  // is the only Kato and nobody else is named here, "he" doing one of the statements' acts is him.
  // Japanese threads drop the subject: 「切るかどうかは別って言ってんだから」.
  const pronounAct =
    doc.katoIsFinanceMinister && !doc.otherKato && !otherSpeaker && (HE_ACTS.test(sentence) || JA_SAID.test(sentence)) && (has('card') || has('clarification') || has('remark_act') || has('dismissal'));
  const continues =
    !explicit && !sectionHead && !otherSpeaker && (pronounAct || (state.lastSpeakerKato && (insideQuote || colonLine || PRONOUN_SPEAKER.test(sentence) || JA_SPEAKER.test(sentence) || quotationNoOtherSpeaker)));
  if (explicit) state.lastSpeakerKato = true;
  else if (otherSpeaker || (!continues && speechVerb.test(sentence))) state.lastSpeakerKato = false;

  // Nobody named or continuing, and no Kato on the page: this sentence cannot report his remarks.
  if (!explicit && !continues && !doc.katoIsFinanceMinister) return reject(state, 'no Kato');
  // The author's own reading ("this marks a shift") is not a report of what he said.
  // A headline that names the remark ("Kato's 'card' remark stirs markets") still reports it.
  if (has('commentary') && !KATO_SPEAKS(ds).test(sentence) && !(has('card') && has('remark_ref'))) return reject(state, 'commentary');
  const card = has('card');
  const threat = has('threat');
  const remarkRef = has('remark_ref');
  // Only a sentence that could be a remark pays for the quote look-up.
  const quoted = explicit || continues || (doc.katoIsFinanceMinister && !otherSpeaker) ? quotedEvent(doc, sentence) : undefined;
  // His recorded words, quoted as a whole or word for word (remark-verdict.ts), wherever they stand.
  const recorded = Boolean(recordedQuoteIn(ds, sentence));
  // The remark named as a thing ("the 'card' remark", 「カード」発言) or a Japan-threatens headline.
  // Headlines and subheads come before the text that names the holdings, and make Japan the speaker.
  const headline = doc.aboutHoldings && blockIndex <= HEADLINE_BLOCKS;
  // On a page about the minister and the holdings, "Japan hints at Treasury leverage" or "Tokyo could
  // use its pile as a card" reports his statement: the country speaks through him.
  const statementWords = card || threat || has('remark_act') || has('clarification') || has('dismissal');
  const recentHoldings = holdings || (state.holdingsBlock >= 0 && blockIndex - state.holdingsBlock <= HOLDINGS_RECENCY_BLOCKS);
  const holdingsWord = treasuries || has('holding') || recentHoldings || headline;
  const implied = doc.aboutHoldings && statementWords && holdingsWord && (has('japan') || has('finance_office') || headline);
  // "■ミラノでの修正", "Chapter 2: The Milan walk-back": where a statement was made, and what was done there.
  const namesPlace = PLACE_GROUPS.some(([place]) => has(place));
  const heading = sentence.length <= HEADING_CHARS && !FINAL_STOP.test(sentence);
  const placeAct = heading && namesPlace && (has('remark_act') || has('clarification') || has('dismissal') || JA_SPEECH(ds).test(sentence));
  // 「日本が米国債の売却をちらつかせた」と報じられ, "widely reported abroad as a hint that Tokyo might dump":
  // how the remark was read is the remark, reported (falsely), whoever reads it.
  const recentRemark = Boolean(state.lastRemark && blockIndex - state.lastRemark.block <= CONTINUATION_BLOCKS);
  const mediaReading = (remarkRef || recentRemark) && MEDIA_READING(ds).test(sentence) && (threat || has('remark_act') || card) && recentHoldings;
  const namedRemark =
    doc.katoIsFinanceMinister &&
    (mediaReading ||
      (!otherSpeaker && ((card && remarkRef) || implied || placeAct || ((threat || (card && headline)) && has('japan') && treasuries) || (quoted?.grams ?? 0) >= 3)));
  if (!explicit && !continues && !namedRemark) return reject(state, 'not named or continuing');
  // 「米国債カード」は切れるのか, "Japan's trump card": the card as a topic, with nobody saying anything
  // and none of his recorded words, is the writer's subject, not a report of what he said.
  const acts = has('remark_act') || has('clarification') || has('dismissal') || threat;
  if (!explicit && !continues && !acts && !remarkRef && !quoted && !JA_SPEAKER.test(sentence) && !JA_SPEECH(ds).test(sentence) && !speechVerb.test(sentence) && !recorded) return reject(state, 'a topic, nobody speaking');

  const sell = has('sell');
  // Far from any mention of the holdings, only Kato himself speaking of a card or of selling still counts.
  // (A statement's place and act together, "he walked it back in Milan", name it wherever they stand.)
  if (!recentHoldings && !quoted && !recorded && !headline && !(doc.aboutHoldings && (threat || (card && remarkRef) || ((explicit || pronounAct) && (card || has('sell') || has('clarification'))) || (namesPlace && (acts || PLACE_QUOTE.test(sentence)))))) return reject(state, 'no holdings nearby');
  // Something about the holdings must be said: a card, selling, a walk-back, a ruling-out, their purpose.
  const stance = has('stance') && holdings;
  // His own words in quotation marks say something whatever their subject: they are what he said.
  const quotesHim =
    quotations(sentence).length > 0 && ((explicit && holdings) || (continues && Boolean(state.lastRemark && blockIndex - state.lastRemark.block <= CONTINUATION_BLOCKS)));
  // Naming where a statement was made ("speaking to reporters in Milan", "the remarks on TV Tokyo") with a
  // speech verb or a remark noun is reporting it, whatever it goes on to say.
  const reportsPlace = namesPlace && (remarkRef || speechVerb.test(sentence) || JA_SPEAKER.test(sentence) || PLACE_QUOTE.test(sentence));
  // (Only in a headline, caption or ticker line, without a final stop: in running text "Kato spoke about the
  // holdings" only introduces what he said.)
  const talksAbout = explicit && treasuries && !FINAL_STOP.test(sentence) && TALKS_ABOUT(ds).test(sentence);
  // Kato himself putting the holdings in the talks ("won't wield its Treasury holdings in tariff talks,
  // finance minister says", "put the country's U.S. debt holdings on the negotiating table").
  const inTalks = explicit && treasuries && has('negotiation');
  // What the sentence itself says was said: a card, selling, a threat, or a statement's act.
  const saysWhat = card || threat || sell || has('clarification') || has('dismissal') || (has('remark_act') && holdings);
  const says = saysWhat || stance || quotesHim || reportsPlace || talksAbout || inTalks || Boolean(quoted) || recorded || (remarkRef && holdings);
  if (!says) return reject(state, 'says nothing about the holdings');
  // "Q: Did Japan say it would sell its Treasuries?": a question asks what was said; it reports nothing.
  if (QUESTION.test(sentence) && !/[“"「]/.test(sentence)) return reject(state, 'a question');
  // "#米国債　#加藤財務相　#関税": a line of hashtags.
  if (HASHTAGS.test(sentence)) return reject(state, 'hashtags');
  // A question put to him ("he was not asked whether…") is not something he said.
  if (QUESTION_ONLY.test(sentence) && !speechVerb.test(sentence.replace(QUESTION_ONLY, '')) && !JA_SPEAKER.test(sentence)) return reject(state, 'a question put to him');
  // 「…交渉の手段になり得るかを問われた。」: the question alone, his answer in the next sentence.
  if (JA_QUESTION_END.test(sentence) && !/「[^」]*」\s*(?:と|とも)/.test(sentence)) return reject(state, 'a question put to him');

  // Dated to a later press conference ("On Friday he repeated…" in a 13 June story): another occasion.
  // (A sentence that also names one of the three statements' days still reports that statement.)
  const allTime = timeCues(doc.dates, sentence, published);
  // A day after all three, with no act of one of them ("on Tuesday he repeated…" a week on): another occasion.
  // (The Diet and TV saw him again later; Milan did not.)
  const laterDay = !acts && !has('clarification_place') && namesOnlyLaterDays(doc.dates, sentence, published);
  // (Milan saw no later statement: a sentence that names it reports the walk-back, whatever else it goes on to.)
  if (!allTime.length && !has('clarification_place') && (namesLaterOccasion(doc.occasions, sentence, published) || laterDay)) return reject(state, 'a later occasion');
  // What he said only later ("left with me and Bessent"), with no day or place of the three statements.
  if (has('later_statement') && !allTime.length && !namesPlace) return reject(state, 'a later statement');
  const { possible, unlikely } = possibleStatements(doc.dates, published);
  // compromise reads the whole sentence once, and only when a negation or a pluperfect could matter.
  const english = !/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sentence);
  let parsed: EnglishFacts | undefined;
  const sentenceFacts = () => (parsed ??= englishFacts(sentence));
  // A part of the sentence reads its own share of the sentence's days and terms.
  const attribute = (from: number, to: number, withFrame: boolean): Attribution | undefined => {
    const part = sentence.slice(from, to);
    const terms = from === 0 && to === sentence.length ? allTerms : termsWithin(allTerms, from, to);
    const time = allTime.filter((c) => c.at >= from && c.at < to).map((c) => ({ ...c, at: c.at - from }));
    // A part repeats a recorded quote only if the sentence does.
    const q = part === sentence ? quoted : quoted && quotedEvent(doc, part);
    // A quotation that matches a recorded quote as a whole names its event, whatever n-grams it shares.
    const recordedQuote = recordedQuoteIn(ds, part);
    // Negation inside a card phrase ("whether to play the card or not", 切るか切らないか) negates nothing,
    // nor does "whether we use it or not"; in English, compromise says whether a verb is negated at all.
    const cardTerms = terms('card');
    const outsideCards = cardTerms.reduceRight((acc, t) => acc.slice(0, t.start) + ' '.repeat(t.end - t.start) + acc.slice(t.end), part).replace(OR_NOT, ' ');
    const aboutSelling = terms('sell').length > 0 || cardTerms.length > 0 || terms('means').length > 0;
    const negated = aboutSelling && terms('commitment').length === 0 && NEGATION.test(outsideCards) && (!english || sentenceFacts().negatedVerb);
    // After Milan, Kato speaking about "his remarks" is explaining them: the clarification.
    // (He must be speaking before he names them: "His words, roughly: …" only introduces a quote.)
    const ownMatch = KATO_SPEAKS(ds).test(part) || PRONOUN_SPEAKER.test(part) ? OWN_REMARKS.exec(part) : null;
    const own = ownMatch && (speechVerb.test(part.slice(0, ownMatch.index)) || JA_SPEAKER.test(part) || /[\p{Script=Han}]/u.test(ownMatch[0])) ? ownMatch : null;
    const cues = markerCues(terms, time, part, q ? { remark: REMARK_OF_EVENT_KIND[q.event.kind]!, grams: q.grams, text: q.event.id } : undefined, {
      negated,
      cardAsThing: cardTerms.length > 0 && terms('remark_ref').length > 0 && cardAsThing(ds).test(part),
      ...(own ? { ownRemarks: { text: own[0], at: own.index } } : {}),
    });
    const recordedKind = recordedQuote ? REMARK_OF_EVENT_KIND[recordedQuote.event.kind] : undefined;
    // The holdings put in the talks is the remark; kept out of them ("won't wield…") is April's or Milan's
    // answer. Only where nothing else says what was said: a card, selling or an act decide by themselves.
    if (inTalks && !saysWhat && terms('negotiation').length) {
      if (NEGATION.test(part)) for (const remark of ['clarification', 'earlier_dismissal'] as const) cues.push({ type: 'content', remark, text: terms('negotiation')[0]!.term, weight: CUE_WEIGHT.content * 0.5 });
      else cues.push({ type: 'content', remark: 'card_remark', text: terms('negotiation')[0]!.term, weight: CUE_WEIGHT.content });
    }
    // (Placed at its quotation mark, so that a cut or a walk-back's object keeps it on its side.)
    const quoteAt = part.search(QUOTE_OPEN);
    if (recordedKind && !q) cues.push({ type: 'quote', remark: recordedKind, text: recordedQuote!.event.id, weight: CUE_WEIGHT.quote * 3, ...(quoteAt >= 0 ? { at: quoteAt } : {}) });
    if (withFrame) {
      const f = frameCue(doc, state, blockIndex, continues);
      // "Kato had said on Friday…" in a story framed by a later statement: what it reports came before.
      const earlier = f && english && sentenceFacts().pluperfectSpeech ? statementBefore(doc.dates, f.remark) : undefined;
      if (f) cues.push(earlier ? { type: 'frame', remark: earlier, text: 'had said', weight: f.weight } : f);
    }
    // His recorded words of a later statement than the page's date: the page was updated (a thread, a live
    // page), and that statement is possible after all.
    // (Only words that are that statement's alone: a quote it repeats from an earlier one proves nothing.)
    // So is a later statement named by its place and an act ("Update: he walked it back today in Milan").
    const laterKind = recordedKind && q && REMARK_OF_EVENT_KIND[q.event.kind] === recordedKind ? recordedKind : undefined;
    const placedLater = REMARK_KINDS.filter((k) => !possible.has(k) && terms(PLACE_OF_REMARK[k]).length > 0 && cues.some((c) => c.type === 'act' && c.remark === k));
    const quotedLater = laterKind || placedLater.length ? new Set([...possible, ...(laterKind ? [laterKind] : []), ...placedLater]) : possible;
    return decide(cues, quotedLater, unlikely);
  };

  const whole = attribute(0, sentence.length, true);
  if (!whole) return reject(state, 'no marker');
  // With nothing of its own but the article's frame, a sentence must at least be somebody speaking.
  // A speech act of its own ("clarified", "has made clear he has no intention") is somebody speaking too.
  const speaking = insideQuote || statementWords || inTalks || talksAbout || colonSpeaker || speechVerb.test(sentence) || PRONOUN_SPEAKER.test(sentence) || JA_SPEAKER.test(sentence) || /[“"「]/.test(sentence);
  if (!ownEvidence(whole) && !speaking) return reject(state, 'frame only, nobody speaking');
  // A sentence that reports two statements ("…walking back comments that hinted…") is reported as two.
  // Only a sentence with evidence for two statements is worth cutting.
  // (A negation counts for April and Milan alike: it makes no rival of its own.)
  const rivals = new Set(whole.cues.filter((c) => c.type !== 'frame' && !(c.type === 'content' && c.weight < CUE_WEIGHT.content)).map((c) => c.remark));
  // A cut is worth trying only where markers of two statements stand on its two sides.
  const placed = whole.cues.filter((c) => c.type !== 'frame' && c.at !== undefined);
  const viable = (from: number, cut: number, to: number) => {
    const left = new Set(placed.filter((c) => c.at! >= from && c.at! < cut).map((c) => c.remark));
    return placed.some((c) => c.at! >= cut && c.at! < to && (left.size > 1 || !left.has(c.remark)));
  };
  const split = rivals.size > 1 ? splitStatements(sentence, 0, sentence.length, (from, to) => attribute(from, to, false), viable) : undefined;
  if (split) {
    return split.map((p) => ({ start: s.start + p.start, end: s.start + p.end, attribution: p.attribution, ...(p.quote ? { quote: p.quote } : {}) }));
  }
  const named = whole.remark === 'clarification' && !whole.unsure ? withWalkedBack(sentence, whole, walkedBackObjects(allTerms, allTime, sentence, cardAsThing(ds))) : undefined;
  if (named) return named.map((p) => ({ start: s.start + p.start, end: s.start + p.end, attribution: p.attribution }));
  return [{ start: s.start, end: s.end, attribution: whole, ...(quoted ? { quote: quoted } : {}) }];
}

type Part = { start: number; end: number; attribution: Attribution; quote?: { event: TimelineEvent; grams: number } };

/**
 * A walk-back that names what it walks back reports both: the object as its own statement, the rest (the
 * side of the sentence with the walk-back's own markers) as the clarification.
 */
function withWalkedBack(sentence: string, whole: Attribution, objects: WalkedBack[]): Part[] | undefined {
  const object = objects.find((o) => o.remark !== whole.remark);
  if (!object) return undefined;
  const own = whole.cues.filter((c) => c.remark === whole.remark && c.type !== 'frame' && c.at !== undefined && (c.at < object.start || c.at >= object.end));
  const before = own.filter((c) => c.at! < object.start).reduce((n, c) => n + c.weight, 0);
  const after = own.filter((c) => c.at! >= object.end).reduce((n, c) => n + c.weight, 0);
  const tail = after > before || (after === before && sentence.length - object.end >= object.start);
  const rest = tail ? { start: object.end, end: sentence.length } : { start: 0, end: object.start };
  if (!/[\p{L}\p{N}]{2}/u.test(sentence.slice(rest.start, rest.end))) return undefined;
  const scores = Object.fromEntries(REMARK_KINDS.map((k) => [k, object.cues.filter((c) => c.remark === k).reduce((n, c) => n + c.weight, 0)])) as Record<RemarkKind, number>;
  const named: Part = { start: object.start, end: object.end, attribution: { remark: object.remark, unsure: false, cues: object.cues, scores } };
  const walkBack: Part = { ...rest, attribution: whole };
  return tail ? [named, walkBack] : [walkBack, named];
}

/** The one cut that leaves two parts, each clearly reporting a different statement; else none. */
/** Levels of cutting: "Kato, walking back comments that hinted…, said…" has three parts. */
const SPLIT_DEPTH = 2;

/** Parts shorter than this are no statement of their own. */
const MIN_PART_CHARS = 8;

/** Cuts [from, to) of the sentence; offsets in the parts are the sentence's. */
function splitStatements(
  sentence: string,
  from: number,
  to: number,
  attribute: (from: number, to: number) => Attribution | undefined,
  viable: (from: number, cut: number, to: number) => boolean,
  depth = SPLIT_DEPTH,
): Part[] | undefined {
  let best: { parts: Part[]; strength: number } | undefined;
  const span = sentence.slice(from, to);
  for (const m of span.matchAll(SPLIT_AT)) {
    const cut = from + m.index + m[0].length;
    // A closing quotation mark after the comma (`…such cards," he said`) ends the head's quotation.
    const headEnd = from + m.index + (/^,["”’']/.test(m[0]) ? 2 : 0);
    if (headEnd - from < MIN_PART_CHARS || to - cut < MIN_PART_CHARS || !viable(from, cut, to)) continue;
    const head = attribute(from, headEnd);
    const tail = attribute(cut, to);
    if (!head || !tail || head.unsure || tail.unsure || head.remark === tail.remark) continue;
    // The cleanest cut: each part strong for its own statement and weak for the other's; a cut right after
    // a speech verb (「…と述べ、」「…と発言し、」, "…, before clarifying") is where one statement ends.
    const afterSpeech = SPEECH_CUT.test(sentence.slice(Math.max(0, headEnd - 6), cut));
    const strength = Math.min(ownEvidence(head), ownEvidence(tail)) - head.scores[tail.remark] - tail.scores[head.remark] + (afterSpeech ? SPEECH_CUT_BONUS : 0);
    // Each part must say something of its own: a day or a place alone ("In April, …", "the comments he
    // gave to TV Tokyo, broadcast on Friday, …") is not a statement.
    const says = (a: Attribution) => a.cues.some((c) => c.remark === a.remark && (c.type === 'act' || c.type === 'content' || c.type === 'quote'));
    if (Math.min(ownEvidence(head), ownEvidence(tail)) < SPLIT_EVIDENCE || !says(head) || !says(tail) || (best && best.strength >= strength)) continue;
    best = { strength, parts: [{ start: from, end: headEnd, attribution: head }, { start: cut, end: to, attribution: tail }] };
  }
  if (!best || depth <= 1) return best?.parts;
  const parts = best.parts.flatMap((p) => splitStatements(sentence, p.start, p.end, attribute, viable, depth - 1) ?? [p]);
  // Neighbours that report the same statement are one part of it.
  return parts.reduce<Part[]>((out, p) => {
    const prev = out[out.length - 1];
    const joined = prev && prev.attribution.remark === p.attribution.remark ? attribute(prev.start, p.end) : undefined;
    if (prev && joined && joined.remark === p.attribution.remark) out[out.length - 1] = { start: prev.start, end: p.end, attribution: joined };
    else out.push(p);
    return out;
  }, []);
}
