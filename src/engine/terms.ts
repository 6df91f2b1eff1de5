/**
 * Turns vocabulary terms (plain strings from data/vocabulary.json) into regular-expression source.
 * English terms match case-insensitively as whole words; Japanese terms as substrings (Japanese has no
 * spaces between words). Used at build time for the detector's trigger and at run time by the engine.
 */
import type { VocabularyGroup } from '../data/kinds';
import type { VocabularyFile } from '../data/schema';

export type TermGroup = { en: readonly string[]; ja: readonly string[] };

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest first, so that "Treasury securities" wins over "Treasury" inside one alternation. */
const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);

/**
 * Terms as one alternation: escaped, longest first, without boundaries. For an expression the code writes
 * around a group ("a holder right after 'ahead of'"), which decides the boundaries itself.
 */
export function alternation(terms: readonly string[]): string {
  const all = [...new Set(terms)].sort(byLength).map(escape);
  return all.length ? all.join('|') : '(?!)';
}

/** Regex source for a group: English as words, Japanese as substrings. Needs the `u` and `i` flags. */
export function termSource(group: TermGroup): string {
  const parts: string[] = [];
  // A letter or digit may not touch an English term on either side ("Kato" is not "Katō" or "Katowice").
  if (group.en.length) parts.push(`(?<![\\p{L}\\p{N}])(?:${alternation(group.en)})(?![\\p{L}\\p{N}])`);
  if (group.ja.length) parts.push(`(?:${alternation(group.ja)})`);
  return parts.length ? parts.join('|') : '(?!)';
}

/** One group made of several vocabulary groups. */
export function mergeGroups(vocab: VocabularyFile, ids: readonly VocabularyGroup[]): TermGroup {
  const en: string[] = [];
  const ja: string[] = [];
  for (const id of ids) {
    const group = vocab.groups[id];
    if (!group) throw new Error(`vocabulary has no group "${id}"`);
    en.push(...group.en);
    ja.push(...group.ja);
  }
  return { en, ja };
}

export const TERM_FLAGS = 'iu';

/**
 * The same terms without word boundaries: a much faster first test (no look-behind at every position),
 * whose "no" is final. Only a "yes" needs the exact expression.
 */
export function quickSource(group: TermGroup): string {
  return alternation([...group.en, ...group.ja]);
}

/**
 * The detector's trigger: ASCII word boundaries (\b) instead of Unicode look-behind, and no `u` flag,
 * which makes one test over a 1 MB page about three times faster. English terms are ASCII, so \b is
 * exact for them; a term that starts or ends with punctuation gets no boundary on that side.
 */
export function detectorTriggerSource(vocab: VocabularyFile): string {
  const group = mergeGroups(vocab, vocab.trigger);
  const en = [...new Set(group.en)].sort(byLength);
  for (const t of en) if (/[^\x20-\x7e]/.test(t)) throw new Error(`trigger term "${t}" is not ASCII; the detector's \\b boundaries need ASCII`);
  // Terms grouped by which of their ends is a word character, one \b pair per group: a shorter bundle.
  const edged = new Map<string, string[]>();
  for (const t of en) {
    const key = `${/^\w/.test(t) ? '\\b' : ''}\u0000${/\w$/.test(t) ? '\\b' : ''}`;
    edged.set(key, [...(edged.get(key) ?? []), t]);
  }
  const parts = [...edged].map(([key, terms]) => {
    const [left, right] = key.split('\u0000') as [string, string];
    return `${left}(?:${prefixTree(terms)})${right}`;
  });
  if (group.ja.length) parts.push(prefixTree(group.ja));
  return parts.join('|') || '(?!)';
}

type TrieNode = { end: boolean; next: Map<string, TrieNode> };

/**
 * Terms as one expression with shared beginnings written once ("Treasury (?:holdings|securities)"): the
 * detector ships in every page, and this keeps it small. It matches exactly the strings the plain
 * alternation matches, so a `test()` gives the same answer.
 */
export function prefixTree(terms: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const term of new Set(terms)) {
    let node = root;
    for (const ch of term) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].map(([ch, child]) => escape(ch) + emit(child));
    if (!branches.length) return '';
    const one = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    if (!node.end) return one;
    return branches.length === 1 && [...branches[0]!].length === 1 ? `${one}?` : `(?:${branches.join('|')})?`;
  };
  return emit(root) || '(?!)';
}


/** The detector's anchors as one source per anchor (single literals: fast searches, tried one by one). */
export function detectorAnchorSources(vocab: VocabularyFile): string[] {
  return vocab.detectorAnchors.map(escape);
}
