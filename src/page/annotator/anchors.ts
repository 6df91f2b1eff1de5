/**
 * Stable ids for mentions, as Hypothesis anchors annotations: by the quoted text and a little of the
 * text around it, not by offsets or list positions. Content added above a mention, or a rescan, leaves
 * its id unchanged, so an open card stays open and the popup's "Show" still finds it.
 */

/** Characters of context kept on each side of the quote. */
export const ANCHOR_CONTEXT_CHARS = 32;

export type QuoteAnchor = { exact: string; prefix: string; suffix: string };

export function quoteAnchor(text: string, start: number, end: number): QuoteAnchor {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return {
    exact: squash(text.slice(start, end)),
    prefix: squash(text.slice(Math.max(0, start - ANCHOR_CONTEXT_CHARS), start)),
    suffix: squash(text.slice(end, end + ANCHOR_CONTEXT_CHARS)),
  };
}

/** FNV-1a, 32 bits, in base 36: short, and stable across browsers and runs. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * Ids for a page's mentions in reading order: the hash of kind and quote anchor, with `-2`, `-3`… for
 * the rare mention whose text and context repeat word for word.
 */
export function mentionIds(text: string, mentions: ReadonlyArray<{ kind: string; start: number; end: number }>): string[] {
  const seen = new Map<string, number>();
  return mentions.map((m) => {
    const a = quoteAnchor(text, m.start, m.end);
    const base = `${m.kind[0]}${hash(`${m.kind}\u0000${a.prefix}\u0000${a.exact}\u0000${a.suffix}`)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
