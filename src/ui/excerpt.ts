/**
 * A sentence shortened around the mention in it: the mention whole, then as many words on each side as
 * the budget allows, cut at a word (in Japanese, at a punctuation mark or any character), with "…" where
 * text was left out. Not a fixed-length cut: two mentions of one long sentence show different parts.
 */
export type Excerpt = { before: string; mention: string; after: string };

/** Characters of context shown around a mention, both sides together. */
export const EXCERPT_CONTEXT_CHARS = 110;

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

function cutStart(s: string, keep: number): string {
  if (s.length <= keep) return s;
  let tail = s.slice(s.length - keep);
  // Start at a word: drop the partial word (not in Japanese, which has no spaces).
  const space = tail.search(/\s/);
  if (!CJK.test(tail[0] ?? '') && space >= 0 && space < keep / 2) tail = tail.slice(space + 1);
  return `…${tail.replace(/^[\s、，,]+/, '')}`;
}

function cutEnd(s: string, keep: number): string {
  if (s.length <= keep) return s;
  let head = s.slice(0, keep);
  const space = head.search(/\s\S*$/);
  if (!CJK.test(head[head.length - 1] ?? '') && space > keep / 2) head = head.slice(0, space);
  return `${head.replace(/[\s、，,]+$/, '')}…`;
}

export function excerpt(sentence: string, start: number, end: number, context = EXCERPT_CONTEXT_CHARS): Excerpt {
  const before = sentence.slice(0, start).replace(/\s+/g, ' ');
  const mention = sentence.slice(start, end).replace(/\s+/g, ' ');
  const after = sentence.slice(end).replace(/\s+/g, ' ');
  // Share the budget, giving what one side does not need to the other.
  const half = Math.floor(context / 2);
  const beforeKeep = before.length < half ? before.length : Math.max(half, context - after.length);
  const afterKeep = Math.max(0, context - Math.min(before.length, beforeKeep));
  return { before: cutStart(before, beforeKeep), mention, after: cutEnd(after, afterKeep) };
}
