/** The short form of the page's mentions that the background keeps for the popup, the badge and the export. */
import { effectiveStatus } from '../../engine/verdict';
import { MAX_MENTION_TEXT, type MentionSummary } from '../../messages';
import type { Painted } from './painted';

export function summarize(p: Painted): MentionSummary {
  const m = p.mention;
  const text = m.text.length > MAX_MENTION_TEXT ? `${m.text.slice(0, MAX_MENTION_TEXT - 1)}…` : m.text;
  if (m.kind === 'remark') {
    return {
      id: p.id,
      kind: 'remark',
      text,
      remark: m.remark,
      ...(m.unsure ? { unsure: true as const, ...(m.alternative ? { alternative: m.alternative } : {}) } : {}),
      remarkVerdict: m.verdict.status,
      ...(m.claims.length ? { claims: m.claims } : {}),
    };
  }
  return {
    id: p.id,
    kind: 'figure',
    text,
    subject: m.subject,
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
