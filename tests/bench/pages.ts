/**
 * The benchmark's pages. The four 1 MB irrelevant pages are fixtures as they are; the others are
 * generated at run time from fixture text (nothing of megabytes is committed):
 *
 *  - a 1,000-word real-pattern article: three English articles of the real-pattern dev set, one after
 *    the other, as a long explainer (the typical relevant page; also the page of the mutation storm);
 *  - a 5,000-word article: wire-en.html's paragraphs, repeated;
 *  - a 100,000-text-node page (long.html's shape: paragraphs of filler, each with two <b> children) with
 *    topic paragraphs from wire-en.html spread through it, about a thousand mentions in all;
 *  - a 10 MB page of filler with a dozen topic paragraphs.
 *
 * Pure string work, so tests/unit can check the sizes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGES_DIR = join(ROOT, 'tests/fixtures/pages');
const REAL_DEV_DIR = join(ROOT, 'tests/fixtures/real/dev');

/** Fixture pages served as they are: the detector's irrelevant pages and the script they share. */
export const DETECTOR_PAGES = ['irrelevant-1mb.html', 'irrelevant-1mb-typographic.html', 'irrelevant-1mb-html.html', 'irrelevant-ja.html'] as const;
export const STATIC_FILES = [...DETECTOR_PAGES, 'irrelevant.js'] as const;

/** Three positive English real-pattern articles, ~1,000 words together. */
const TYPICAL_ARTICLES = ['en-milan-explainer-09', 'en-milan-opinion-04', 'en-r2-explainer-04'];
export const ARTICLE_WORDS = 5_000;
/** 25,000 paragraphs × 4 text nodes, as long.html. */
export const NODE_PAGE_PARAGRAPHS = 25_000;
/** Topic paragraphs spread through the 100k-node page: about one flagged mention each (wire-en.html's mention paragraphs). */
export const NODE_PAGE_TOPIC_PARAGRAPHS = 1_000;
export const BIG_PAGE_BYTES = 10 * 1024 * 1024;
export const BIG_PAGE_TOPIC_PARAGRAPHS = 12;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function frame(title: string, published: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<meta property="article:published_time" content="${published}T06:00:00Z">
<style>body { margin: 0 auto; max-width: 760px; padding: 0 20px; font: 16px/1.45 Georgia, serif; }</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** wire-en.html's article paragraphs (inner HTML), and those with a mention (a figure or Kato). */
function wireParagraphs(): { all: string[]; topic: string[] } {
  const html = readFileSync(join(PAGES_DIR, 'wire-en.html'), 'utf8');
  const article = /<article>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '';
  const all = [...article.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
  return { all, topic: all.filter((p) => /\$\d|Kato/.test(p)) };
}

/** The garden almanac's sentences (irrelevant-1mb-typographic.html): filler with no topic word. */
function fillerSentences(): string[] {
  const html = readFileSync(join(PAGES_DIR, 'irrelevant-1mb-typographic.html'), 'utf8');
  return JSON.parse(/<script type="application\/json" id="sentences">([\s\S]*?)<\/script>/.exec(html)![1]!) as string[];
}

/** The 1,000-word real-pattern article: headline, byline and paragraphs as the .txt files have them. */
export function typicalArticlePage(): string {
  const parts: string[] = [];
  let title = '';
  let published = '';
  for (const [i, name] of TYPICAL_ARTICLES.entries()) {
    const text = readFileSync(join(REAL_DEV_DIR, `${name}.txt`), 'utf8');
    const labels = JSON.parse(readFileSync(join(REAL_DEV_DIR, `${name}.labels.json`), 'utf8')) as { published: string };
    if (labels.published > published) published = labels.published;
    const [head, ...paragraphs] = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    if (i === 0) title = head!;
    parts.push(i === 0 ? `<h1>${esc(head!)}</h1>` : `<h2>${esc(head!)}</h2>`);
    for (const p of paragraphs) parts.push(`<p>${esc(p).replace(/\n/g, '<br>')}</p>`);
  }
  return frame(title, published, `<article>\n${parts.join('\n')}\n</article>`);
}

/** wire-en.html's paragraphs, repeated until the article holds `count` words. */
export function longArticlePage(count = ARTICLE_WORDS): string {
  const { all } = wireParagraphs();
  const out: string[] = [];
  let n = 0;
  for (let part = 1; n < count; part++) {
    out.push(`<h2>Part ${part}</h2>`);
    for (const p of all) {
      out.push(`<p>${p}</p>`);
      n += words(p);
    }
  }
  return frame("Japan's Treasury pile: the long read | Meridian Wire", '2025-05-19', `<article>\n<h1>Japan's Treasury pile: the long read</h1>\n${out.join('\n')}\n</article>`);
}

/**
 * long.html's shape, built in the HTML rather than by a script: paragraphs of filler, each
 * `text <b>text</b> text <b>Notice n</b>` (four text nodes), with a topic paragraph from wire-en.html
 * after every (paragraphs / topics)-th one.
 */
export function nodePage(paragraphs = NODE_PAGE_PARAGRAPHS, topics = NODE_PAGE_TOPIC_PARAGRAPHS): string {
  const sentences = fillerSentences();
  const { topic } = wireParagraphs();
  const every = Math.max(1, Math.floor(paragraphs / Math.max(1, topics)));
  const out: string[] = [];
  let placed = 0;
  for (let i = 0; i < paragraphs; i++) {
    const a = sentences[i % sentences.length]!;
    const b = sentences[(i * 3 + 1) % sentences.length]!;
    out.push(`<p>${esc(a)} <b>${esc(b.slice(0, 24))}</b> ${esc(b.slice(24))} <b>Notice ${i + 1}</b></p>`);
    if ((i + 1) % every === 0 && placed < topics) out.push(`<p>${topic[placed++ % topic.length]}</p>`);
  }
  return frame("Community notice board archive | Riverside Weekly", '2025-05-19', `<h1>Community notice board archive</h1>\n<div id="filler">\n${out.join('\n')}\n</div>`);
}

/** About `bytes` of HTML: weekly sections of filler paragraphs, with `topics` topic paragraphs spread evenly. */
export function bigPage(bytes = BIG_PAGE_BYTES, topics = BIG_PAGE_TOPIC_PARAGRAPHS): string {
  const sentences = fillerSentences();
  const { topic } = wireParagraphs();
  const paragraph = (k: number) => {
    const parts: string[] = [];
    for (let j = 0; j < 7; j++) parts.push(sentences[(k * 7 + j * 3) % sentences.length]!);
    return `<p>${esc(parts.join(' '))}</p>`;
  };
  const perParagraph = paragraph(0).length + 1;
  const total = Math.ceil(bytes / perParagraph);
  const every = Math.max(1, Math.floor(total / (topics + 1)));
  const out: string[] = [];
  let placed = 0;
  for (let k = 0; k < total; k++) {
    if (k % 6 === 0) out.push(`<h2>Week ${k / 6 + 1}</h2>`);
    out.push(paragraph(k));
    if ((k + 1) % every === 0 && placed < topics) out.push(`<p>${topic[placed++ % topic.length]}</p>`);
  }
  return frame('Garden almanac, every edition | Riverside Weekly', '2025-05-19', `<h1>Garden almanac, every edition</h1>\n<main>\n${out.join('\n')}\n</main>`);
}

export type BenchPage = { key: string; name: string; file: string; html?: () => string };

/** The pages the annotator is measured on, in the order they are printed. */
export const ANNOTATOR_PAGES: BenchPage[] = [
  { key: 'typical', name: '1,000-word article', file: 'article-1000.html', html: typicalArticlePage },
  { key: 'article', name: '5,000-word article', file: 'article-5000.html', html: () => longArticlePage() },
  { key: 'nodes', name: '100k text nodes, ~1k mentions', file: 'nodes-100k.html', html: () => nodePage() },
  { key: 'big', name: '10 MB, 12 topic paragraphs', file: 'big-10mb.html', html: () => bigPage() },
];
