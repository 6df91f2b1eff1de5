/**
 * Finds sentences that report Finance Minister Kato's statements about the Treasury holdings and says
 * which statement they report: the 2 May 2025 "card" remark, the 4 May clarification, or the April
 * dismissal. The statements themselves (dates, quotes) come from data/events.json.
 */
import { hasTerm, termsIn, type Dataset } from './dataset';
import type { Span } from './segment';

export type RemarkKind = 'card_remark' | 'clarification' | 'earlier_dismissal';

/** Event kind in data/events.json that each remark kind reports. */
export const EVENT_KIND: Record<RemarkKind, 'remark' | 'clarification' | 'dismissal'> = {
  card_remark: 'remark',
  clarification: 'clarification',
  earlier_dismissal: 'dismissal',
};

// Someone else speaking ends a run of "he said" sentences attributed to Kato.
const PRONOUN_SPEAKER = /\b(?:he|the minister|the finance minister|the finance chief|the minister added)\s+(?:said|added|told|noted|stressed|explained|argued|insisted|replied|answered|continued|went on)\b|\b(?:said|added|told reporters|noted)\s+(?:he|the minister)\b/i;
const JA_SPEAKER = /(?:と|とも)(?:述べ|語っ|語り|強調|説明|指摘|話し|明らかにし|発言|答え|言及)/;
const OTHER_SPEAKER_EN = /\b(?:said|says|told|added|wrote|noted)\b/i;
// A capitalised word right before "Kato" that is not a title: another person ("Shinichi Kato").
const KATO_EN = /(?<![\p{L}\p{N}])Kato(?![\p{L}\p{N}])/gu;
const TITLE_BEFORE_KATO = /(?:Minister|Mr\.?|Katsunobu|Finance|minister|chief|FinMin|said|says|Japan's|Japanese|Treasury|Secretary|by|and|as|that|but|when|where|while|after|before|then|so|yet|In|On|At|But|And|When|While|After|Before|Meanwhile|However|Yet|So|Still|Later|Earlier|Also|Asked|Speaking|Then|Now|Today|Instead|Separately|Finally|Notably|For|Although|Though|Since|As|If|Because|the|a|an|—|–|-|,|:|;|"|“|\(|\[)\s*$/u;

export type DocRemarkContext = {
  /** The page names Kato as finance minister somewhere ("Finance Minister Katsunobu Kato", 加藤財務相). */
  katoIsFinanceMinister: boolean;
  /** The page is about the holdings (names Treasuries). */
  aboutHoldings: boolean;
};

export function docRemarkContext(ds: Dataset, text: string): DocRemarkContext {
  const officeNearKato = (() => {
    for (const k of termsIn(ds, 'kato', text)) {
      if (/Katsunobu|加藤勝信|加藤財務/.test(k.term)) return true;
      const around = text.slice(Math.max(0, k.start - 40), Math.min(text.length, k.end + 40));
      if (hasTerm(ds, 'finance_office', around)) return true;
    }
    for (const k of termsIn(ds, 'kato_bare', text)) {
      const around = text.slice(Math.max(0, k.start - 20), Math.min(text.length, k.end + 20));
      if (hasTerm(ds, 'finance_office', around)) return true;
    }
    return false;
  })();
  return { katoIsFinanceMinister: officeNearKato, aboutHoldings: hasTerm(ds, 'treasuries', text) };
}

/** Whether the sentence names the finance minister Kato (not another Kato). */
function namesKato(ds: Dataset, text: string, s: Span, doc: DocRemarkContext): boolean {
  const sentence = text.slice(s.start, s.end);
  if (/Katsunobu Kato|加藤勝信|加藤財務/.test(sentence)) return true;
  if (doc.katoIsFinanceMinister) {
    for (const m of sentence.matchAll(KATO_EN)) {
      const before = sentence.slice(Math.max(0, m.index - 14), m.index);
      // "Shinichi Kato" is another person; "Finance Minister Kato", "Mr. Kato", "…, Kato said" are him.
      if (m.index === 0 || TITLE_BEFORE_KATO.test(before) || !/\p{Lu}\p{L}+\s+$/u.test(before)) return true;
    }
    if (/加藤(?:氏|大臣|財務|勝信)/.test(sentence)) return true;
    if (/加藤(?![\p{Script=Han}])/u.test(sentence) && hasTerm(ds, 'finance_office', sentence)) return true;
  } else if (/加藤/.test(sentence) && hasTerm(ds, 'finance_office', sentence)) {
    return true;
  }
  // "Japan's finance minister said…" in a story about the holdings: Kato held the office in 2025.
  if (doc.aboutHoldings && hasTerm(ds, 'finance_office', sentence) && (hasTerm(ds, 'japan', sentence) || doc.katoIsFinanceMinister)) {
    const office = termsIn(ds, 'finance_office', text, s.start, s.end)[0]!;
    const after = text.slice(office.end, Math.min(s.end, office.end + 24));
    // "Finance Minister Satsuki Katayama" names someone else.
    if (/^\s+(?!Kato)\p{Lu}\p{L}+\s+\p{Lu}\p{L}+/u.test(after) || /^\s*(?!加藤)[\p{Script=Han}]{1,3}(?:さつき|[\p{Script=Han}]{1,2})氏/u.test(after)) return false;
    return true;
  }
  return false;
}

export type RemarkState = { lastSpeakerKato: boolean };

export function classifyRemark(
  ds: Dataset,
  text: string,
  s: Span,
  doc: DocRemarkContext,
  state: RemarkState,
  publishedBeforeRemark: boolean,
): RemarkKind | undefined {
  const sentence = text.slice(s.start, s.end);
  const explicit = namesKato(ds, text, s, doc);
  const viaPronoun =
    !explicit && state.lastSpeakerKato && (PRONOUN_SPEAKER.test(sentence) || JA_SPEAKER.test(sentence) || /^[“"「]/.test(sentence));
  if (explicit) state.lastSpeakerKato = true;
  else if (!viaPronoun && OTHER_SPEAKER_EN.test(sentence)) state.lastSpeakerKato = false;
  if (!explicit && !viaPronoun) return undefined;

  const treasuries = hasTerm(ds, 'treasuries', sentence);
  const holdings = treasuries || /\bholdings\b|保有/.test(sentence);
  const card = hasTerm(ds, 'card', sentence);
  const sell = hasTerm(ds, 'sell', sentence);
  const clarifies = hasTerm(ds, 'clarification', sentence);
  const dismisses = hasTerm(ds, 'dismissal', sentence);
  const threat = hasTerm(ds, 'threat', sentence);
  const topical = holdings || (doc.aboutHoldings && (card || sell));
  if (!topical) return undefined;

  if (clarifies && (treasuries || sell || card || /remarks?|comments?|発言/.test(sentence))) {
    return publishedBeforeRemark ? 'earlier_dismissal' : 'clarification';
  }
  if (card || threat) {
    // A "card" sentence needs the holdings in view: in the sentence, or the page is about them.
    if (!holdings && !doc.aboutHoldings) return undefined;
    if (publishedBeforeRemark) return undefined;
    return 'card_remark';
  }
  if (dismisses && (treasuries || sell) && (holdings || sell)) return 'earlier_dismissal';
  return undefined;
}
