/**
 * Splits text into blocks (lines/paragraphs) and sentences, keeping UTF-16 offsets. A cheap splitter of
 * our own: the NLP library is reserved for candidate sentences (it costs ~50 µs a word here).
 */

export type Span = { start: number; end: number };

/** Blocks are separated by line breaks: one per paragraph, headline, list item or table cell. */
export function splitBlocks(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n\r\u2028\u2029]+/g;
  for (const m of text.matchAll(re)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

// Words after which a period does not end a sentence ("U.S.", "Mr.", "Jan.", "No. 1").
const ABBREVIATIONS = new Set(
  [
    'u.s', 'u.k', 'e.u', 'u.n', 'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'st', 'jr', 'sr',
    'inc', 'corp', 'co', 'ltd', 'no', 'vs', 'etc', 'approx', 'est', 'dept', 'jan', 'feb', 'mar', 'apr', 'jun',
    'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'a.m', 'p.m', 'i.e', 'e.g', 'fig',
  ],
);

// Words that, capitalised after "U.S.", start a new sentence rather than continue a name ("U.S. Treasury").
const SENTENCE_STARTERS = new Set(['On', 'In', 'The', 'He', 'She', 'It', 'They', 'We', 'But', 'And', 'That', 'This', 'Japan', 'Japanese', 'China', 'Kato', 'A', 'An', 'As', 'At', 'After', 'Before', 'When', 'While', 'Yet', 'So', 'Still', 'Meanwhile', 'However', 'Analysts', 'Markets', 'Investors', 'Tokyo', 'His', 'Her', 'Its', 'Their', 'There', 'Asked', 'Some', 'Many']);

const EN_END = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}$¥])/gu;
// 。 ends a sentence unless a closing bracket follows; "。」" ends one only when no quotative と/って follows.
const JA_END = /[。！？]+(?![」』）)])|[。！？][」』）)]+(?![とっなの、。」』）)])/gu;

/** Sentences inside one block. English ends on . ! ? before a capital; Japanese on 。！？. */
export function splitSentences(text: string, block: Span): Span[] {
  const out: Span[] = [];
  const slice = text.slice(block.start, block.end);
  const cuts = new Set<number>();
  for (const m of slice.matchAll(EN_END)) {
    const at = m.index;
    // Find the word that ends at the period and skip known abbreviations and single initials.
    const wordMatch = /([\p{L}.]+)$/u.exec(slice.slice(Math.max(0, at - 12), at));
    const word = wordMatch?.[1]?.toLowerCase() ?? '';
    if (slice[at] === '.' && (ABBREVIATIONS.has(word.replace(/\.$/, '')) || /^\p{L}$/u.test(word))) {
      // "…with the U.S. On Friday he said…": a country abbreviation can still end a sentence.
      const next = /^[.!?"'”’)\]]*\s+["“]?(\p{L}+)/u.exec(slice.slice(at))?.[1] ?? '';
      if (!(/^(?:u\.s|u\.k|e\.u|u\.n)$/.test(word) && SENTENCE_STARTERS.has(next))) continue;
    }
    cuts.add(at + m[0].length);
  }
  for (const m of slice.matchAll(JA_END)) cuts.add(m.index + m[0].length);
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    pushTrimmed(out, slice, start, cut, block.start);
    start = cut;
  }
  pushTrimmed(out, slice, start, slice.length, block.start);
  return out;
}

function pushTrimmed(out: Span[], slice: string, start: number, end: number, offset: number) {
  while (start < end && /\s/.test(slice[start]!)) start++;
  while (end > start && /\s/.test(slice[end - 1]!)) end--;
  if (end > start) out.push({ start: offset + start, end: offset + end });
}
