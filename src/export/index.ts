/**
 * What a fact-checker takes away from a page: its mentions, with their verdicts and the dataset's
 * sources, as W3C Web Annotations (JSON-LD, TextQuoteSelector + TextPositionSelector), schema.org
 * ClaimReview (JSON-LD, one per flagged claim), CSV (one row per mention) or a Markdown list.
 * Pure: the popup copies or downloads the text; nothing is sent anywhere.
 */
import { sources as holdingsSources } from '../../data/holdings.json';
import { sources as reservesSources } from '../../data/reserves.json';
import sourcesFile from '../../data/sources.json';
import type { MentionSummary } from '../messages';
import type { Strings } from '../ui/strings';
import { eventOfRemark, verdictWords } from '../ui/verdict';

export const EXPORT_FORMATS = ['webannotation', 'claimreview', 'csv', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportContext = {
  url: string;
  title: string;
  mentions: readonly MentionSummary[];
  published?: string;
  datasetVersion: string;
  strings: Strings;
  now: Date;
};

export type ExportedFile = { name: string; mime: string; text: string };

export const GENERATOR = 'Treasury Lens';
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const SCHEMA_CONTEXT = 'https://schema.org';

type Source = (typeof sourcesFile.sources)[number];
const SOURCES = new Map(sourcesFile.sources.map((s) => [s.id, s]));

/** The dataset's sources behind a mention's verdict: the series it is judged against, or the statement's event. */
export function sourcesOf(m: MentionSummary): Source[] {
  const ids = m.kind === 'remark' ? ((m.remark && eventOfRemark(m.remark)?.sources) ?? []) : m.subject === 'japan_fx_reserves' ? reservesSources : holdingsSources;
  return ids.map((id) => SOURCES.get(id)).filter((s): s is Source => s !== undefined);
}

/** A claim worth a ClaimReview: a figure that does not match, or a remark reported against the record. */
export function isFlaggedClaim(m: MentionSummary): boolean {
  if (m.kind === 'remark') return m.remarkVerdict === 'not_in_record' || m.remarkVerdict === 'misdated' || m.remarkVerdict === 'false_threat';
  return m.cls === 'disputed';
}

/** The sentence around the mention, as the page has it (the whole sentence, not the popup's excerpt). */
export const sentenceOf = (m: MentionSummary) => (m.sentence?.text ?? m.text).replace(/\s+/g, ' ').trim();
const mentionIri = (m: MentionSummary) => `urn:treasury-lens:mention:${m.id}`;

export function webAnnotations(ctx: ExportContext): object {
  const items = ctx.mentions.map((m) => {
    const words = verdictWords(m, ctx.strings);
    const selectors: object[] = [];
    if (m.quote) selectors.push({ type: 'TextQuoteSelector', exact: m.quote.exact, prefix: m.quote.prefix, suffix: m.quote.suffix });
    else selectors.push({ type: 'TextQuoteSelector', exact: m.text });
    if (m.position) selectors.push({ type: 'TextPositionSelector', start: m.position.start, end: m.position.end });
    const body: object[] = [
      { type: 'TextualBody', purpose: 'assessing', value: words.verdict, format: 'text/plain', language: ctx.strings.lang },
      ...(words.detail ? [{ type: 'TextualBody', purpose: 'describing', value: words.detail, format: 'text/plain', language: ctx.strings.lang }] : []),
      { type: 'TextualBody', purpose: 'tagging', value: m.cls ?? m.kind, format: 'text/plain' },
      ...sourcesOf(m).map((s) => ({ id: s.url, type: 'Text', format: 'text/html', purpose: 'linking' })),
    ];
    return {
      id: mentionIri(m),
      type: 'Annotation',
      motivation: 'assessing',
      created: ctx.now.toISOString(),
      generator: { id: 'urn:treasury-lens', type: 'Software', name: `${GENERATOR} (dataset ${ctx.datasetVersion})` },
      body,
      target: { source: ctx.url, type: 'Text', format: 'text/html', selector: selectors },
    };
  });
  return {
    '@context': ANNO_CONTEXT,
    id: `urn:treasury-lens:page:${encodeURIComponent(ctx.url)}`,
    type: 'AnnotationCollection',
    label: ctx.title || ctx.url,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

export function claimReviews(ctx: ExportContext): object {
  const appearance = { '@type': 'CreativeWork', url: ctx.url, ...(ctx.title ? { headline: ctx.title } : {}), ...(ctx.published ? { datePublished: ctx.published } : {}) };
  const graph = ctx.mentions.filter(isFlaggedClaim).map((m) => {
    const words = verdictWords(m, ctx.strings);
    const evidence = sourcesOf(m)[0];
    return {
      '@type': 'ClaimReview',
      claimReviewed: sentenceOf(m),
      itemReviewed: { '@type': 'Claim', appearance, ...(ctx.published ? { datePublished: ctx.published } : {}) },
      reviewRating: { '@type': 'Rating', alternateName: words.verdict, ...(words.detail ? { ratingExplanation: words.detail } : {}) },
      author: { '@type': 'Organization', name: `${GENERATOR} (automated check, dataset ${ctx.datasetVersion})` },
      datePublished: ctx.now.toISOString().slice(0, 10),
      inLanguage: ctx.strings.lang,
      ...(evidence ? { url: evidence.url } : {}),
    };
  });
  return { '@context': SCHEMA_CONTEXT, '@graph': graph };
}

/** One CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing space (RFC 4180). */
export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: page text must stay text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ['id', 'quote', 'sentence', 'kind', 'class', 'verdict', 'detail', 'official_usd', 'month', 'sources', 'page'] as const;

export function csv(ctx: ExportContext): string {
  const rows = ctx.mentions.map((m) => {
    const words = verdictWords(m, ctx.strings);
    return [m.id, m.quote?.exact ?? m.text, sentenceOf(m), m.kind, m.cls ?? '', words.verdict, words.detail ?? '', m.officialUsd, m.officialMonth ?? '', sourcesOf(m).map((s) => s.url).join(' '), ctx.url];
  });
  // CRLF line ends and a byte-order mark: what spreadsheets expect, Japanese included.
  return `\uFEFF${[CSV_COLUMNS as readonly (string | number | undefined)[], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Page text inline in Markdown: the characters that could make markup there (emphasis, code, links,
 * images, HTML, tables, strike-through) are escaped; the text never starts a line, so "1." and "#" stay.
 */
export function mdText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

const mdLink = (title: string, url: string) => `[${mdText(title)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;

export function markdown(ctx: ExportContext): string {
  const { t } = ctx.strings;
  const lines = [`## ${mdText(ctx.title || ctx.url)}`, '', `${mdLink(ctx.url, ctx.url)}${ctx.published ? ` (${ctx.published})` : ''}`, '', t('exportMarkdownChecked', ctx.now.toISOString().slice(0, 10), ctx.datasetVersion), ''];
  ctx.mentions.forEach((m, i) => {
    const words = verdictWords(m, ctx.strings);
    lines.push(`${i + 1}. “${mdText(sentenceOf(m))}”`);
    lines.push(`   **${mdText(words.verdict)}**${words.detail ? `. ${mdText(words.detail)}` : ''}`);
    const sources = sourcesOf(m);
    if (sources.length) lines.push(`   ${t('popupSources')}: ${sources.map((s) => mdLink(`${s.title} (${s.publisher})`, s.url)).join('; ')}`);
  });
  return `${lines.join('\n')}\n`;
}

export function exportFile(format: ExportFormat, ctx: ExportContext): ExportedFile {
  let host = 'page';
  try {
    host = new URL(ctx.url).hostname.replace(/[^a-z0-9.-]/gi, '') || host;
  } catch {
    // not an URL: keep "page"
  }
  const base = `treasury-lens-${host}-${ctx.now.toISOString().slice(0, 10)}`;
  switch (format) {
    case 'webannotation':
      return { name: `${base}.jsonld`, mime: 'application/ld+json', text: `${JSON.stringify(webAnnotations(ctx), null, 2)}\n` };
    case 'claimreview':
      return { name: `${base}-claimreview.jsonld`, mime: 'application/ld+json', text: `${JSON.stringify(claimReviews(ctx), null, 2)}\n` };
    case 'csv':
      return { name: `${base}.csv`, mime: 'text/csv;charset=utf-8', text: csv(ctx) };
    case 'markdown':
      return { name: `${base}.md`, mime: 'text/markdown;charset=utf-8', text: markdown(ctx) };
  }
}
