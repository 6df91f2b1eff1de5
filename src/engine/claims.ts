/**
 * Known claims (data/claims.json) a page repeats, attached to the mentions they are about, so that the
 * mention's card shows the claim with its verdict and correction. The data says which phrase or which
 * figure makes each claim; this module only finds them. Claims are attached on pages about the episode
 * only, and only to existing mentions: a claim never flags a page on its own. A `context` claim (China's
 * rank, the 1997 precedent) goes only with a mention in the same sentence; another claim may also go with
 * the nearest mention in its paragraph ("His comments mark a sharp reversal…" beside the figure before it).
 */
import type { Claim } from '../data/schema';
import type { FigureMention, Mention } from './analyze';
import { termsIn, type Dataset } from './dataset';
import { splitBlocks, splitSentences, type Span } from './segment';

type Phrase = Extract<NonNullable<Claim['detect']>, { type: 'phrase' }>;

function fits(d: Phrase, m: Mention): boolean {
  if (d.on !== 'any' && d.on !== m.kind) return false;
  if (m.kind === 'remark') return !d.remark || d.remark === m.remark;
  if (d.subject && m.subject !== d.subject) return false;
  return !d.fromMonth || (m.verdict?.refMonth ?? '') >= d.fromMonth;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const add = (m: Mention, id: string) => {
  const list = (m.claims ??= []);
  if (!list.includes(id)) list.push(id);
};

/** `windows` are the parts of the text the engine read (all of it, but for a huge page). In steps, one claim each: on a huge page a claim's phrase is looked for in a thousand windows. */
export function* attachClaimsSteps(ds: Dataset, text: string, windows: readonly Span[], mentions: Mention[]): Generator<void, void, void> {
  const flagged = mentions.filter((m) => m.flagged);
  if (!flagged.length) return;
  for (const claim of ds.claims) {
    yield;
    const d = claim.detect;
    if (d?.type === 'figure_value') {
      for (const m of flagged) if (m.kind === 'figure' && m.subject === d.subject && matchedMonth(m) === d.month) add(m, claim.id);
      continue;
    }
    if (d?.type !== 'phrase') continue;
    const candidates = flagged.filter((m) => fits(d, m));
    if (!candidates.length) continue;
    for (const t of windows.flatMap((w) => termsIn(ds, d.vocabulary, text, w.start, w.end))) {
      const block = blockAt(text, t.start);
      const sentence = splitSentences(text, block).find((s) => s.start <= t.start && t.end <= s.end) ?? block;
      let targets = candidates.filter((m) => overlaps(m, sentence));
      if (!targets.length && !d.context) {
        const inBlock = candidates.filter((m) => overlaps(m, block));
        const nearest = inBlock.sort((a, b) => Math.abs(a.start - t.start) - Math.abs(b.start - t.start))[0];
        targets = nearest ? [nearest] : [];
      }
      for (const m of targets) add(m, claim.id);
    }
  }
}

function matchedMonth(m: FigureMention): string | undefined {
  const v = m.verdict;
  return v?.status === 'consistent' || v?.status === 'conversion' ? (v.matched?.month ?? v.refMonth) : undefined;
}

function blockAt(text: string, at: number): Span {
  const start = text.lastIndexOf('\n', at) + 1;
  const nl = text.indexOf('\n', at);
  return splitBlocks(text.slice(start, nl < 0 ? text.length : nl)).map((b) => ({ start: b.start + start, end: b.end + start }))[0] ?? { start, end: nl < 0 ? text.length : nl };
}
