/**
 * The card's content, built from real mentions of the real dataset in a DOM-less document (linkedom).
 * Every expected value is read from data/, never written here: the test checks that the card shows
 * the dataset's facts, formatted, with their sources.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { analyze, type FigureMention, type Mention, type RemarkMention } from '../../src/engine/analyze';
import { TIC_LAG_DAYS } from '../../src/engine/verdict';
import { buildCardContent, MAX_SOURCES_SHOWN, type CardPage } from '../../src/page/card-content';
import { formatDate, formatMonth, formatUsd } from '../../src/page/format';
import { t, type Lang } from '../../src/page/i18n';
import { realDataset } from '../support/dataset';

const ds = realDataset();
const LANGS: Lang[] = ['en', 'ja'];
const COMMON_PARTS = ['heading', 'compact', 'details', 'sources', 'dataset', 'why', 'pin', 'close'];
/** What the compact card shows at once, and what waits behind "Details". */
const COMPACT_PARTS = ['verdict', 'unsure', 'remark-verdict', 'clarification-line'];
const DETAIL_PARTS = ['page-says', 'verdict-detail', 'official', 'range', 'definition', 'said', 'remark', 'clarification', 'sources', 'dataset', 'why'];

function newDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

function mention(text: string, needle: string, published = '2025-05-03'): Mention {
  const found = analyze(ds, text, { published }).find((m) => m.text.includes(needle));
  if (!found) throw new Error(`no mention "${needle}" in: ${text}`);
  return found;
}

/** Most cards here are on a page that reports the remarks; the page without them is tested on its own. */
const ABOUT_REMARKS: CardPage = { aboutRemarks: true };

function card(m: Mention, lang: Lang, page: CardPage = ABOUT_REMARKS): HTMLElement {
  const doc = newDocument();
  const el = buildCardContent(doc, m, ds, lang, page);
  doc.body.append(el);
  return el;
}

function part(el: Element, name: string): Element {
  const found = el.querySelectorAll(`[data-part="${name}"]`);
  expect(found.length, `one [data-part="${name}"]`).toBe(1);
  return found[0]!;
}

const text = (el: Element) => el.textContent ?? '';
const holdings = (month: string) => ds.holdingByMonth.get('japan')!.get(month)!;
const reserves = (month: string) => ds.reservesByMonth.get(month)!;
const event = (id: string) => ds.events.get(id)!;
const SOURCE_URLS = new Map(ds.raw.sources.sources.map((s) => [s.id, new URL(s.url).href]));

/** What every card has, whatever it is about; `line` says whether it has the clarification's line. */
function expectCommon(el: HTMLElement, lang: Lang, { line = true }: { line?: boolean } = {}): void {
  expect(el.getAttribute('data-part')).toBe('card');
  expect(el.getAttribute('role')).toBe('dialog');
  expect(el.getAttribute('aria-modal')).toBe('false');
  expect(el.getAttribute('lang')).toBe(lang);
  for (const name of COMMON_PARTS) part(el, name);
  const heading = part(el, 'heading');
  expect(heading.id).toBeTruthy();
  // Named "Treasury Lens: <heading>": whose card it is, then what it is about.
  const [brandId, headingId] = el.getAttribute('aria-labelledby')!.split(' ');
  expect(headingId).toBe(heading.id);
  expect(text(el.querySelector(`[id="${brandId}"]`)!)).toBe(`${t(lang, 'extName')}:`);
  expect(text(heading).trim()).not.toBe('');

  const close = part(el, 'close');
  expect(close.tagName).toBe('BUTTON');
  expect(close.getAttribute('aria-label')).toBe(t(lang, 'cardClose'));
  const pin = part(el, 'pin');
  expect(pin.tagName).toBe('BUTTON');
  expect(pin.getAttribute('aria-label')).toBe(t(lang, 'cardPin'));
  expect(pin.getAttribute('aria-pressed')).toBe('false');
  // Reading order: the heading, then its row's pin and close buttons, then the compact part.
  const all = Array.from(el.querySelectorAll('[data-part]'));
  const order = [heading, pin, close, part(el, 'compact'), part(el, 'details')].map((e) => all.indexOf(e));
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  // Compact first, the rest behind "Details" (a closed disclosure).
  const compact = part(el, 'compact');
  const details = part(el, 'details');
  expect(details.tagName).toBe('DETAILS');
  expect(details.hasAttribute('open')).toBe(false);
  expect(text(details.querySelector(':scope > summary')!)).toBe(t(lang, 'cardDetails'));
  for (const name of COMPACT_PARTS) for (const found of el.querySelectorAll(`[data-part="${name}"]`)) expect(compact.contains(found), name).toBe(true);
  for (const name of DETAIL_PARTS) for (const found of el.querySelectorAll(`[data-part="${name}"]`)) expect(details.contains(found), name).toBe(true);

  // The later clarification, from events.json: its date and one of its quotes (the details say where).
  if (line) {
    const milan = ds.raw.events.events.find((e) => e.kind === 'clarification' && e.clarifies)!;
    const found = part(el, 'clarification-line');
    expect(found.getAttribute('data-event')).toBe(milan.id);
    expect(text(found)).toContain(formatDate(lang, milan.date));
    expect(milan.quotes.some((q) => q.lang === lang && text(found).includes(q.text))).toBe(true);
  }

  // Sources: links to data/sources.json, new tab, no opener, ids unique, a handful shown.
  const sources = part(el, 'sources');
  const links = Array.from(sources.querySelectorAll('a'));
  expect(links.length).toBeGreaterThan(0);
  const ids = links.map((a) => a.getAttribute('data-source')!);
  expect(new Set(ids).size).toBe(ids.length);
  for (const a of links) {
    expect(a.getAttribute('href')).toBe(SOURCE_URLS.get(a.getAttribute('data-source')!));
    expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  }
  const shown = links.filter((a) => !sources.contains(a.closest('details')));
  expect(shown.length).toBeLessThanOrEqual(MAX_SOURCES_SHOWN);
  const more = sources.querySelector('details');
  if (more) expect(text(more.querySelector('summary')!)).toBe(t(lang, 'cardSourcesMore', String(links.length - shown.length)));

  expect(text(part(el, 'dataset'))).toContain(ds.raw.meta.datasetVersion);
  const why = part(el, 'why');
  expect(why.tagName).toBe('DETAILS');
  expect(text(why.querySelector('summary')!)).toBe(t(lang, 'cardWhySummary'));
}

/** The parts of a figure card, with the official values as the dataset has them. */
function expectFigure(el: HTMLElement, lang: Lang, m: FigureMention): void {
  expectCommon(el, lang);
  const v = m.verdict!;
  expect(el.getAttribute('data-kind')).toBe('figure');
  expect(el.getAttribute('data-status')).toBe(v.status);
  expect(text(part(el, 'page-says'))).toContain(m.text);

  const official = part(el, 'official');
  const obs = holdings(v.refMonth);
  expect(text(official.querySelector('.value')!)).toBe(formatUsd(lang, obs.value * 1e9));
  expect(text(official)).toContain(formatMonth(lang, v.refMonth));

  const range = part(el, 'range');
  const window = ds.holdings.get('japan')!.filter((o) => o.month >= v.range.from && o.month <= v.range.to);
  const low = window.reduce((a, b) => (b.value < a.value ? b : a));
  const high = window.reduce((a, b) => (b.value > a.value ? b : a));
  expect(text(range)).toContain(formatUsd(lang, low.value * 1e9));
  expect(text(range)).toContain(formatUsd(lang, high.value * 1e9));
  expect(text(range)).toContain(formatMonth(lang, low.month, { short: true }));

  const verdict = part(el, 'verdict');
  expect(verdict.getAttribute('data-status')).toBe(v.status);
  expect(text(verdict)).toContain(t(lang, `cardStatus${v.status[0]!.toUpperCase()}${v.status.slice(1)}` as never));
  expect(text(part(el, 'definition'))).toContain(ds.raw.holdings.definition[lang]);
  // Every source the verdict rests on is listed.
  const listed = new Set(Array.from(part(el, 'sources').querySelectorAll('a')).map((a) => a.getAttribute('data-source')));
  for (const id of v.sources) expect(listed, id).toContain(id);
}

describe.each(LANGS)('figure cards (%s)', (lang) => {
  test('$1.13 trillion of Treasuries: consistent with end-February 2025', () => {
    const m = mention('Japan holds $1.13 trillion of U.S. Treasuries.', '$1.13 trillion') as FigureMention;
    expect(m.verdict?.status).toBe('consistent');
    const el = card(m, lang);
    expectFigure(el, lang, m);
    const verdict = text(part(el, 'verdict'));
    expect(verdict).toContain(formatUsd(lang, holdings('2025-02').value * 1e9));
    expect(verdict).toContain(formatMonth(lang, '2025-02', { abbreviated: true }));
    expect(text(part(el, 'verdict-detail'))).toContain(formatMonth(lang, '2025-02'));
    expect(text(part(el, 'official'))).toContain(t(lang, 'cardBasisPublished'));
  });

  test('$1.27 trillion of Treasuries: the reserves, with the correction from claims.json', () => {
    const m = mention('Japan holds $1.27 trillion of U.S. Treasuries.', '$1.27 trillion') as FigureMention;
    expect(m.verdict?.status).toBe('confusion');
    const el = card(m, lang);
    expectFigure(el, lang, m);
    const verdict = part(el, 'verdict');
    const claim = ds.claims.find((c) => c.id === m.verdict!.claim)!;
    const fix = el.querySelector(`[data-part="details"] .correction[data-claim="${claim.id}"]`);
    expect(fix && text(fix)).toContain(claim.correction[lang]);
    expect(text(verdict)).toContain(t(lang, 'cardSeriesReserves', ds.raw.holdings.series.find((s) => s.id === 'japan')!.name[lang]));
    const matched = m.verdict!.matched!;
    expect(text(verdict)).toContain(formatUsd(lang, reserves(matched.month).total * 1e6));
    expect(text(part(el, 'verdict-detail'))).toContain(formatMonth(lang, matched.month));
    expect(text(verdict)).toContain(formatUsd(lang, holdings(m.verdict!.refMonth).value * 1e9));
    for (const id of claim.sources) expect(el.querySelector(`[data-source="${id}"]`), id).not.toBeNull();
  });

  test('an outdated figure names the month it matches', () => {
    const m = mention('Japan holds $1.06 trillion of U.S. Treasuries.', '$1.06 trillion') as FigureMention;
    expect(m.verdict?.status).toBe('outdated');
    const el = card(m, lang);
    expectFigure(el, lang, m);
    const matched = m.verdict!.matched!;
    expect(text(part(el, 'verdict'))).toContain(formatMonth(lang, matched.month));
    expect(text(part(el, 'verdict'))).toContain(formatUsd(lang, holdings(matched.month).value * 1e9));
  });

  test('a figure that matches nothing says so', () => {
    const m = mention('Japan holds $2.4 trillion of U.S. Treasuries.', '$2.4 trillion') as FigureMention;
    const el = card(m, lang);
    expectFigure(el, lang, m);
    expect(text(part(el, 'verdict'))).toContain(t(lang, 'cardStatusOff'));
  });

  test('a yen conversion is judged through its dollar figure', () => {
    const m = mention('日本の米国債保有額は2月末時点で1兆1259億ドル（約163兆円）だった。', '約163兆円') as FigureMention;
    expect(m.verdict?.status).toBe('conversion');
    const el = card(m, lang);
    expectFigure(el, lang, m);
    expect(text(part(el, 'page-says'))).toContain('約163兆円');
    expect(text(part(el, 'verdict'))).toContain(t(lang, 'cardConversionConsistent'));
  });

  test('the wire typo "$1,125.9 trillion" is read as billions, and the card says so', () => {
    const m = mention("Japan's holdings of Treasuries stood at $1,125.9 trillion at end-February.", '$1,125.9 trillion') as FigureMention;
    const el = card(m, lang);
    expectFigure(el, lang, m);
    const note = part(el, 'details').querySelector('[data-note="scale_typo"]')!;
    expect(text(note)).toContain('$1,125.9 trillion');
    expect(text(note)).toContain(formatUsd(lang, holdings('2025-02').value * 1e9));
  });

  test('a first-reported value is named with its release date and its own source', () => {
    const m = mention("Japan's holdings of U.S. Treasuries were $1.099 trillion at the end of November.", '$1.099 trillion', '2025-01-20') as FigureMention;
    expect(m.verdict?.matched?.vintage).toBe('first_reported');
    const el = card(m, lang);
    expectFigure(el, lang, m);
    const first = holdings('2024-11').earlier!.find((e) => e.kind === 'first_reported')!;
    const note = part(el, 'details').querySelector('[data-note="matches_first_reported"]')!;
    expect(text(note)).toContain(formatDate(lang, first.released));
    expect(text(note)).toContain(formatUsd(lang, first.value * 1e9));
    for (const id of first.sources) expect(el.querySelector(`[data-source="${id}"]`), id).not.toBeNull();
  });

  test('a reserves figure is explained with the reserves definition', () => {
    const m = mention("Japan's foreign reserves stood at $1.27 trillion. Japan holds $1.13 trillion of U.S. Treasuries.", '$1.27 trillion') as FigureMention;
    expect(m.subject).toBe('japan_fx_reserves');
    const el = card(m, lang);
    expect(text(part(el, 'definition'))).toContain(ds.raw.reserves.definition[lang]);
    expect(text(part(el, 'official').querySelector('.value')!)).toBe(formatUsd(lang, reserves(m.verdict!.refMonth).total * 1e6));
  });
});

describe.each(LANGS)('remark cards (%s)', (lang) => {
  const remarkEvent = ds.raw.events.events.find((e) => e.kind === 'remark' && e.clarifiedBy)!;
  const milan = event(remarkEvent.clarifiedBy!);
  const quotedIn = (el: Element, ev: typeof milan) => ev.quotes.some((q) => (el.textContent ?? '').includes(q.text));

  test('the card remark: what was said, when and where, and the later clarification', () => {
    const m = mention(
      "Finance Minister Katsunobu Kato said on Friday that Japan's holdings of U.S. Treasuries could be a card in trade talks with Washington.",
      'Kato',
    ) as RemarkMention;
    expect(m.remark).toBe('card_remark');
    const el = card(m, lang);
    expectCommon(el, lang);
    expect(el.getAttribute('data-kind')).toBe('remark');
    expect(el.querySelector('[data-part="page-says"]')).toBeNull();
    const said = part(el, 'said');
    expect(text(said)).toContain(remarkEvent.place[lang]);
    expect(text(said)).toContain(formatDate(lang, remarkEvent.date));
    expect(remarkEvent.quotes.some((q) => q.lang === lang && text(said).includes(q.text))).toBe(true);
    const clar = part(el, 'clarification');
    expect(text(clar)).toContain(milan.place[lang]);
    expect(text(clar)).toContain(formatDate(lang, milan.date));
    expect(quotedIn(clar, milan)).toBe(true);
    expect(text(part(el, 'heading'))).toContain(remarkEvent.actor[lang]);
    expect(text(part(el, 'why'))).toContain(remarkEvent.place[lang]);
  });

  test('a clarification: what was said in Milan, and the remark it clarified', () => {
    const m = mention('Kato later said his comments were not meant to suggest Japan would sell its Treasury holdings.', 'Kato', '2025-05-05') as RemarkMention;
    expect(m.remark).toBe('clarification');
    const el = card(m, lang);
    expectCommon(el, lang, { line: false });
    // Its one line names the remark it explains.
    const line = part(el, 'clarification-line');
    expect(line.getAttribute('data-event')).toBe(remarkEvent.id);
    expect(text(line)).toBe(t(lang, 'cardLineClarifies', formatDate(lang, remarkEvent.date), remarkEvent.place[lang]));
    const said = part(el, 'said');
    expect(text(said)).toContain(milan.place[lang]);
    expect(quotedIn(said, milan)).toBe(true);
    const clar = part(el, 'clarification');
    expect(text(clar)).toContain(remarkEvent.place[lang]);
    expect(quotedIn(clar, remarkEvent)).toBe(true);
  });

  test('"threatened to sell": the claim, its verdict and correction from claims.json', () => {
    const m = mention(
      'Japan threatened to sell its U.S. Treasuries, Finance Minister Katsunobu Kato said in an interview, calling the holdings a card in trade talks.',
      'Japan',
    ) as RemarkMention;
    expect(m.claims).toEqual(['japan-threatened-to-sell']);
    const claim = ds.claims.find((c) => c.id === 'japan-threatened-to-sell')!;
    const el = card(m, lang);
    expectCommon(el, lang);
    const verdict = part(el, 'verdict');
    expect(verdict.getAttribute('data-claim')).toBe(claim.id);
    expect(verdict.getAttribute('data-verdict')).toBe(claim.verdict);
    expect(text(verdict)).toContain(claim.claim[lang]);
    expect(text(verdict)).toContain(t(lang, 'cardClaimFalse'));
    expect(part(el, 'compact').contains(verdict)).toBe(true);
    // The correction is in the details.
    const fix = el.querySelector(`[data-part="details"] .correction[data-claim="${claim.id}"]`);
    expect(fix && text(fix)).toContain(claim.correction[lang]);
    expect(el.getAttribute('data-verdict')).toBe(claim.verdict);
    for (const id of claim.sources) expect(el.querySelector(`[data-source="${id}"]`), id).not.toBeNull();
    part(el, 'said');
    part(el, 'clarification');
  });

  test('the earlier statement, then the remark and the clarification', () => {
    const m = mention(
      'In April, Finance Minister Katsunobu Kato told parliament that Japan would not use its Treasury holdings as a tool against U.S. tariffs.',
      'April',
    ) as RemarkMention;
    expect(m.remark).toBe('earlier_dismissal');
    const april = event(m.events[0]!);
    const el = card(m, lang);
    expectCommon(el, lang);
    expect(text(part(el, 'said'))).toContain(april.place[lang]);
    expect(quotedIn(part(el, 'said'), april)).toBe(true);
    expect(text(part(el, 'remark'))).toContain(remarkEvent.place[lang]);
    expect(text(part(el, 'clarification'))).toContain(milan.place[lang]);
    const order = ['said', 'remark', 'clarification'].map((p) => Array.from(el.querySelectorAll('[data-part]')).indexOf(part(el, p)));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('page text is text', () => {
  test.each(LANGS)('a mention written as markup is shown as characters, not parsed (%s)', (lang) => {
    const real = mention('Japan holds $1.13 trillion of U.S. Treasuries.', '$1.13 trillion') as FigureMention;
    const hostile = '<img src=x onerror=alert(1)>';
    const el = card({ ...real, text: hostile }, lang);
    expect(el.querySelector('img')).toBeNull();
    expect(el.ownerDocument.querySelector('img, script, [onerror]')).toBeNull();
    expect(text(part(el, 'page-says'))).toContain(hostile);
  });

  test('a remark sentence with markup and "$1" stays as written', () => {
    const real = mention(
      "Finance Minister Katsunobu Kato said on Friday that Japan's holdings of U.S. Treasuries could be a card in trade talks with Washington.",
      'Kato',
    ) as RemarkMention;
    const el = card({ ...real, text: '<script>alert(1)</script> $1 $$ Kato' }, 'en');
    expect(el.querySelector('script')).toBeNull();
  });

  test('each card gets its own heading id', () => {
    const m = mention('Japan holds $1.13 trillion of U.S. Treasuries.', '$1.13 trillion');
    expect(card(m, 'en').getAttribute('aria-labelledby')).not.toBe(card(m, 'en').getAttribute('aria-labelledby'));
  });
});

describe('remark cards say which statement, how sure, and against the record', () => {
  const unsureText = 'Finance Minister Katsunobu Kato ruled out selling U.S. Treasuries as a bargaining chip in the tariff negotiations.';

  test.each(LANGS)('unsure (%s): no statement named with confidence; both shown with their dates', (lang) => {
    const m = mention(unsureText, 'ruled out', '2025-05-05') as RemarkMention;
    expect(m.unsure).toBe(true);
    const el = card(m, lang);
    const first = ds.raw.events.events.find((e) => e.kind === (m.remark === 'clarification' ? 'clarification' : 'dismissal'))!;
    const second = ds.raw.events.events.find((e) => e.kind === (m.alternative === 'clarification' ? 'clarification' : 'dismissal'))!;
    expect(part(el, 'heading').textContent).toBe(t(lang, 'cardHeadingUnsure', first.actor[lang]));
    expect(part(el, 'unsure').textContent).toContain(formatDate(lang, first.date, { precision: first.datePrecision }));
    expect(part(el, 'unsure').textContent).toContain(formatDate(lang, second.date, { precision: second.datePrecision }));
    const said = [...el.querySelectorAll('[data-part="said"]')].map((e) => e.getAttribute('data-event'));
    expect(said.sort()).toEqual([first.id, second.id].sort());
  });

  test('a sure remark names its statement and no unsure note', () => {
    const m = mention('Finance Minister Katsunobu Kato on Sunday in Milan ruled out selling U.S. Treasuries as a bargaining chip.', 'ruled out', '2025-05-05') as RemarkMention;
    const el = card(m, 'en');
    expect(m.unsure).toBe(false);
    expect(el.querySelector('[data-part="unsure"]')).toBeNull();
    const ev = ds.raw.events.events.find((e) => e.kind === 'clarification')!;
    expect(part(el, 'heading').textContent).toBe(t('en', 'cardHeadingClarification', ev.actor.en, formatDate('en', ev.date, { precision: ev.datePrecision })));
    // The cues that decided reach the card.
    expect(part(el, 'why').textContent).toContain('“Milan” (place)');
    expect(part(el, 'why').textContent).toContain('“Sunday” (day)');
  });

  test('misdated: the card says when it really was', () => {
    const m = mention('Finance Minister Katsunobu Kato said in a TV Tokyo interview in April that Japan’s Treasury holdings could be a card in the talks.', 'TV Tokyo', '2025-05-06') as RemarkMention;
    expect(m.remark).toBe('card_remark');
    expect(m.verdict.status).toBe('misdated');
    const ev = ds.raw.events.events.find((e) => e.kind === 'remark')!;
    const v = part(card(m, 'en'), 'remark-verdict');
    expect(v.getAttribute('data-remark-verdict')).toBe('misdated');
    expect(v.textContent).toContain(formatDate('en', ev.date, { precision: ev.datePrecision }));
  });

  test('words attributed to him that match nothing recorded are "not in the record", never "invented"', () => {
    const m = mention('Finance Minister Katsunobu Kato said on Friday that Japan’s Treasury holdings were a card: “We are ready to put every bond we own on the negotiating table next week.”', 'every bond', '2025-05-03') as RemarkMention;
    expect(m.verdict.status).toBe('not_in_record');
    const v = part(card(m, 'en'), 'remark-verdict');
    expect(v.textContent).toContain('Not in the record');
    expect(v.textContent?.toLowerCase()).not.toContain('invent');
  });

  test('recorded words are on record', () => {
    const m = mention('“Whether or not we use that card is a different decision,” Finance Minister Katsunobu Kato said of Japan’s Treasury holdings on Friday.', 'different decision', '2025-05-03') as RemarkMention;
    expect(m.verdict.status).toBe('on_record');
    expect(m.verdict.recorded?.event).toBe(ds.raw.events.events.find((e) => e.kind === 'remark')!.id);
  });
});

describe('a figure card shows the other known claims its sentence makes', () => {
  test.each(LANGS)('"the largest foreign creditor" beside the figure (%s)', (lang) => {
    const text = 'Finance Minister Katsunobu Kato said on Friday on TV Tokyo that Japan’s Treasury holdings could be a card.\nJapan, the largest foreign creditor of the United States, holds $1.13 trillion of Treasuries.';
    const m = mention(text, '$1.13 trillion', '2025-05-05') as FigureMention;
    expect(m.claims).toContain('largest-creditor');
    const claim = ds.claims.find((c) => c.id === 'largest-creditor')!;
    const part = card(m, lang).querySelector('[data-part="claim"][data-claim="largest-creditor"]');
    expect(part?.textContent).toContain(claim.correction[lang]);
  });
});

describe('cards say only what applies', () => {
  const FIGURE_SENTENCE = 'Japan held $1.13 trillion of U.S. Treasuries at the end of February.';

  test.each(LANGS)('a figure card on a page that reports no remark says nothing of the clarification (%s)', (lang) => {
    const m = mention(FIGURE_SENTENCE, '$1.13 trillion') as FigureMention;
    const el = card(m, lang, { aboutRemarks: false });
    expectCommon(el, lang, { line: false });
    expect(el.querySelector('[data-part="clarification-line"]')).toBeNull();
    // No event of the episode is named anywhere in it: not its date, not its place.
    for (const ev of ds.raw.events.events.filter((e) => e.kind === 'clarification' || e.kind === 'remark')) {
      expect(text(el)).not.toContain(ev.place[lang]);
      expect(el.querySelector(`[data-event="${ev.id}"]`)).toBeNull();
    }
    // On a page about the remarks, the same figure's card has the line.
    expect(card(m, lang, { aboutRemarks: true }).querySelector('[data-part="clarification-line"]')).not.toBeNull();
  });

  test.each(['2025-05-03', '2025-05-20', '2025-06-20'])('the range takes in only months published by the page date (%s), and says what it is', (published) => {
    const m = mention(FIGURE_SENTENCE.replace(' at the end of February', ''), '$1.13 trillion', published) as FigureMention;
    const v = m.verdict!;
    // The latest month out by then: TIC publishes a month TIC_LAG_DAYS after it ends.
    const out = ds.holdings
      .get('japan')!
      .map((o) => o.month)
      .filter((month) => {
        const [y, mo] = month.split('-').map(Number);
        const end = Date.UTC(y!, mo!, 0);
        return end + TIC_LAG_DAYS * 86_400_000 <= Date.parse(published);
      })
      .at(-1)!;
    expect(v.range.to <= out).toBe(true);
    expect(v.range.to).toBe(v.refMonth);
    expect(v.range.from < v.range.to).toBe(true);
    const el = card(m, 'en');
    const range = part(el, 'range');
    expect(range.getAttribute('data-to')).toBe(out);
    expect(text(range)).toContain(t('en', 'cardRangeNote'));
  });
});
