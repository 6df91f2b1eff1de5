/**
 * The exports: the JSON-LD parses and expands (offline: the contexts are the terms of anno.jsonld and
 * schema.org that the exports use, mapped as those contexts map them) with its required properties; the
 * Web Annotation selectors re-anchor to the same text; the CSV round-trips quotes, commas, line breaks and
 * Japanese; Markdown escapes page text.
 */
import jsonld from 'jsonld';
import { describe, expect, test } from 'vitest';
import { ANNO_CONTEXT, claimReviews, csv, csvField, CSV_COLUMNS, isFlaggedClaim, markdown, SCHEMA_CONTEXT, webAnnotations, type ExportContext } from '@/src/export';
import { analyze } from '@/src/engine/analyze';
import type { MentionSummary } from '@/src/messages';
import { classOf } from '@/src/page/highlighter';
import { t as tr } from '@/src/page/i18n';
import { mentionIds } from '@/src/page/annotator/anchors';
import { summarize } from '@/src/page/annotator/report';
import { realDataset } from '../support/dataset';

const OA = 'http://www.w3.org/ns/oa#';
const S = 'https://schema.org/';
/** The part of http://www.w3.org/ns/anno.jsonld the export uses, as that context defines it. */
const ANNO_TERMS = {
  '@context': {
    oa: OA,
    dc: 'http://purl.org/dc/terms/',
    as: 'http://www.w3.org/ns/activitystreams#',
    rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    foaf: 'http://xmlns.com/foaf/0.1/',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    id: { '@type': '@id', '@id': '@id' },
    type: { '@type': '@id', '@id': '@type' },
    Annotation: 'oa:Annotation',
    AnnotationCollection: 'as:OrderedCollection',
    AnnotationPage: 'as:OrderedCollectionPage',
    TextualBody: 'oa:TextualBody',
    TextQuoteSelector: 'oa:TextQuoteSelector',
    TextPositionSelector: 'oa:TextPositionSelector',
    Software: 'as:Application',
    Text: 'dctypes:Text',
    dctypes: 'http://purl.org/dc/dcmitype/',
    assessing: 'oa:assessing',
    describing: 'oa:describing',
    tagging: 'oa:tagging',
    linking: 'oa:linking',
    body: { '@type': '@id', '@id': 'oa:hasBody' },
    target: { '@type': '@id', '@id': 'oa:hasTarget' },
    source: { '@type': '@id', '@id': 'oa:hasSource' },
    selector: { '@type': '@id', '@id': 'oa:hasSelector' },
    motivation: { '@type': '@vocab', '@id': 'oa:motivatedBy' },
    purpose: { '@type': '@vocab', '@id': 'oa:hasPurpose' },
    generator: { '@type': '@id', '@id': 'as:generator' },
    created: { '@id': 'dc:created', '@type': 'xsd:dateTime' },
    value: { '@id': 'rdf:value' },
    exact: 'oa:exact',
    prefix: 'oa:prefix',
    suffix: 'oa:suffix',
    start: { '@id': 'oa:start', '@type': 'xsd:nonNegativeInteger' },
    end: { '@id': 'oa:end', '@type': 'xsd:nonNegativeInteger' },
    format: 'dc:format',
    language: 'dc:language',
    label: 'rdfs:label',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    name: 'foaf:name',
    total: { '@id': 'as:totalItems', '@type': 'xsd:nonNegativeInteger' },
    first: { '@type': '@id', '@id': 'as:first' },
    items: { '@id': 'as:items', '@type': '@id', '@container': '@list' },
    startIndex: { '@id': 'as:startIndex', '@type': 'xsd:nonNegativeInteger' },
  },
};
const CONTEXTS: Record<string, unknown> = { [ANNO_CONTEXT]: ANNO_TERMS, [SCHEMA_CONTEXT]: { '@context': { '@vocab': S } } };
const documentLoader = async (url: string) => {
  if (!(url in CONTEXTS)) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: null, documentUrl: url, document: CONTEXTS[url] };
};

const TEXT = [
  'Tokyo, 19 May 2025 — Japan held $1.13 trillion of U.S. Treasuries at the end of February, U.S. Treasury data showed.',
  'A widely shared post said Japan owns "$1.27 trillion" in U.S. Treasuries, a figure that, with commas, quotes and a\nline break, is its reserves.',
  'In a TV Tokyo interview on May 2, Finance Minister Katsunobu Kato said Japan\'s Treasury holdings could be among the cards.',
].join('\n');

function summaries(text: string, lang: 'en' | 'ja'): MentionSummary[] {
  const mentions = analyze(realDataset(), text, { lang, published: '2025-05-19' }).filter((m) => m.flagged);
  const ids = mentionIds(text, mentions);
  return mentions.map((mention, i) => summarize({ id: ids[i]!, mention, range: {} as Range, cls: classOf(mention) }, text));
}

function ctx(mentions: MentionSummary[], lang: 'en' | 'ja' = 'en'): ExportContext {
  return {
    url: 'https://news.example.com/2025/05/japan-treasuries?ref=a,b',
    title: 'Japan\'s "Treasury card", explained',
    mentions,
    published: '2025-05-19',
    datasetVersion: '2026.11.22',
    strings: { lang, t: (key, ...subs) => tr(lang, key, ...subs) },
    now: new Date('2026-12-01T10:00:00Z'),
  };
}

const first = (node: unknown, key: string) => (node as Record<string, unknown[]>)[key]?.[0] as Record<string, unknown> | undefined;
const ids = (node: unknown, key: string) => ((node as Record<string, Array<{ '@id'?: string }>>)[key] ?? []).map((v) => v['@id']);

describe('exports', () => {
  const mentions = summaries(TEXT, 'en');

  test('the fixture text has figures and a remark, with quotes and positions', () => {
    expect(mentions.map((m) => m.kind)).toEqual(expect.arrayContaining(['figure', 'remark']));
    for (const m of mentions) expect(m.quote && m.position && m.sentence).toBeTruthy();
  });

  test('Web Annotation: parses, expands, and every annotation has its required properties', async () => {
    const doc = JSON.parse(JSON.stringify(webAnnotations(ctx(mentions))));
    const [collection] = await jsonld.expand(doc, { documentLoader });
    expect(collection!['@type']).toEqual(['https://www.w3.org/ns/activitystreams#OrderedCollection'.replace('https', 'http')]);
    const page = first(collection, 'http://www.w3.org/ns/activitystreams#first')!;
    const items = (page['http://www.w3.org/ns/activitystreams#items'] as Array<{ '@list': Record<string, unknown>[] }>)[0]!['@list'];
    expect(items).toHaveLength(mentions.length);
    for (const anno of items) {
      expect(anno['@type']).toEqual([`${OA}Annotation`]);
      expect(anno['@id']).toMatch(/^urn:treasury-lens:mention:/);
      expect(ids(anno, `${OA}motivatedBy`)).toEqual([`${OA}assessing`]);
      const target = first(anno, `${OA}hasTarget`)!;
      expect(ids(target, `${OA}hasSource`)).toEqual([ctx(mentions).url]);
      const selectors = target[`${OA}hasSelector`] as Record<string, unknown>[];
      const types = selectors.map((s) => (s['@type'] as string[])[0]);
      expect(types).toEqual([`${OA}TextQuoteSelector`, `${OA}TextPositionSelector`]);
      for (const key of ['exact', 'prefix', 'suffix']) expect(first(selectors[0], `${OA}${key}`)?.['@value'], key).toEqual(expect.any(String));
      for (const key of ['start', 'end']) expect(first(selectors[1], `${OA}${key}`)?.['@value'], key).toEqual(expect.any(Number));
      const bodies = anno[`${OA}hasBody`] as Record<string, unknown>[];
      const assessing = bodies.find((b) => ids(b, `${OA}hasPurpose`)[0] === `${OA}assessing`)!;
      expect(first(assessing, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value')?.['@value']).toEqual(expect.any(String));
      // The dataset's sources: linked bodies with http(s) ids.
      expect(bodies.some((b) => /^https?:\/\//.test(String(b['@id'])))).toBe(true);
    }
  });

  test('Web Annotation: each selector re-anchors to the same text (quote found once, position slices it)', () => {
    const doc = webAnnotations(ctx(mentions)) as { first: { items: Array<{ target: { selector: Array<Record<string, string | number>> } }> } };
    const squashed = TEXT.replace(/\s+/g, ' ');
    for (const item of doc.first.items) {
      const [quote, position] = item.target.selector as [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }];
      const at = squashed.indexOf(quote.prefix + quote.exact + quote.suffix);
      expect(at, quote.exact).toBeGreaterThanOrEqual(0);
      expect(squashed.indexOf(quote.prefix + quote.exact + quote.suffix, at + 1)).toBe(-1);
      expect(TEXT.slice(position.start, position.end).replace(/\s+/g, ' ')).toBe(quote.exact);
    }
  });

  test('ClaimReview: one per flagged claim, expands with claimReviewed, itemReviewed (a Claim on the page), reviewRating.alternateName, author, datePublished, url', async () => {
    const flagged = mentions.filter(isFlaggedClaim);
    expect(flagged.length).toBeGreaterThan(0);
    const doc = JSON.parse(JSON.stringify(claimReviews(ctx(mentions))));
    const expanded = await jsonld.expand(doc, { documentLoader });
    const reviews = expanded.filter((n) => (n['@type'] as string[] | undefined)?.includes(`${S}ClaimReview`));
    expect(reviews).toHaveLength(flagged.length);
    for (const r of reviews) {
      for (const key of ['claimReviewed', 'itemReviewed', 'reviewRating', 'author', 'datePublished', 'url']) expect(r[`${S}${key}`], key).toBeDefined();
      const claim = first(r, `${S}itemReviewed`)!;
      expect(claim['@type']).toEqual([`${S}Claim`]);
      const appearance = first(claim, `${S}appearance`)!;
      expect(first(appearance, `${S}url`)?.['@value']).toBe(ctx(mentions).url);
      expect(first(first(r, `${S}reviewRating`), `${S}alternateName`)?.['@value']).toEqual(expect.any(String));
      expect(String(first(r, `${S}url`)?.['@value'])).toMatch(/^https:\/\//);
    }
  });

  /** RFC 4180, as a spreadsheet reads it. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    const s = text.replace(/^\uFEFF/, '');
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (quoted) {
        if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') row.push(field), (field = '');
      else if (c === '\r' && s[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
      else field += c;
    }
    return rows;
  }

  test.each([
    ['plain', 'Japan holds $1.13 trillion'],
    ['quotes and commas', 'He said "a card, perhaps", then "no"'],
    ['line breaks', 'first line\nsecond line\r\nthird'],
    ['Japanese', '加藤勝信財務相は「（交渉の）カードとしてはある」と述べた。'],
    ['a leading space and a formula', ' =HYPERLINK("x")'],
  ])('CSV round-trips %s', (_, value) => {
    const parsed = parseCsv(`${csvField(value)},${csvField('next')}\r\n`);
    const cell = parsed[0]![0]!;
    expect(cell.replace(/^'/, '')).toBe(value);
    expect(parsed[0]![1]).toBe('next');
  });

  test('CSV: a header and one row per mention, every row with every column, Japanese kept', () => {
    const ja = summaries('加藤勝信財務相は2日のテレビ東京の番組で、保有する米国債について「（交渉の）カードとしてはある」と述べた。財務省の統計によると、日本の米国債保有額は2月末時点で1兆1259億ドルだった。', 'ja');
    expect(ja.length).toBeGreaterThan(0);
    for (const set of [mentions, ja]) {
      const rows = parseCsv(csv(ctx(set, set === ja ? 'ja' : 'en')));
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength(set.length + 1);
      for (const [i, m] of set.entries()) {
        expect(rows[i + 1]).toHaveLength(CSV_COLUMNS.length);
        expect(rows[i + 1]![1]).toBe(m.quote!.exact);
        expect(rows[i + 1]![10]).toBe(ctx(set).url);
      }
    }
  });

  test('Markdown: a numbered list of the sentences with verdicts and linked sources; page text cannot make markup', () => {
    const evil: MentionSummary = { ...mentions[0]!, sentence: { text: 'See [a link](javascript:alert(1)) and <b>bold</b> *here*', start: 0, end: 3 } };
    const md = markdown(ctx([evil, ...mentions]));
    expect(md).toContain('1. “See \\[a link\\](javascript:alert(1)) and \\<b\\>bold\\</b\\> \\*here\\*”');
    expect(md).toMatch(/\n2\. “Tokyo, 19 May 2025/);
    expect(md).toMatch(/Sources: \[.+\]\(<https:\/\//);
  });
});
