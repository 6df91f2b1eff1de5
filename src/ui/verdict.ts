/** A mention's verdict in words, as the popup lists it and the exports write it. */
import events from '../../data/events.json';
import { EVENT_KIND_OF_REMARK, type RemarkKind } from '../data/kinds';
import type { MentionSummary } from '../messages';
import { formatDate, formatMonth, formatUsd } from '../page/format';
import type { MessageKey } from '../page/i18n';
import type { Strings } from './strings';

export type EpisodeEvent = (typeof events.events)[number];
export const EVENTS: readonly EpisodeEvent[] = events.events;

export const eventOfRemark = (r: RemarkKind): EpisodeEvent | undefined => EVENTS.find((e) => e.kind === EVENT_KIND_OF_REMARK[r]);
export const eventById = (id: string): EpisodeEvent | undefined => EVENTS.find((e) => e.id === id);

/** The verdict in words; for a figure the official figure it is judged against, for a remark the statement it reports. */
export function verdictWords(m: MentionSummary, { lang, t }: Strings): { verdict: string; detail?: string } {
  if (m.kind === 'remark') {
    const event = m.remark ? eventOfRemark(m.remark) : undefined;
    const other = m.unsure && m.alternative ? eventOfRemark(m.alternative) : undefined;
    const date = (e: EpisodeEvent) => formatDate(lang, e.date);
    const reported = event && other
      ? t('popupRemarkUnsure', event.title[lang], date(event), other.title[lang], date(other))
      : event
        ? t('popupRemark', event.title[lang], date(event))
        : undefined;
    // A remark reported as it was: the statement it reports is the verdict; otherwise what is wrong, then the statement.
    if (!m.remarkVerdict || m.remarkVerdict === 'reported') return { verdict: reported ?? t('popupRemarkVerdict_reported') };
    return { verdict: t(`popupRemarkVerdict_${m.remarkVerdict}` as MessageKey), ...(reported ? { detail: reported } : {}) };
  }
  const status = m.status ?? 'unchecked';
  let verdict = m.subject === 'japan_fx_reserves' && status === 'consistent' ? t('popupStatus_reserves') : t(`popupStatus_${status}` as MessageKey);
  if (m.conversion) verdict = `${t('popupStatus_conversion')}: ${verdict}`;
  const detail = m.officialUsd !== undefined && m.officialMonth ? t('popupOfficial', formatUsd(lang, m.officialUsd), formatMonth(lang, m.officialMonth)) : undefined;
  return { verdict, ...(detail ? { detail } : {}) };
}

/**
 * The clarifications the page leaves out: a remark it reports was clarified later (the data's
 * `clarifiedBy`), and no mention on the page reports that clarification.
 */
export function omittedClarifications(mentions: readonly MentionSummary[]): EpisodeEvent[] {
  const reported = new Set(mentions.flatMap((m) => m.events ?? []));
  const missing = new Set(mentions.map((m) => m.clarifiedBy).filter((id): id is string => Boolean(id && !reported.has(id))));
  return [...missing].map(eventById).filter((e): e is EpisodeEvent => Boolean(e));
}
