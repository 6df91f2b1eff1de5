import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { CORPUS_DIR, loadCorpus, scoreCorpus } from '../support/corpus';
import { realDataset } from '../support/dataset';

// The aims from the engine's brief, measured on our own labelled corpus. `npm run score -- -v` lists
// every disagreement.
const FIGURE_PRECISION = 0.95;
const FIGURE_RECALL = 0.9;
const REMARK_PRECISION = 0.9;
const REMARK_RECALL = 0.8;

describe.each([
  ['labelled corpus', CORPUS_DIR, 40],
  // Written separately, by someone who did not see the engine; its first score is in the README.
  ['held-out set', join(CORPUS_DIR, '..', 'holdout'), 20],
])('%s', (_name, dir, minimum) => {
  const articles = loadCorpus(dir);
  const s = scoreCorpus(realDataset(), articles);

  test('is big enough and half hard negatives', () => {
    expect(articles.length).toBeGreaterThanOrEqual(minimum);
    expect(s.negatives).toBeGreaterThanOrEqual(articles.length * 0.4);
  });

  test(`figures about Japan's holdings: precision >= ${FIGURE_PRECISION}, recall >= ${FIGURE_RECALL}`, () => {
    expect(s.figures.precision).toBeGreaterThanOrEqual(FIGURE_PRECISION);
    expect(s.figures.recall).toBeGreaterThanOrEqual(FIGURE_RECALL);
  });

  test(`card remarks and clarifications: precision >= ${REMARK_PRECISION}, recall >= ${REMARK_RECALL}`, () => {
    expect(s.remarks.precision).toBeGreaterThanOrEqual(REMARK_PRECISION);
    expect(s.remarks.recall).toBeGreaterThanOrEqual(REMARK_RECALL);
  });

  test('no flagged mention in any negative article', () => {
    const offenders = s.results.filter((r) => r.flaggedInNegative > 0).map((r) => `${r.id}: ${r.errors.join('; ')}`);
    expect(offenders).toEqual([]);
  });
});

/** Japanese articles a set needs at the least (the accuracy issue asks for 20 in an unseen set). */
const MIN_JAPANESE = 20;

// The real-pattern sets (tests/fixtures/real): modelled on published pages, kept apart by page and outlet.
// dev/ is tuned on, and so, since their first scores were reported, are test/ to test5/.
// test6/ never is: it was scored once when it was written, and that first score is its floor. The other
// floors sit under the scores last measured, so that a change that loses accuracy fails here; the aims on
// published articles are higher (see the README).
describe.each([
  ['real-pattern dev set', join(CORPUS_DIR, '..', 'real', 'dev'), { articles: 100, figures: [0.99, 0.99], remarks: [0.95, 0.85], negativesFlagged: 0 }],
  ['first real-pattern test set (tuned on since its first score)', join(CORPUS_DIR, '..', 'real', 'test'), { articles: 60, figures: [0.98, 0.96], remarks: [0.92, 0.83], negativesFlagged: 0 }],
  ['second real-pattern test set (tuned on since its first score)', join(CORPUS_DIR, '..', 'real', 'test2'), { articles: 40, figures: [0.98, 0.93], remarks: [0.93, 0.91], negativesFlagged: 0 }],
  ['third real-pattern test set (tuned on since its first score)', join(CORPUS_DIR, '..', 'real', 'test3'), { articles: 60, figures: [0.98, 0.96], remarks: [0.97, 0.91], negativesFlagged: 0 }],
  ['fourth real-pattern test set (tuned on since its first score)', join(CORPUS_DIR, '..', 'real', 'test4'), { articles: 70, figures: [0.97, 0.92], remarks: [0.89, 0.84], negativesFlagged: 0 }],
  ['fifth real-pattern test set (tuned on since its first score)', join(CORPUS_DIR, '..', 'real', 'test5'), { articles: 60, figures: [0.98, 0.95], remarks: [0.92, 0.80], negativesFlagged: 0 }],
  ['sixth real-pattern test set (never tuned on; its first score is the floor)', join(CORPUS_DIR, '..', 'real', 'test6'), { articles: 60, figures: [0.99, 0.87], remarks: [0.89, 0.74], negativesFlagged: 0 }],
] as const)('%s', (_name, dir, floor) => {
  const articles = loadCorpus(dir);
  const s = scoreCorpus(realDataset(), articles);

  test(`has at least ${floor.articles} articles, a third of them hard negatives, and ${MIN_JAPANESE} or a third Japanese`, () => {
    expect(articles.length).toBeGreaterThanOrEqual(floor.articles);
    expect(s.negatives).toBeGreaterThanOrEqual(articles.length / 3);
    expect(articles.filter((a) => a.labels.lang === 'ja').length).toBeGreaterThanOrEqual(Math.min(MIN_JAPANESE, articles.length / 3));
  });

  test(`figures >= ${floor.figures[0]} / ${floor.figures[1]}, remarks >= ${floor.remarks[0]} / ${floor.remarks[1]}`, () => {
    expect(s.figures.precision).toBeGreaterThanOrEqual(floor.figures[0]);
    expect(s.figures.recall).toBeGreaterThanOrEqual(floor.figures[1]);
    expect(s.remarks.precision).toBeGreaterThanOrEqual(floor.remarks[0]);
    expect(s.remarks.recall).toBeGreaterThanOrEqual(floor.remarks[1]);
  });

  test(`at most ${floor.negativesFlagged} negative articles with anything flagged`, () => {
    expect(s.results.filter((r) => r.flaggedInNegative > 0).length).toBeLessThanOrEqual(floor.negativesFlagged);
  });
});
