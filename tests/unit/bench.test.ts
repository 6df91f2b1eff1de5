// The pure parts of `npm run bench`: the generated pages' sizes, the summary `--json` prints, the aims.
import { describe, expect, test } from 'vitest';
import { bigPage, longArticlePage, nodePage, typicalArticlePage, words } from '../bench/pages';
import { aims, median, newAnnotatorSamples, ratioMedian, render, summarize, type BenchRun } from '../bench/report';

const textOf = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ');

describe('bench pages', () => {
  test('the typical article has about 1,000 words, the long one at least 5,000', () => {
    expect(words(textOf(typicalArticlePage()))).toBeGreaterThan(900);
    expect(words(textOf(typicalArticlePage()))).toBeLessThan(1_200);
    expect(words(textOf(longArticlePage()))).toBeGreaterThanOrEqual(5_000);
  });

  test('the node page has 100,000 filler text nodes and the topic paragraphs asked for', () => {
    const html = nodePage(25_000, 1_000);
    expect(html.match(/<b>/g)?.length).toBe(50_000);
    expect(html.match(/<p>/g)?.length).toBe(26_000);
    expect(html.match(/Notice \d+</g)?.length).toBe(25_000);
  });

  test('the big page is about 10 MB with a dozen topic paragraphs', () => {
    const html = bigPage();
    expect(html.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(html.length).toBeLessThan(11 * 1024 * 1024);
    expect(html.match(/Kato|\$\d/g)?.length).toBeGreaterThanOrEqual(12);
    const small = bigPage(200_000, 3);
    expect(small.length).toBeLessThan(220_000);
  });
});

const RUN: BenchRun = {
  browser: 'Test/1',
  detector: [
    { page: 'irrelevant-1mb-typographic.html', nodes: 10, chars: 1000, detectorMs: [4, 6, 5], slices: [2, 2, 2], longestSliceMs: [3, 3, 3], floorMs: [2, 3, 3], hits: [false, false, false] },
  ],
  annotator: [
    {
      ...newAnnotatorSamples({ key: 'nodes', name: '100k' }),
      ...{ nodes: 100_000, chars: 4_000_000, floorMs: [40, 50, 45], annotatorMs: [100, 120, 110], longestSliceMs: [8, 9, 10] },
      ...{ phases: [{ collect: 60, analyze: 40, paint: 10 }], flagged: [1000], longestTaskMs: [0, 0, 0], pageLongestTaskMs: [0, 0, 0] },
      ...{ heapAddedBytes: [4e6, 4e6, 4e6], markjsMs: [5000], markjsWraps: [1400] },
    },
    {
      ...newAnnotatorSamples({ key: 'article', name: '5,000 words' }),
      ...{ nodes: 400, chars: 30_000, floorMs: [1, 1, 1], annotatorMs: [60, 70, 80], longestSliceMs: [20, 20, 20], flagged: [110], markjsMs: [45, 45, 45], markjsWraps: [260] },
    },
  ],
  storm: { page: 'article', changesPerSecond: 1000, seconds: 10, ourCpuMs: [400], ourScriptMs: [300], rescans: [10], selfReportedMs: [300], gapOnMs: [60], gapOffMs: [20], heapAddedBytes: [1e6] },
  bundles: [{ name: 'detector', file: 'detector.js', raw: 7_765, gzip: 3_191 }],
};

describe('bench report', () => {
  test('median and per-pair ratios', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(ratioMedian([10, 20, 30], [5, 5, 10])).toBe(3);
  });

  test('the JSON summary has the fields issue 12 names, as numbers in ms', () => {
    const s = summarize(RUN);
    expect(s).toMatchObject({
      textFloorMs: 3,
      detectorIrrelevantMs: 5,
      walkFloorMs: 45,
      annotatorMs: 110,
      markjsMs: 5000,
      longestTaskMs: 0,
      articleAnnotatorMs: 70,
      articleMarkjsMs: 45,
      bigPageLongestTaskMs: null,
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  test('aims are met, missed, or unknown when a figure is missing', () => {
    const byAim = Object.fromEntries(aims(RUN).map((a) => [a.aim, a.met]));
    expect(byAim['detector ≤ 2× the cold floor on every irrelevant page']).toBe(true);
    expect(byAim['annotator ≤ 3× the walk floor on the 100k-node page']).toBe(true);
    expect(byAim['annotator ≥ 20× cheaper than mark.js on the 100k-node page']).toBe(true);
    expect(byAim['on the 5,000-word article, no more than mark.js']).toBe(false);
    expect(byAim['on the 5,000-word article, longest slice ≤ 16 ms']).toBe(false);
    expect(byAim['no long task (> 50 ms) while we work, injection included, on any page']).toBeUndefined();
    expect(byAim["mutation storm: the page's longest gap ≤ 2× without us"]).toBe(false);
  });

  test('the printed report has one row per page and every aim', () => {
    const text = render(RUN, { detector: 3, annotator: 3, storm: 1 });
    expect(text).toContain('irrelevant-1mb-typographic.html');
    expect(text).toContain('5,000 words');
    expect(text.match(/^( met |MISS |  \?  ) /gm)?.length).toBe(aims(RUN).length);
  });
});
