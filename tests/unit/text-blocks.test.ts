import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { collectText, locate, TextCollector } from '../../src/page/text-blocks';
import { pageLanguage, publicationDate } from '../../src/page/metadata';

const doc = (html: string) => parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;

describe('collectText: the text a reader reads, mapped back to nodes', () => {
  test('blocks become lines; inline elements run together', () => {
    const d = doc('<h1>Japan holds <b>$1.13 trillion</b></h1><p>Kato <i>said</i> so.</p><ul><li>one</li><li>two</li></ul>');
    expect(collectText(d.body).text).toBe('Japan holds $1.13 trillion\nKato said so.\none\ntwo');
  });

  test.each([
    ['<script>var x = "$1.13 trillion Treasuries";</script>'],
    ['<style>.a::after{content:"Treasuries"}</style>'],
    ['<noscript>Treasuries</noscript>'],
    ['<textarea>Japan holds $1.13 trillion of Treasuries</textarea>'],
    ['<input value="Treasuries">'],
    ['<select><option>Treasuries</option></select>'],
    ['<div contenteditable="true">Japan holds $1.13 trillion of Treasuries</div>'],
    ['<div contenteditable="">Treasuries</div>'],
    ['<pre>Treasuries</pre>'],
    ['<code>Treasuries</code>'],
    ['<div hidden>Treasuries</div>'],
    ['<div aria-hidden="true">Treasuries</div>'],
    ['<div data-treasury-lens-ui>Treasuries</div>'],
  ])('skips %s', (html) => {
    expect(collectText(doc(`<p>before</p>${html}<p>after</p>`).body).text).toBe('before\nafter');
  });

  test('offsets map back to the exact text node and offset', () => {
    const d = doc('<p>Japan holds <b>$1.13 trillion</b> of U.S. Treasuries.</p>');
    const page = collectText(d.body);
    const at = page.text.indexOf('$1.13');
    const start = locate(page, at)!;
    expect(start.node.data).toBe('$1.13 trillion');
    expect(start.offset).toBe(0);
    const end = locate(page, at + '$1.13 trillion'.length, true)!;
    expect(end.node.data).toBe('$1.13 trillion');
    expect(end.offset).toBe('$1.13 trillion'.length);
  });

  test('line breaks inside a text node are folded to spaces, keeping offsets', () => {
    const d = doc('<p>Japan holds\n$1.13\ttrillion</p>');
    const page = collectText(d.body);
    expect(page.text).toBe('Japan holds $1.13 trillion');
    expect(locate(page, 12)!.offset).toBe(12);
  });

  test('on a parent with very many children, groups without a cue are skipped whole', () => {
    const filler = Array.from({ length: 500 }, (_, i) => `<p>filler ${i} <b>x</b></p>`).join('');
    const d = doc(`<div>${filler}<p>Japan holds Treasuries</p>${filler}</div><p>after</p>`);
    const tested: string[] = [];
    const page = collectText(d.body, { groupTest: (t) => (tested.push(t), /Treasuries/.test(t)) });
    expect(page.text).toContain('Japan holds Treasuries');
    expect(page.text.endsWith('\nafter')).toBe(true);
    // Only the group holding the topic paragraph is read: 32 paragraphs, not 1,001.
    expect(page.segments.length).toBeLessThan(100);
    expect(tested.length).toBe(Math.ceil(1001 / 32));
    // A parent whose whole text fails the subtree test is skipped without looking at its children.
    const skipped = collectText(d.body, { groupTest: () => true, subtreeTest: () => false });
    expect(skipped.text).toBe('after');
    // Without the test every paragraph is read.
    expect(collectText(d.body).segments.length).toBe(2 * 1000 + 2);
  });

  test('with groupContext, a passing group reads only the members that pass and that many neighbours each side', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `<p>filler ${i}</p>`);
    // A topic paragraph in the middle of the first group of 32 (members 0–31).
    filler.splice(10, 0, '<p>Japan holds Treasuries</p>');
    const d = doc(`<div>${filler.join('')}</div><p>after</p>`);
    const page = collectText(d.body, { groupTest: (t) => /Treasuries/.test(t), groupContext: 2 });
    expect(page.text).toBe('filler 8\nfiller 9\nJapan holds Treasuries\nfiller 10\nfiller 11\nafter');
    // Without it the whole passing group is read.
    expect(collectText(d.body, { groupTest: (t) => /Treasuries/.test(t) }).segments.length).toBe(32 + 1);
  });

  test('a sliced walk gives the same result as one pass', () => {
    const paragraphs = Array.from({ length: 2000 }, (_, i) => `<p>Paragraph ${i} <b>bold</b> text.</p>`).join('');
    const d = doc(paragraphs);
    const whole = collectText(d.body);
    const c = new TextCollector(d.body);
    let clock = 0;
    let steps = 0;
    // A fake clock that runs out on every read: the walk must resume exactly where it stopped.
    while (!c.step(0, () => ++clock)) steps++;
    expect(steps).toBeGreaterThan(5);
    expect(c.result().text).toBe(whole.text);
    expect(c.result().segments.length).toBe(whole.segments.length);
  });

  test('a walk whose place the page removed between two steps starts again and reads the rest', () => {
    const header = Array.from({ length: 600 }, (_, i) => `<p>Header item ${i}</p>`).join('');
    const d = doc(`<div id="header">${header}</div><article><p>Japan holds $1.13 trillion.</p></article>`);
    const c = new TextCollector(d.body);
    let clock = 0;
    expect(c.step(0, () => ++clock)).toBe(false);
    // The page's framework re-renders the header while the walk stands inside it.
    const old = d.getElementById('header')!;
    old.replaceWith(old.cloneNode(true));
    while (!c.step(0, () => ++clock));
    const page = c.result();
    expect(page.text).toBe(collectText(d.body).text);
    expect(page.text.endsWith('Japan holds $1.13 trillion.')).toBe(true);
    // Every segment points at a node in the page as it now is.
    expect(page.segments.every((s) => s.node.isConnected)).toBe(true);
  });
});

describe('page metadata', () => {
  test.each([
    ['<meta property="article:published_time" content="2025-05-02T08:00:00Z">', '2025-05-02'],
    ['<meta name="date" content="2025-05-04">', '2025-05-04'],
    ['<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2025-05-06T01:00:00+09:00"}]}</script>', '2025-05-06'],
    ['<meta property="article:published_time" content="not a date">', undefined],
    ['<meta property="article:published_time" content="2025-02-30">', undefined],
  ])('%s → %s', (head, expected) => {
    const { document } = parseHTML(`<!doctype html><html lang="ja-JP"><head>${head}</head><body><p>x</p></body></html>`);
    expect(publicationDate(document)).toBe(expected);
    expect(pageLanguage(document)).toBe('ja');
  });

  test('falls back to a <time datetime> in the article', () => {
    const { document } = parseHTML('<html><body><article><time datetime="2025-05-03">May 3</time></article></body></html>');
    expect(publicationDate(document)).toBe('2025-05-03');
  });
});
