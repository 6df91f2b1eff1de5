/**
 * The card's content for one mention: a pure function from (mention, dataset, language) to DOM.
 *
 * Page text and dataset text only ever enter the DOM as text nodes (`createTextNode`, `textContent`)
 * and attribute values; nothing here parses HTML. Every fact, figure and quote comes from the dataset;
 * this file holds only the templates (through i18n) and the rules that pick among the data.
 *
 * The card is compact first: the heading, the verdict in a line or two, and (on pages about the remarks)
 * one line on the clarification. "Details" opens the rest. What a card says depends on the page as a
 * whole too (`CardPage`): a figure card on a page that reports no remark says nothing of the remarks.
 *
 * `data-part` names are a contract with the browser tests and the annotator: card (the root), compact,
 * details, heading, page-says, official, range, verdict, definition, said, remark, clarification,
 * clarification-line, sources, dataset, why, pin, close.
 */
import { EVENT_KIND_OF_REMARK, SERIES_BY_NAME, SUBJECT_SERIES, type FigureSeries, type HolderId } from '../data/kinds';
import type { Claim, Quote, Source, TimelineEvent } from '../data/schema';
import type { FigureMention, Mention, RemarkMention } from '../engine/analyze';
import type { Dataset } from '../engine/dataset';
import { effectiveStatus, type FigureStatus, type FigureVerdict, type OfficialValue } from '../engine/verdict';
import { formatDate, formatMonth, formatUsd } from './format';
import { t, type Lang, type MessageKey } from './i18n';

/** Sources listed before the rest fold into an "N more" disclosure. */
export const MAX_SOURCES_SHOWN = 4;
/** A quote longer than this is only shown when an event has no shorter one. */
const MAX_QUOTE_CHARS = 280;

const SVG_NS = 'http://www.w3.org/2000/svg';

// Icons are drawn, not typed, so they do not depend on the page's or the system's fonts.
const ICON_PATHS = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  clock: 'M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17zM12 7.5V12l3 2',
  cross: 'M7 7l10 10M17 7L7 17',
  swap: 'M4 8.5h14l-3.5-3.5M20 15.5H6l3.5 3.5',
  yen: 'M6.5 4.5L12 12l5.5-7.5M12 12v7.5M8 12.5h8M8 16h8',
  question: 'M9.3 9.2a2.8 2.8 0 1 1 4 2.5c-.8.4-1.3 1-1.3 1.9v.6M12 17.3v.2',
  alert: 'M12 6.5v7M12 17.3v.2',
  close: 'M6.5 6.5l11 11M17.5 6.5l-11 11',
  pin: 'M9 4.5h6M10 4.5v6l-3 3.5h10l-3-3.5v-6M12 14v5.5',
} as const;
type IconName = keyof typeof ICON_PATHS;

const STATUS: Record<FigureStatus, { label: MessageKey; icon: IconName }> = {
  consistent: { label: 'cardStatusConsistent', icon: 'check' },
  outdated: { label: 'cardStatusOutdated', icon: 'clock' },
  off: { label: 'cardStatusOff', icon: 'cross' },
  confusion: { label: 'cardStatusConfusion', icon: 'swap' },
  conversion: { label: 'cardStatusConversion', icon: 'yen' },
  unchecked: { label: 'cardStatusUnchecked', icon: 'question' },
};

type ClaimVerdict = Claim['verdict'];
const CLAIM_VERDICT: Record<ClaimVerdict, { label: MessageKey; icon: IconName; tone: string }> = {
  true: { label: 'cardClaimTrue', icon: 'check', tone: 'consistent' },
  true_rounded: { label: 'cardClaimTrueRounded', icon: 'check', tone: 'consistent' },
  partly_true: { label: 'cardClaimPartlyTrue', icon: 'alert', tone: 'outdated' },
  misleading: { label: 'cardClaimMisleading', icon: 'alert', tone: 'outdated' },
  outdated: { label: 'cardClaimOutdated', icon: 'clock', tone: 'outdated' },
  false: { label: 'cardClaimFalse', icon: 'cross', tone: 'off' },
  mistranslation: { label: 'cardClaimMistranslation', icon: 'alert', tone: 'confusion' },
};

const REMARK_KIND = {
  card_remark: { heading: 'cardHeadingRemark', said: 'cardSaidRemark', noun: 'cardKindRemark' },
  clarification: { heading: 'cardHeadingClarification', said: 'cardSaidClarification', noun: 'cardKindClarification' },
  earlier_dismissal: { heading: 'cardHeadingDismissal', said: 'cardSaidDismissal', noun: 'cardKindDismissal' },
} as const satisfies Record<RemarkMention['remark'], Record<string, MessageKey>>;

const CUE_LABEL = {
  when: 'cueWhen',
  where: 'cueWhere',
  act: 'cueAct',
  quote: 'cueQuote',
  content: 'cueContent',
  frame: 'cueFrame',
} as const satisfies Record<RemarkMention['cues'][number]['type'], MessageKey>;

const REMARK_VERDICT = {
  on_record: { label: 'cardRemarkOnRecord', icon: 'check', tone: 'consistent' },
  not_in_record: { label: 'cardRemarkNotInRecord', icon: 'question', tone: 'outdated' },
  misdated: { label: 'cardRemarkMisdated', icon: 'clock', tone: 'off' },
} as const satisfies Partial<Record<RemarkMention['verdict']['status'], { label: MessageKey; icon: IconName; tone: string }>>;

let headingIds = 0;

/** What the card may say about the page as a whole. */
export type CardPage = {
  /** The page reports one of the statements: its cards may speak of the clarification. */
  aboutRemarks: boolean;
};

// ------------------------------------------------------------------ DOM helpers

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes, never markup. */
function h(doc: Document, tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

function icon(doc: Document, name: IconName): Element {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS[name]);
  svg.append(path);
  return svg;
}

/**
 * A message whose substitutions may be nodes (a bold value inside a sentence). Every substitution
 * goes in as a marker and comes back as a node, so no substituted text is ever read as template.
 */
function rich(doc: Document, lang: Lang, key: MessageKey, ...parts: Array<string | Node>): Node[] {
  const filled = t(lang, key, ...parts.map((_, i) => `\uE000${i}\uE001`));
  const used = new Set<number>();
  const out: Node[] = [];
  for (const piece of filled.split(/(\uE000\d+\uE001)/)) {
    const m = /^\uE000(\d+)\uE001$/.exec(piece);
    if (!m) {
      if (piece) out.push(doc.createTextNode(piece));
      continue;
    }
    const i = Number(m[1]);
    const part = parts[i];
    if (part === undefined) continue;
    out.push(typeof part === 'string' ? doc.createTextNode(part) : used.has(i) ? part.cloneNode(true) : part);
    used.add(i);
  }
  return out;
}

function para(doc: Document, attrs: Record<string, string | undefined>, nodes: Node[]): HTMLElement {
  return h(doc, 'p', attrs, ...nodes);
}

function num(doc: Document, text: string): HTMLElement {
  return h(doc, 'strong', { class: 'num' }, text);
}

// ------------------------------------------------------------------ data helpers

function holderName(ds: Dataset, holder: HolderId, lang: Lang): string {
  const series = ds.raw.holdings.series.find((s) => s.id === holder);
  return series ? series.name[lang] : holder;
}

type Series = FigureSeries;

/** "Japan's U.S. Treasury holdings", "Japan's total foreign reserves": the series' kind and holder, named. */
function seriesName(ds: Dataset, series: Series, lang: Lang): string {
  const { kind, holder } = SERIES_BY_NAME[series];
  return t(lang, kind === 'reserves' ? 'cardSeriesReserves' : 'cardSeriesHoldings', holderName(ds, holder, lang));
}

function seriesOfSubject(subject: FigureMention['subject']): Series | undefined {
  return subject === 'other' ? undefined : SUBJECT_SERIES[subject].series;
}

function claimById(ds: Dataset, id: string | undefined): Claim | undefined {
  return id ? ds.claims.find((c) => c.id === id) : undefined;
}

/** The later clarification every card mentions: the event that clarifies the remark, per the data. */
function laterClarification(ds: Dataset, mention?: Mention): TimelineEvent | undefined {
  const direct = mention?.kind === 'remark' && mention.clarifiedBy ? ds.events.get(mention.clarifiedBy) : undefined;
  if (direct) return direct;
  const remark = ds.raw.events.events.find((e) => e.kind === 'remark' && e.clarifiedBy);
  return (remark?.clarifiedBy ? ds.events.get(remark.clarifiedBy) : undefined) ?? ds.raw.events.events.find((e) => e.kind === 'clarification');
}

/** The remark the clarification explains (for the earlier-statement card). */
function clarifiedRemark(ds: Dataset, clarification: TimelineEvent | undefined): TimelineEvent | undefined {
  return (clarification?.clarifies ? ds.events.get(clarification.clarifies) : undefined) ?? ds.raw.events.events.find((e) => e.kind === 'remark');
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;
// Words too common to say two English texts are about the same thing.
const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'is', 'it', 'as', 'at', 'be', 'we', 'or', 'and', 'that', 'with', 'this', 'for', 'was', 'were']);

/**
 * Pairs of neighbouring words (English) or characters (Japanese): shared pairs mean shared phrasing,
 * which single words ("card", "talks") do not.
 */
function pairs(text: string): Set<string> {
  const out = new Set<string>();
  if (CJK.test(text)) {
    const chars = Array.from(text.replace(/[^\u3040-\u30ff\u3400-\u9fff]/g, ' '));
    for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.add(chars[i]! + chars[i + 1]!);
    return out;
  }
  const words = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean)
    .map((w) => w.replace(/ies$/, 'y').replace(/(?<=[a-z]{3})s$/, ''));
  for (let i = 0; i + 1 < words.length; i++) {
    if (STOPWORDS.has(words[i]!) && STOPWORDS.has(words[i + 1]!)) continue;
    out.add(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/**
 * Picks an event's quote for the card: in the card's language if the event has one (else English),
 * sharing most phrasing with the event's title (which names the gist of what was said), then with the
 * page's sentence. Ties go to the fullest wording for a statement block, the shortest for a one-liner.
 */
function pickQuote(ev: TimelineEvent, lang: Lang, style: 'full' | 'short', context: string, exclude: Set<Quote>): Quote | undefined {
  const open = ev.quotes.filter((q) => !exclude.has(q));
  const inLang = open.filter((q) => q.lang === lang);
  const pool = inLang.length ? inLang : open.filter((q) => q.lang === 'en').length ? open.filter((q) => q.lang === 'en') : open;
  if (!pool.length) return undefined;
  const title = pairs(ev.title[lang]);
  const ctx = pairs(context);
  const scored = pool.map((q) => {
    const p = pairs(q.text);
    return { q, title: overlap(p, title), ctx: overlap(p, ctx), long: q.text.length > MAX_QUOTE_CHARS };
  });
  scored.sort(
    (a, b) =>
      Number(a.long) - Number(b.long) ||
      b.title - a.title ||
      b.ctx - a.ctx ||
      (style === 'full' ? b.q.text.length - a.q.text.length : a.q.text.length - b.q.text.length),
  );
  return scored[0]?.q;
}

function eventDate(ev: TimelineEvent, lang: Lang): string {
  return formatDate(lang, ev.date, { precision: ev.datePrecision });
}

function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------ shared parts

class SourceList {
  private readonly ids: string[] = [];
  add(ids: readonly string[] | undefined): void {
    for (const id of ids ?? []) if (!this.ids.includes(id)) this.ids.push(id);
  }
  resolve(ds: Dataset): Source[] {
    return this.ids.map((id) => ds.sources.get(id)).filter((s): s is Source => !!s && !!safeUrl(s.url));
  }
}

function attribution(lang: Lang, q: Quote): string {
  const form: MessageKey = q.form === 'verbatim' ? 'cardFormVerbatim' : q.form === 'translation' ? 'cardFormTranslation' : 'cardFormParaphrase';
  return t(lang, 'cardQuoteBy', q.outlet, t(lang, form));
}

function quoteBlock(doc: Document, lang: Lang, q: Quote): HTMLElement {
  return h(
    doc,
    'blockquote',
    { class: 'quote' },
    h(doc, 'p', { lang: q.lang !== lang ? q.lang : undefined }, q.text),
    h(doc, 'p', { class: 'attribution' }, attribution(lang, q)),
  );
}

/** The later clarification's one line: the event, and its most direct quote in the card's language. */
type Line = { ev: TimelineEvent; quote: Quote | undefined };

function lineFor(ds: Dataset, lang: Lang, mention: Mention): Line | undefined {
  const ev = laterClarification(ds, mention);
  return ev ? { ev, quote: pickQuote(ev, lang, 'short', '', new Set()) } : undefined;
}

/** The one line on the later clarification: when, and its most direct words (the details say where). */
function lineElement(doc: Document, lang: Lang, line: Line, sources: SourceList): HTMLElement {
  const { ev, quote } = line;
  sources.add(quote?.sources ?? ev.sources);
  return h(
    doc,
    'p',
    { class: 'clarification-line', 'data-part': 'clarification-line', 'data-event': ev.id },
    h(doc, 'span', { class: 'label' }, t(lang, 'cardLineClarified', eventDate(ev, lang))),
    ' ',
    quote ? h(doc, 'span', { class: 'quote-inline', lang: quote.lang !== lang ? quote.lang : undefined }, t(lang, 'cardQuoted', quote.text)) : ev.title[lang],
  );
}

/** A statement on record: label, date and place, and one quote (the summary when none is quoted). */
function statement(doc: Document, lang: Lang, part: string, label: MessageKey, ev: TimelineEvent, context: string, used: Set<Quote>, sources: SourceList): HTMLElement {
  const q = pickQuote(ev, lang, 'full', context, used);
  if (q) {
    used.add(q);
    sources.add(q.sources);
  }
  return h(
    doc,
    'section',
    { class: 'statement', 'data-part': part, 'data-event': ev.id },
    h(doc, 'h3', { class: 'label' }, t(lang, label)),
    h(doc, 'p', { class: 'when' }, t(lang, 'cardWhenWhere', eventDate(ev, lang), ev.place[lang])),
    q ? quoteBlock(doc, lang, q) : h(doc, 'p', {}, ev.summary[lang]),
  );
}

function sourceItem(doc: Document, lang: Lang, s: Source): HTMLElement {
  return h(
    doc,
    'li',
    {},
    h(
      doc,
      'a',
      { href: safeUrl(s.url), target: '_blank', rel: 'noopener noreferrer', 'data-source': s.id },
      s.title,
      h(doc, 'span', { class: 'sr-only' }, ` ${t(lang, 'cardNewTab')}`),
    ),
    h(doc, 'span', { class: 'meta' }, t(lang, 'cardSourceMeta', s.publisher, formatDate(lang, s.date))),
  );
}

function sourcesPart(doc: Document, ds: Dataset, lang: Lang, list: SourceList): HTMLElement {
  const all = list.resolve(ds);
  const shown = all.slice(0, MAX_SOURCES_SHOWN);
  const rest = all.slice(MAX_SOURCES_SHOWN);
  return h(
    doc,
    'section',
    { class: 'sources', 'data-part': 'sources' },
    h(doc, 'h3', { class: 'label' }, t(lang, 'cardSourcesLabel')),
    h(doc, 'ul', {}, ...shown.map((s) => sourceItem(doc, lang, s))),
    rest.length > 0 &&
      h(
        doc,
        'details',
        { class: 'more' },
        h(doc, 'summary', {}, t(lang, 'cardSourcesMore', String(rest.length))),
        h(doc, 'ul', {}, ...rest.map((s) => sourceItem(doc, lang, s))),
      ),
  );
}

function footer(doc: Document, ds: Dataset, lang: Lang, why: Node[][]): HTMLElement {
  const meta = ds.raw.meta;
  return h(
    doc,
    'footer',
    { class: 'foot' },
    h(
      doc,
      'details',
      { class: 'why', 'data-part': 'why' },
      h(doc, 'summary', {}, t(lang, 'cardWhySummary')),
      ...why.map((nodes) => para(doc, {}, nodes)),
      para(doc, {}, [doc.createTextNode(t(lang, 'cardWhyLocal'))]),
    ),
    h(doc, 'p', { class: 'dataset', 'data-part': 'dataset' }, `${t(lang, 'extName')} · ${t(lang, 'cardDataset', meta.datasetVersion, formatDate(lang, meta.compiledOn))}`),
  );
}

function statusBadge(doc: Document, label: string, iconName: IconName): HTMLElement {
  return h(doc, 'p', { class: 'status' }, h(doc, 'span', { class: 'badge' }, icon(doc, iconName)), h(doc, 'strong', {}, label));
}

/** A known claim's correction: open on a remark card (it is the point), folded under a figure's verdict. */
function correction(doc: Document, lang: Lang, claim: Claim, folded: boolean): HTMLElement {
  if (folded) {
    return h(
      doc,
      'details',
      { class: 'correction', 'data-claim': claim.id },
      h(doc, 'summary', {}, t(lang, 'cardCorrectionLabel')),
      h(doc, 'p', {}, claim.correction[lang]),
    );
  }
  return h(
    doc,
    'div',
    { class: 'correction', 'data-claim': claim.id },
    h(doc, 'p', { class: 'label' }, t(lang, 'cardCorrectionLabel')),
    h(doc, 'p', {}, claim.correction[lang]),
  );
}

// ------------------------------------------------------------------ figures

const usd = (doc: Document, lang: Lang, v: number) => num(doc, formatUsd(lang, v));
/** A month kept on one line ("end-February 2025" must not break at its hyphen). */
const month = (doc: Document, lang: Lang, m: string) => h(doc, 'span', { class: 'nowrap' }, formatMonth(lang, m));

/** What a yen amount's dollar figure was found to be (a conversion carries the dollar verdict's data). */
const dollarStatus = (v: FigureVerdict) => effectiveStatus(v);

/** The sources of the published value a figure matched, when that was an earlier vintage of the month. */
function vintageSources(ds: Dataset, v: FigureVerdict): string[] {
  const m = v.matched;
  const { kind, holder } = SERIES_BY_NAME[v.series];
  if (!m || m.vintage === 'latest' || kind === 'reserves') return [];
  const obs = ds.holdingByMonth.get(holder)?.get(m.month);
  const vintage = obs?.earlier?.find((e) => e.kind === m.vintage && e.released === m.released);
  return vintage?.sources ?? [];
}

function vintageNote(doc: Document, lang: Lang, v: FigureVerdict): HTMLElement | undefined {
  const m = v.matched;
  if (!m || m.vintage === 'latest' || !m.released) return undefined;
  const key: MessageKey = m.vintage === 'first_reported' ? 'cardVerdictVintageFirstReported' : m.vintage === 'restated' ? 'cardVerdictVintageRestated' : 'cardVerdictVintageRevised';
  return para(doc, { class: 'note', 'data-note': `matches_${m.vintage}` }, rich(doc, lang, key, formatDate(lang, m.released), usd(doc, lang, m.valueUsd), usd(doc, lang, v.official.valueUsd)));
}

/**
 * The verdict in a line or two for the compact card (its status, what the figure really is, the official
 * figure), and in full sentences with its notes and correction for the details.
 */
function figureVerdict(doc: Document, ds: Dataset, lang: Lang, f: FigureMention, v: FigureVerdict): { verdict: HTMLElement; notes: HTMLElement[] } {
  const subject = seriesName(ds, v.series, lang);
  const claim = claimById(ds, v.claim);
  const otherSeries = claim?.detect?.type === 'figure_confusion' ? claim.detect.matchesSeries : undefined;
  const official = (o: OfficialValue) => [month(doc, lang, o.month), usd(doc, lang, o.valueUsd)] as const;
  const lines: Array<HTMLElement | undefined> = [];
  const sentence = (key: MessageKey, ...parts: Array<string | Node>) => para(doc, { class: 'sentence' }, rich(doc, lang, key, ...parts));

  switch (v.status) {
    case 'consistent':
      if (v.matched && v.matched.month !== v.refMonth) lines.push(sentence('cardVerdictLaterMonth', ...official(v.matched)));
      else lines.push(sentence('cardVerdictConsistent', ...official(v.official)));
      break;
    case 'outdated':
      lines.push(sentence('cardVerdictOutdated', ...(v.matched ? official(v.matched) : ['', '']), ...official(v.official)));
      break;
    case 'off':
      lines.push(sentence('cardVerdictOff', ...official(v.official)));
      break;
    case 'confusion':
      lines.push(
        sentence(
          'cardVerdictConfusion',
          otherSeries ? seriesName(ds, otherSeries, lang) : '',
          ...(v.matched ? official(v.matched) : ['', '']),
          subject,
          usd(doc, lang, v.official.valueUsd),
          month(doc, lang, v.official.month),
        ),
      );
      break;
    case 'conversion': {
      lines.push(sentence('cardVerdictConversion', ...official(v.official)));
      const d = dollarStatus(v);
      if (d === 'consistent') lines.push(sentence('cardConversionConsistent'));
      else if (d === 'outdated') lines.push(sentence('cardConversionOutdated', v.matched ? month(doc, lang, v.matched.month) : ''));
      else if (d === 'off') lines.push(sentence('cardConversionOff'));
      else lines.push(sentence('cardConversionConfusion', otherSeries ? seriesName(ds, otherSeries, lang) : ''));
      break;
    }
    case 'unchecked':
      lines.push(sentence('cardVerdictUnchecked', ...official(v.official)));
      break;
  }
  const notes: Array<HTMLElement | undefined> = [];
  if (f.typo) {
    notes.push(
      para(doc, { class: 'note', 'data-note': f.typo.note }, rich(doc, lang, 'cardVerdictTypo', t(lang, 'cardQuoted', f.text), usd(doc, lang, f.valueUsd ?? v.official.valueUsd))),
    );
  }
  notes.push(vintageNote(doc, lang, v), claim && correction(doc, lang, claim, false));

  const { label, icon: iconName } = STATUS[v.status];
  const compact: Array<HTMLElement | undefined> = [];
  if (v.status === 'confusion' && v.matched) compact.push(sentence('cardCompactConfusion', otherSeries ? seriesName(ds, otherSeries, lang) : '', usd(doc, lang, v.matched.valueUsd)));
  else if (v.status === 'outdated' && v.matched) compact.push(sentence('cardCompactOutdated', ...official(v.matched)));
  else if (v.status === 'conversion') compact.push(lines[1]?.cloneNode(true) as HTMLElement | undefined);
  const shown = v.status === 'consistent' && v.matched && v.matched.month !== v.refMonth ? v.matched : v.official;
  const shownMonth = h(doc, 'span', { class: 'nowrap' }, formatMonth(lang, shown.month, { abbreviated: true }));
  compact.push(v.measure === 'change' ? sentence('cardOfficialChange', usd(doc, lang, shown.valueUsd), shownMonth) : sentence('cardCompactOfficial', shownMonth, usd(doc, lang, shown.valueUsd)));
  return {
    verdict: h(doc, 'div', { class: 'verdict', 'data-part': 'verdict', 'data-status': v.status }, statusBadge(doc, t(lang, label), iconName), ...compact),
    notes: [h(doc, 'div', { class: 'verdict-detail', 'data-part': 'verdict-detail' }, ...lines), ...notes.filter((n): n is HTMLElement => !!n)],
  };
}

function officialPart(doc: Document, ds: Dataset, lang: Lang, v: FigureVerdict): HTMLElement {
  const basis =
    v.refBasis === 'stated'
      ? t(lang, 'cardBasisStated')
      : v.refBasis === 'published'
        ? t(lang, v.notes.includes('release_window') ? 'cardBasisReleaseWindow' : 'cardBasisPublished')
        : t(lang, 'cardBasisEpisode', formatDate(lang, ds.raw.events.events.find((e) => e.kind === 'remark')?.date ?? ds.raw.meta.compiledOn));
  const missing = v.notes.includes('stated_month_not_in_data') ? `${t(lang, 'cardBasisStatedMissing')} ` : '';
  return h(
    doc,
    'div',
    { class: 'fact', 'data-part': 'official', 'data-month': v.official.month },
    h(doc, 'p', { class: 'label' }, t(lang, 'cardOfficialLabel')),
    para(
      doc,
      { class: 'figure' },
      rich(doc, lang, v.measure === 'change' ? 'cardOfficialChange' : 'cardOfficialValue', h(doc, 'span', { class: 'value' }, formatUsd(lang, v.official.valueUsd)), month(doc, lang, v.official.month)),
    ),
    h(doc, 'p', { class: 'basis' }, missing + basis),
  );
}

function rangePart(doc: Document, lang: Lang, v: FigureVerdict): HTMLElement {
  const short = (m: string) => formatMonth(lang, m, { short: true });
  const { min, max } = v.range;
  return h(
    doc,
    'div',
    { class: 'fact', 'data-part': 'range', 'data-from': v.range.from, 'data-to': v.range.to },
    h(doc, 'p', { class: 'label' }, t(lang, 'cardRangeLabel', short(v.range.from), short(v.range.to))),
    para(doc, { class: 'range' }, rich(doc, lang, 'cardRangeValue', usd(doc, lang, min.valueUsd), short(min.month), usd(doc, lang, max.valueUsd), short(max.month))),
    h(doc, 'p', { class: 'basis' }, t(lang, 'cardRangeNote')),
  );
}

function definitionPart(doc: Document, ds: Dataset, lang: Lang, series: Series): HTMLElement {
  const text = SERIES_BY_NAME[series].kind === 'reserves' ? ds.raw.reserves.definition[lang] : ds.raw.holdings.definition[lang];
  return h(doc, 'details', { class: 'definition', 'data-part': 'definition' }, h(doc, 'summary', {}, t(lang, 'cardDefinitionLabel')), h(doc, 'p', {}, text));
}

/** A card's two parts: what shows at once, and what "Details" opens. */
type Parts = { compact: Node[]; details: Node[] };

function figureCard(doc: Document, ds: Dataset, lang: Lang, f: FigureMention, page: CardPage, headingId: string): Parts & { status: string } {
  const v = f.verdict;
  const series = v?.series ?? seriesOfSubject(f.subject);
  const sources = new SourceList();
  const compact: Node[] = [h(doc, 'h2', { class: 'heading', id: headingId, 'data-part': 'heading', tabindex: '-1' }, series ? seriesName(ds, series, lang) : t(lang, 'extName'))];
  const details: Node[] = [
    h(
      doc,
      'p',
      { class: 'page-says', 'data-part': 'page-says' },
      h(doc, 'span', { class: 'label' }, t(lang, 'cardPageSaysLabel')),
      ' ',
      h(doc, 'span', { class: 'page-text' }, t(lang, 'cardQuoted', f.text)),
    ),
  ];
  if (v) {
    sources.add(v.sources);
    sources.add(vintageSources(ds, v));
    const claim = claimById(ds, v.claim);
    if (claim) sources.add(claim.sources);
    const { verdict, notes } = figureVerdict(doc, ds, lang, f, v);
    compact.push(verdict);
    details.push(...notes, h(doc, 'div', { class: 'facts' }, officialPart(doc, ds, lang, v), rangePart(doc, lang, v)));
  }
  // Other known claims the sentence makes about this figure ("the largest creditor", "the government holds").
  for (const claim of (f.claims ?? []).filter((id) => id !== v?.claim).map((id) => claimById(ds, id)).filter((c): c is Claim => !!c)) {
    details.push(claimVerdict(doc, lang, claim, 'claim'));
    sources.add(claim.sources);
  }
  if (series) details.push(definitionPart(doc, ds, lang, series));
  // The clarification only where the page is about the remarks: elsewhere it would explain nothing.
  const line = page.aboutRemarks ? lineFor(ds, lang, f) : undefined;
  if (line) compact.push(lineElement(doc, lang, line, sources));
  details.push(sourcesPart(doc, ds, lang, sources));
  const why = series ? [rich(doc, lang, 'cardWhyFigure', seriesName(ds, series, lang))] : [];
  details.push(footer(doc, ds, lang, why));
  return { compact, details, status: v?.status ?? 'unchecked' };
}

// ------------------------------------------------------------------ remarks

/** A known claim the page repeats, with its verdict and correction: the verdict of a remark card, or an extra part of a figure card. */
function claimVerdict(doc: Document, lang: Lang, claim: Claim, part: 'verdict' | 'claim' = 'verdict', withCorrection = true): HTMLElement {
  const cv = CLAIM_VERDICT[claim.verdict];
  return h(
    doc,
    'div',
    { class: 'verdict', 'data-part': part, 'data-status': cv.tone, 'data-verdict': claim.verdict, 'data-claim': claim.id },
    h(doc, 'p', { class: 'label' }, t(lang, 'cardClaimLabel')),
    h(doc, 'p', { class: 'claim' }, t(lang, 'cardQuoted', claim.claim[lang])),
    statusBadge(doc, t(lang, 'cardClaimVerdict', t(lang, cv.label)), cv.icon),
    withCorrection && correction(doc, lang, claim, false),
  );
}

/** The statement's own event for a kind, from the timeline. */
const eventOfKind = (ds: Dataset, kind: RemarkMention['remark']) => ds.raw.events.events.find((e) => e.kind === EVENT_KIND_OF_REMARK[kind]);

/** The sentence checked against the record: on record, not in the record, misdated (the false threat is a claim, shown above). */
function remarkRecordVerdict(doc: Document, lang: Lang, r: RemarkMention, ev: TimelineEvent | undefined): HTMLElement | undefined {
  const status = r.verdict.status;
  if (status !== 'on_record' && status !== 'not_in_record' && status !== 'misdated') return undefined;
  const v = REMARK_VERDICT[status];
  const actor = ev?.actor[lang] ?? '';
  const label = status === 'misdated' ? t(lang, v.label, r.verdict.statedWhen ?? '', ev ? eventDate(ev, lang) : '') : t(lang, v.label, actor);
  return h(
    doc,
    'div',
    { class: 'verdict', 'data-part': 'remark-verdict', 'data-status': v.tone, 'data-remark-verdict': status },
    h(doc, 'p', { class: 'label' }, t(lang, 'cardRemarkVerdictLabel')),
    statusBadge(doc, label, v.icon),
    status === 'not_in_record' && r.verdict.unrecorded ? h(doc, 'p', { class: 'claim' }, t(lang, 'cardQuoted', r.verdict.unrecorded)) : null,
  );
}

/** Why this statement: the sentence's own cues, each with what kind of marker it is. */
function cueLine(doc: Document, lang: Lang, r: RemarkMention): Node[] | undefined {
  const cues = r.cues.filter((c) => c.remark === r.remark || (r.unsure && c.remark === r.alternative));
  if (!cues.length) return undefined;
  const text = cues
    .map((c) => (c.type === 'frame' || c.type === 'quote' ? t(lang, CUE_LABEL[c.type]) : `${t(lang, 'cardQuoted', c.text)} (${t(lang, CUE_LABEL[c.type])})`))
    .join(lang === 'ja' ? '、' : ', ');
  return rich(doc, lang, 'cardWhyCues', text);
}

function remarkCard(doc: Document, ds: Dataset, lang: Lang, r: RemarkMention, headingId: string): Parts & { verdict?: ClaimVerdict } {
  const kind = REMARK_KIND[r.remark];
  const ev = r.events.map((id) => ds.events.get(id)).find((e): e is TimelineEvent => !!e);
  // Unsure: the card names neither statement with confidence, and shows both with their dates.
  const other = r.unsure && r.alternative ? eventOfKind(ds, r.alternative) : undefined;
  const sources = new SourceList();
  const claims = r.claims.map((id) => claimById(ds, id)).filter((c): c is Claim => !!c);
  const compact: Node[] = [
    h(
      doc,
      'h2',
      { class: 'heading', id: headingId, 'data-part': 'heading', tabindex: '-1' },
      ev && other ? t(lang, 'cardHeadingUnsure', ev.actor[lang]) : ev ? t(lang, kind.heading, ev.actor[lang], eventDate(ev, lang)) : t(lang, 'extName'),
    ),
  ];
  const details: Node[] = [];
  if (ev && other && r.alternative) {
    compact.push(
      h(
        doc,
        'p',
        { class: 'unsure', 'data-part': 'unsure' },
        t(lang, 'cardUnsureNote', t(lang, kind.noun), eventDate(ev, lang), t(lang, REMARK_KIND[r.alternative].noun), eventDate(other, lang)),
      ),
    );
  }
  // A known claim the sentence repeats is what the reader most needs: its verdict comes first.
  for (const claim of claims) {
    compact.push(claimVerdict(doc, lang, claim, 'verdict', false));
    details.push(correction(doc, lang, claim, false));
    sources.add(claim.sources);
  }
  const record = remarkRecordVerdict(doc, lang, r, ev);
  if (record) compact.push(record);

  // One line on the clarification: what it said, or for the clarification itself, what it explains.
  const line = lineFor(ds, lang, r);
  const used = new Set<Quote>(line?.quote ? [line.quote] : []);
  if (!other && r.remark === 'clarification') {
    const clarified = ev?.clarifies ? ds.events.get(ev.clarifies) : undefined;
    if (clarified) compact.push(h(doc, 'p', { class: 'clarification-line', 'data-part': 'clarification-line', 'data-event': clarified.id }, t(lang, 'cardLineClarifies', eventDate(clarified, lang), clarified.place[lang])));
  } else if (line) {
    compact.push(lineElement(doc, lang, line, sources));
  }

  const block = (part: string, label: MessageKey, e: TimelineEvent) => statement(doc, lang, part, label, e, r.text, used, sources);
  if (ev && other && r.alternative) {
    details.push(block('said', kind.said, ev), block('said', REMARK_KIND[r.alternative].said, other));
  } else if (ev) {
    details.push(block('said', kind.said, ev));
    if (r.remark === 'clarification') {
      const clarified = ev.clarifies ? ds.events.get(ev.clarifies) : undefined;
      if (clarified) details.push(block('clarification', 'cardClarifiedLabel', clarified));
    } else {
      // The remark and its clarification in full: the line above gives only the clarification's gist.
      const remark = r.remark === 'earlier_dismissal' ? clarifiedRemark(ds, line?.ev) : undefined;
      if (remark && remark.id !== ev.id) details.push(block('remark', 'cardLaterRemarkLabel', remark));
      if (line && line.ev.id !== ev.id) details.push(block('clarification', 'cardClarificationLabel', line.ev));
    }
  }
  if (ev) sources.add(ev.sources);
  if (other) sources.add(other.sources);
  details.push(sourcesPart(doc, ds, lang, sources));

  const why: Node[][] = [];
  if (ev && !other) why.push(rich(doc, lang, 'cardWhyRemark', ev.actor[lang], t(lang, kind.noun), eventDate(ev, lang), ev.place[lang]));
  const cues = cueLine(doc, lang, r);
  if (cues) why.push(cues);
  for (const claim of claims) why.push(rich(doc, lang, 'cardWhyClaim', t(lang, 'cardQuoted', claim.claim[lang])));
  details.push(footer(doc, ds, lang, why));
  return { compact, details, verdict: claims[0]?.verdict };
}

// ------------------------------------------------------------------ the card

/** The card's root and its top row: the heading shares its row with the pin and close buttons (reading order: heading, pin, close). */
function cardShell(doc: Document, lang: Lang, kind: string, headingId: string, heading: Node): HTMLElement {
  const brandId = `${headingId}-brand`;
  const card = h(doc, 'section', {
    class: 'card',
    'data-part': 'card',
    role: 'dialog',
    'aria-modal': 'false',
    // "Treasury Lens: Japan's U.S. Treasury holdings": whose card it is, then what it is about.
    'aria-labelledby': `${brandId} ${headingId}`,
    lang,
    dir: 'ltr',
    'data-kind': kind,
  });
  const button = (part: 'pin' | 'close', label: MessageKey, iconName: IconName, extra: Record<string, string> = {}) =>
    h(doc, 'button', { type: 'button', class: `tool ${part}`, 'data-part': part, 'aria-label': t(lang, label), title: t(lang, label), ...extra }, icon(doc, iconName));
  card.append(h(doc, 'span', { class: 'sr-only', id: brandId }, `${t(lang, 'extName')}:`));
  card.append(h(doc, 'div', { class: 'top' }, heading, h(doc, 'span', { class: 'tools' }, button('pin', 'cardPin', 'pin', { 'aria-pressed': 'false' }), button('close', 'cardClose', 'close'))));
  return card;
}

const nextHeadingId = () => `treasury-lens-card-heading-${++headingIds}`;

/** The card for a checked selection with nothing the engine can check in it ("Check with Treasury Lens"). */
export function buildNothingCard(doc: Document, lang: Lang): HTMLElement {
  const id = nextHeadingId();
  const card = cardShell(doc, lang, 'nothing', id, h(doc, 'h2', { class: 'heading', id, 'data-part': 'heading', tabindex: '-1' }, t(lang, 'cardNothingHeading')));
  card.setAttribute('data-status', 'nothing');
  card.append(h(doc, 'div', { class: 'body compact', 'data-part': 'compact' }, h(doc, 'p', { class: 'nothing', 'data-part': 'verdict' }, t(lang, 'cardNothingBody'))));
  return card;
}

/**
 * The whole card for one mention, ready to be placed in the shadow root: a non-modal dialog labelled
 * by its heading, with pin and close buttons (their handlers are the caller's), the compact part, and
 * the details behind a disclosure.
 */
export function buildCardContent(doc: Document, mention: Mention, ds: Dataset, lang: Lang, page: CardPage): HTMLElement {
  const headingId = nextHeadingId();
  const parts: Parts & { status?: string; verdict?: ClaimVerdict } = mention.kind === 'figure' ? figureCard(doc, ds, lang, mention, page, headingId) : remarkCard(doc, ds, lang, mention, headingId);
  const [heading, ...compact] = parts.compact;
  const card = cardShell(doc, lang, mention.kind, headingId, heading!);
  if (mention.kind === 'figure') {
    card.setAttribute('data-status', parts.status!);
  } else {
    card.setAttribute('data-status', 'remark');
    const verdict = parts.verdict;
    if (verdict) {
      card.setAttribute('data-verdict', verdict);
      card.setAttribute('data-tone', CLAIM_VERDICT[verdict].tone);
    }
  }
  card.append(
    h(doc, 'div', { class: 'body compact', 'data-part': 'compact' }, ...compact),
    h(doc, 'details', { class: 'more-details', 'data-part': 'details' }, h(doc, 'summary', {}, t(lang, 'cardDetails')), h(doc, 'div', { class: 'body' }, ...parts.details)),
  );
  return card;
}
