/**
 * Turns vocabulary terms (plain strings from data/vocabulary.json) into regular-expression source.
 * English terms match case-insensitively as whole words; Japanese terms as substrings (Japanese has no
 * spaces between words). Used at build time for the detector's trigger and at run time by the engine.
 */
import type { VocabularyFile } from '../data/schema';

export type TermGroup = { en: readonly string[]; ja: readonly string[] };

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest first, so that "Treasury securities" wins over "Treasury" inside one alternation. */
const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);

/** Regex source for a group: English as words, Japanese as substrings. Needs the `u` and `i` flags. */
export function termSource(group: TermGroup): string {
  const parts: string[] = [];
  const en = [...new Set(group.en)].sort(byLength).map(escape);
  // A letter or digit may not touch an English term on either side ("Kato" is not "Katō" or "Katowice").
  if (en.length) parts.push(`(?<![\\p{L}\\p{N}])(?:${en.join('|')})(?![\\p{L}\\p{N}])`);
  const ja = [...new Set(group.ja)].sort(byLength).map(escape);
  if (ja.length) parts.push(`(?:${ja.join('|')})`);
  return parts.length ? parts.join('|') : '(?!)';
}

/** One group made of several vocabulary groups. */
export function mergeGroups(vocab: VocabularyFile, ids: readonly string[]): TermGroup {
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

/** The page-level trigger: any term of the groups that vocabulary.trigger lists. */
export function triggerSource(vocab: VocabularyFile): string {
  return termSource(mergeGroups(vocab, vocab.trigger));
}

export const TERM_FLAGS = 'iu';

/**
 * The same terms without word boundaries: a much faster first test (no look-behind at every position),
 * whose "no" is final. Only a "yes" needs the exact expression.
 */
export function quickSource(group: TermGroup): string {
  const all = [...new Set([...group.en, ...group.ja])].sort(byLength).map(escape);
  return all.length ? all.join('|') : '(?!)';
}
