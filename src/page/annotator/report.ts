/** The short form of the page's mentions that the background keeps for the popup, the badge and the export. */
import { effectiveStatus } from '../../engine/verdict';
import { MAX_MENTION_TEXT, MAX_SENTENCE_TEXT, type MentionSummary } from '../../messages';
import { quoteAnchor } from './anchors';
import type { Painted } from './painted';

/** Longest sentence context kept around a mention (the popup shortens it further, around the mention). */
const SENTENCE_CHARS = MAX_SENTENCE_TEXT;

/** Whether a sentence ends at text[i]: 。！？ or a line break, or . ! ? before a space (not the last dot of "U.S."). */
function endsSentence(text: string, i: number): boolean {
  const c = text[i] ?? '';
  if (/[。！？\n]/.test(c)) return true;
  return /[.!?]/.test(c) && (i + 1 >= text.length || /\s/.test(text[i + 1]!)) && !/(^|[\s.])[A-Z]$/.test(text.slice(Math.max(0, i - 2), i));
}

/** Where the sentence holding [start, end) begins and ends in `text` (at most SENTENCE_CHARS / 2 beyond it each side). */
function sentenceAround(text: string, start: number, end: number): { from: number; to: number } {
  const reach = SENTENCE_CHARS / 2;
  let from = start;
  while (from > 0 && start - from < reach && !endsSentence(text, from - 1)) from--;
  while (from < start && /\s/.test(text[from]!)) from++;
  let to = end;
  while (to < text.length && to - end < reach && !endsSentence(text, to)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  return { from, to };
}

/** `text` is the page's collected text the mention's offsets refer to (for the quote, position and sentence). */
export function summarize(p: Painted, text?: string): MentionSummary {
  const m = p.mention;
  const shortText = m.text.length > MAX_MENTION_TEXT ? `${m.text.slice(0, MAX_MENTION_TEXT - 1)}…` : m.text;
  const where = text === undefined ? {} : located(p, text);
  if (m.kind === 'remark') {
    return {
      id: p.id,
      kind: 'remark',
      text: shortText,
      cls: p.cls,
      ...where,
      remark: m.remark,
      ...(m.unsure ? { unsure: true as const, ...(m.alternative ? { alternative: m.alternative } : {}) } : {}),
      remarkVerdict: m.verdict.status,
      ...(m.claims.length ? { claims: m.claims } : {}),
      ...(m.events.length ? { events: m.events } : {}),
      ...(m.clarifiedBy ? { clarifiedBy: m.clarifiedBy } : {}),
    };
  }
  return {
    id: p.id,
    kind: 'figure',
    text: shortText,
    cls: p.cls,
    ...where,
    subject: m.subject,
    ...(m.valueUsd !== undefined ? { valueUsd: m.valueUsd } : {}),
    ...(m.verdict
      ? {
          status: effectiveStatus(m.verdict),
          ...(m.verdict.status === 'conversion' ? { conversion: true } : {}),
          officialUsd: m.verdict.official.valueUsd,
          officialMonth: m.verdict.official.month,
        }
      : {}),
    ...(m.verdict?.claim ? { claims: [m.verdict.claim] } : {}),
  };
}

function located(p: Painted, text: string): Pick<MentionSummary, 'quote' | 'position' | 'sentence'> {
  const m = p.mention;
  // A remark is a sentence already; what the popup centres on is its reporting phrase.
  const focus = m.kind === 'remark' ? m.phrase : m;
  const { from, to } = m.kind === 'remark' ? { from: m.start, to: m.end } : sentenceAround(text, m.start, m.end);
  const lo = Math.max(from, focus.start - SENTENCE_CHARS / 2);
  const hi = Math.min(to, focus.end + SENTENCE_CHARS / 2);
  return {
    quote: quoteAnchor(text, m.start, m.end),
    position: { start: m.start, end: m.end },
    sentence: { text: text.slice(lo, hi), start: focus.start - lo, end: focus.end - lo },
  };
}
