/**
 * What the fixture pages are expected to show: the highlight names and, per class, the texts painted.
 * Shared by the Chromium tests (Playwright) and the Firefox tests (WebDriver BiDi).
 */
export const HIGHLIGHT_PREFIX = 'treasury-lens';
/** The classes a mention is painted with. Other `treasury-lens-*` names (e.g. a focus marker) are not mentions. */
import { MENTION_CLASSES, type MentionClass } from '../../src/page/highlighter';
export { MENTION_CLASSES, type MentionClass };
/** The registry names of the mention classes. */
export const MENTION_HIGHLIGHTS: readonly string[] = MENTION_CLASSES.map((c) => `${HIGHLIGHT_PREFIX}-${c}`);
/** A remark's reporting phrase: the part of its sentence that opens the card. */
export const PHRASE_HIGHLIGHT = `${HIGHLIGHT_PREFIX}-phrase`;
/** Range texts by class, as the page paints them. */
export type Painted = Partial<Record<MentionClass, string[]>>;

/** Upper bound for anything the extension does once a page has loaded: detector, injection, scan, paint. */
export const SETTLE_MS = 10_000;

// ------------------------------------------------------------------ expected mentions of the fixtures

/** The 2 May "card" remark and the 4 May Milan clarification as wire-en.html (and its copies) words them. */
export const EN_CARD_SENTENCE =
  "In a TV Tokyo interview on May 2, Finance Minister Katsunobu Kato said Japan's Treasury holdings could be among such cards in the negotiations, though whether to actually use that card was a different question.";
export const EN_MILAN_SENTENCE =
  "Two days later in Milan, where he was attending the Asian Development Bank's annual meeting, Kato said his comments were not meant to suggest selling Treasuries and that Japan was not considering using sales of its holdings as a bargaining tool.";

/**
 * wire-en.html, csp.html, spa.html (after the story loads) and rerender.html. "$1.27 trillion" occurs
 * twice: first as Japan's Treasury holdings (the reserves confusion), then as its foreign reserves.
 * China's "$765.4 billion" is not painted.
 */
export const WIRE_EN: Painted = {
  consistent: ['$1.13 trillion'],
  disputed: ['$1.27 trillion'],
  context: ['$1.27 trillion'],
  remark: [EN_CARD_SENTENCE, EN_MILAN_SENTENCE],
};

export const JA_CARD_SENTENCE = '加藤勝信財務相は2日のテレビ東京の番組で、保有する米国債について「（交渉の）カードとしてはある」と述べた。';
export const JA_MILAN_SENTENCE =
  '加藤財務相は4日、訪問先のイタリア・ミラノで記者団に対し「米国債の売却を日米交渉の手段とすることは考えていない」と述べ、売却を示唆したものではないと説明した。';

/** news-ja.html: the yen conversion is painted like the dollar figure it converts. */
export const NEWS_JA: Painted = {
  consistent: ['1兆1259億ドル', '約163兆円'],
  context: ['1兆2725億ドル'],
  remark: [JA_CARD_SENTENCE, JA_MILAN_SENTENCE],
};

/** editable.html and long.html: one figure and the card sentence, in a single ordinary paragraph. */
export const ONE_PARAGRAPH: Painted = { consistent: ['$1.13 trillion'], remark: [EN_CARD_SENTENCE] };

export const countOf = (painted: Painted) => Object.values(painted).reduce((n, texts) => n + texts.length, 0);
