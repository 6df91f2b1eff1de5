import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import type { VocabularyFile } from '../../src/data/schema';
import { alternation, detectorAnchorSources, detectorTriggerSource, prefixTree } from '../../src/engine/terms';
import { BIG_TEXT_NODE, JOIN_NODES, scanText, textHits, type ScanResult, type Trigger } from '../../src/page/detect';

// The detector's real expressions, compiled from the bundled vocabulary the same way wxt.config.ts does.
const vocabulary = JSON.parse(readFileSync(new URL('../../data/vocabulary.json', import.meta.url), 'utf8')) as VocabularyFile;
const trigger = (): Trigger => ({
  anchors: new RegExp(detectorAnchorSources(vocabulary).join('|'), 'i'),
  full: new RegExp(detectorTriggerSource(vocabulary), 'i'),
});
const triggerTerms = vocabulary.trigger.flatMap((g) => [...vocabulary.groups[g]!.en, ...vocabulary.groups[g]!.ja]);

const body = (html: string) => parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document.body;

/** Scans synchronously (one slice, nothing scheduled) and returns the result. */
function scan(html: string, t: Trigger = trigger()): ScanResult {
  let out: ScanResult | undefined;
  scanText([body(html)], t, { sliceMs: Number.POSITIVE_INFINITY, schedule: () => expect.unreachable('scheduled a slice') }, (r) => (out = r));
  if (!out) throw new Error('no result');
  return out;
}

describe('scanText: is this page about the topic?', () => {
  test.each([
    '<p>Japan holds $1.13 trillion in U.S. Treasuries.</p>',
    '<p>Finance Minister Katsunobu Kato spoke on TV.</p>',
    '<p>Japan’s foreign reserves stood at $1.27 trillion.</p>',
    '<p>日本の米国債保有額は1兆1300億ドル。</p>',
    '<p>加藤勝信財務相は2日、</p>',
    '<p>外貨準備高は</p>',
  ])('finds %s', (html) => {
    expect(scan(`<p>Weather and sport.</p>${html}<p>More news.</p>`).hit).toBe(true);
  });

  test.each([
    '<p>China’s holdings of gold rose.</p>',
    '<p>Sow broad beans once the soil has warmed.</p>',
    '<p>James Bond returns; the debt ceiling debate goes on.</p>',
    '<p>Treasure hunters found a reservoir.</p>',
    '<p>米国の大統領は</p>',
  ])('passes over %s', (html) => {
    expect(scan(html).hit).toBe(false);
  });

  test.each([
    ['a term split by an inline element', '<p>Japan cut its U.S. <b>debt</b> pile.</p>'],
    ['the anchor before the split', '<p>Japan’s Treasury <a href="#">holdings</a> fell.</p>'],
    ['a term over five nodes', '<p>Japan holds <b>U.S.</b> <i>government</i> <b>securities</b>.</p>'],
    ['Japanese split by ruby-like markup', '<p>日本の<span>米国</span><span>債</span>保有</p>'],
  ])('finds %s', (_name, html) => {
    expect(scan(html).hit).toBe(true);
  });

  test('every trigger term is found even when each of its words is its own element', () => {
    const anchors = detectorAnchorSources(vocabulary);
    for (const term of triggerTerms) {
      // English: each word an element, the spaces between them text nodes of their own. Japanese: the
      // anchor in the term, and what comes before and after it, each an element.
      const at = anchors.map((a) => term.indexOf(a)).find((i) => i >= 0) ?? 0;
      const anchor = anchors.find((a) => term.includes(a)) ?? '';
      const parts = /[^\x00-\x7f]/.test(term) ? [term.slice(0, at), anchor, term.slice(at + anchor.length)].filter(Boolean) : term.split(' ');
      const html = `<p>Before. ${parts.map((w) => `<span>${w}</span>`).join(/[^\x00-\x7f]/.test(term) ? '' : ' ')} after.</p>`;
      expect(scan(html).hit, term).toBe(true);
    }
  });

  test('text nodes far apart are not joined into a term', () => {
    const filler = Array.from({ length: JOIN_NODES + 2 }, (_, i) => `<p>para ${i}</p>`).join('');
    expect(scan(`<p>U.S.</p>${filler}<p>debt</p>`).hit).toBe(false);
  });

  test('skips long script and style text without reading it; reads short inline text', () => {
    const long = 'var x = "Japan holds U.S. Treasuries"; '.repeat(Math.ceil(BIG_TEXT_NODE / 30));
    expect(scan(`<p>Garden news.</p><script>${long}</script><style>/* ${long} */</style>`).hit).toBe(false);
    // A script's text is never joined to the prose after it.
    expect(scan(`<p>Garden</p><script>${long} U.S.</script><p>debt</p>`).hit).toBe(false);
  });

  test('a short inline script or style with topic words is no hit; the same words in prose are', () => {
    const words = 'Japan holds $1.13 trillion of U.S. Treasuries, Finance Minister Kato said.';
    expect(scan(`<p>Garden news.</p><script>window.tags = "${words}";</script>`).hit).toBe(false);
    expect(scan(`<p>Garden news.</p><style>/* ${words} */</style><noscript>${words}</noscript>`).hit).toBe(false);
    expect(scan(`<p>Garden news.</p><p>${words}</p>`).hit).toBe(true);
  });

  test('the exact expression runs only where an anchor is', () => {
    const t = trigger();
    let calls = 0;
    const full = t.full;
    const counted: Trigger = { anchors: t.anchors, full: { test: (s: string) => (calls++, full.test(s)) } as RegExp };
    const paragraphs = Array.from({ length: 200 }, (_, i) => `<p>Paragraph ${i} about gardens and weather.</p>`).join('');
    expect(scan(`${paragraphs}<p>James Bond</p>${paragraphs}`, counted).hit).toBe(false);
    // The anchored node itself, then it joined to the text before it and after it for JOIN_NODES nodes.
    expect(calls).toBeLessThanOrEqual(2 + JOIN_NODES);
    expect(calls).toBeGreaterThan(0);
  });

  test('counts what it read and stops at the first hit', () => {
    const r = scan('<p>one</p><p>two</p><p>Japan’s Treasuries</p><p>never read</p>');
    expect(r.hit).toBe(true);
    expect(r.nodes).toBe(3);
  });

  test('text nodes and several roots can be given', () => {
    const b = body('<p>gardens</p><div id="late">Japan sold U.S. Treasuries</div>');
    const late = b.querySelector('#late')!;
    let out: ScanResult | undefined;
    scanText([b.firstChild!, late.firstChild!], trigger(), { sliceMs: 1e9, schedule: () => {} }, (r) => (out = r));
    expect(out?.hit).toBe(true);
  });
});

describe('scanText in slices', () => {
  const page = Array.from({ length: 500 }, (_, i) => `<p>Paragraph ${i} about gardens.</p>`).join('');

  /** A clock that advances 0.1 ms per reading; slices are run from a queue, like idle callbacks. */
  function sliced(html: string, sliceMs: number) {
    let clock = 0;
    const queue: Array<() => void> = [];
    let out: ScanResult | undefined;
    const handle = scanText([body(html)], trigger(), { sliceMs, schedule: (next) => queue.push(next), now: () => (clock += 0.1) }, (r) => (out = r));
    return { queue, result: () => out, handle };
  }

  test('a long walk is cut into slices that resume where they stopped, with the same answer', () => {
    for (const [html, hit] of [
      [page, false],
      [`${page}<p>Kato said so.</p>`, true],
    ] as const) {
      const run = sliced(html, 0.25);
      let slices = 1;
      while (!run.result()) {
        const next = run.queue.shift();
        expect(next, 'a slice was scheduled').toBeDefined();
        next!();
        slices++;
      }
      const r = run.result()!;
      expect(r.hit).toBe(hit);
      expect(r.slices).toBe(slices);
      expect(slices).toBeGreaterThan(5);
      expect(r.nodes).toBe(hit ? 501 : 500);
      expect(r.longestSliceMs).toBeLessThan(0.5);
      expect(r.ms).toBeGreaterThanOrEqual(r.longestSliceMs);
    }
  });

  test('a cancelled walk neither continues nor reports', () => {
    const run = sliced(page, 0.5);
    run.handle.cancel();
    while (run.queue.length) run.queue.shift()!();
    expect(run.result()).toBeUndefined();
  });
});

test('textHits: the title test', () => {
  expect(textHits(trigger(), 'Japan’s Treasury holdings: Kato’s card | Wire')).toBe(true);
  expect(textHits(trigger(), 'Garden almanac, complete edition')).toBe(false);
});

describe('prefixTree: the detector\'s terms with shared beginnings written once', () => {
  const words = ['Treasury', 'Treasury holdings', 'Treasury hoard', 'Treasuries', 'T-bills', 'U.S. debt', 'US debt', '米国債', '米国債券', '米国の国債', '加藤', '加藤財務相'];
  const tree = new RegExp(`^(?:${prefixTree(words)})$`, 'i');
  const plain = new RegExp(`^(?:${alternation(words)})$`, 'i');

  test('matches exactly the strings the plain alternation matches', () => {
    const probes = [...words, ...words.map((w) => w.slice(0, -1)), ...words.map((w) => `${w}s`), 'Treasury h', 'treasury HOLDINGS', 'U.S debt', '米国', '加藤財務', ''];
    for (const p of probes) expect([p, tree.test(p)]).toEqual([p, plain.test(p)]);
  });

  test('is shorter than the plain alternation for the real trigger', () => {
    expect(prefixTree(triggerTerms).length).toBeLessThan(alternation(triggerTerms).length * 0.8);
  });

  test('every trigger term still triggers, and its near misses do not', () => {
    const full = trigger().full;
    for (const t of triggerTerms) expect([t, full.test(` ${t} `)]).toEqual([t, true]);
    expect(full.test('Katowice treasure Treasuryx')).toBe(false);
  });
});
