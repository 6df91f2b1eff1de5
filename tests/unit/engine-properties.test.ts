import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyze, analyzeSteps } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';

const ds = realDataset();

// Pieces that exercise every pattern: topic words, amounts in both languages, digits, commas, kanji.
const piece = fc.constantFrom(
  'Japan', ' holds ', '$1.13 trillion', ' of U.S. Treasuries', '. ', 'Kato', ' said ', 'card', ' China ',
  '1兆1259億ドル', '米国債', '加藤財務相', '「カードとしてはある」', '。', '\n', ',', '1,', '000', '兆', '億', 'ドル',
  '¥163 trillion', 'over ', 'as of end-February', '2月末時点', ' foreign reserves', '$', '-plus', '１２３',
);
// Whole sentences the engine reads as mentions, so that the offsets below are checked on figures and
// remarks, not only on the empty list most random text gives.
const sentence = fc.constantFrom(
  'Japan holds $1.13 trillion of U.S. Treasuries. ',
  'Finance Minister Katsunobu Kato said the Treasury holdings could be a card. ',
  '日本の米国債保有額は1兆1259億ドル（約163兆円）だった。',
  '加藤財務相は2日、米国債について「カードとしてはある」と述べた。',
  'Japan holds $1.27 trillion in foreign reserves.\n',
);
const topicText = fc
  .array(fc.oneof({ arbitrary: piece, weight: 4 }, { arbitrary: fc.string({ maxLength: 8 }), weight: 2 }, { arbitrary: sentence, weight: 1 }), { maxLength: 60 })
  .map((a) => a.join(''));

describe('analyze: properties', () => {
  test('never throws; offsets are in bounds, ordered, and match the text', () => {
    const seen = { figure: 0, remark: 0 };
    fc.assert(
      fc.property(fc.oneof(topicText, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const mentions = analyze(ds, text, { published: '2025-05-03' });
        let last = -1;
        for (const m of mentions) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(m.start).toBeLessThan(m.end);
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(text.slice(m.start, m.end)).toBe(m.text);
          last = m.start;
          seen[m.kind]++;
        }
      }),
      { numRuns: 400 },
    );
    // The checks above ran on mentions of both kinds (about 90 figures and 35 remarks in 400 runs).
    expect(seen.figure).toBeGreaterThan(20);
    expect(seen.remark).toBeGreaterThan(5);
  });
});

// Growth, not speed: the same kind of text at n and 4n characters. Linear work costs ~4x the time;
// quadratic work (a loop over the text, its sentences or its mentions inside another) costs up to 16x
// once it outweighs the rest. The clock is the process's CPU time, which other processes on the machine
// do not inflate; the ratio is the median over up to five pairs of samples (small, then large; fewer
// when a run takes seconds), each sample repeated to last a few ms. A quadratic loop too cheap to matter
// at these sizes is not seen: one over the figures alone (each costs ~0.2 ms to judge) would need far
// more of them than a unit test can read.
describe('analyze: time grows linearly with the text', () => {
  const HEAD = 'Japan holds U.S. Treasuries. ';
  const GROWTH = 4;
  /** Linear work measured 3–6 here, even on a loaded 2-core machine; quadratic loops put in the engine 8.5–24. */
  const MAX_RATIO = 7;
  const RUNS = 5;
  const SAMPLE_MS = 6;
  const WARM_UP_MS = 50;
  /** Stop measuring after this long (a quadratic engine takes seconds a run): the ratio is plain by then. */
  const BUDGET_MS = 6_000;
  const PUBLISHED = { published: '2025-05-03' };

  const cpuMs = (text: string, reps: number) => {
    const c = process.cpuUsage();
    for (let i = 0; i < reps; i++) analyze(ds, text, PUBLISHED);
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1000;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  /** Steps the engine yields: 0 when it stops at its trigger test without reading any sentence. */
  const steps = (text: string) => {
    const it = analyzeSteps(ds, text, PUBLISHED);
    let n = 0;
    while (!it.next().done) n++;
    return n;
  };
  /** The topic sentence (so the engine reads on), then the unit repeated to n characters. */
  const run = (unit: string) => (n: number) => (HEAD + unit.repeat(Math.ceil(n / unit.length))).slice(0, n);

  type Growth = { ratio: number; small: number; large: number };
  /** Runs a text at least `min` times and for WARM_UP_MS; returns its fastest run. */
  function warmUp(text: string, min: number): number {
    let fastest = Infinity;
    for (let runs = 0, spent = 0; runs < min || spent < WARM_UP_MS; runs++) {
      const t = cpuMs(text, 1);
      spent += t;
      fastest = Math.min(fastest, t);
    }
    return Math.max(fastest, 0.01);
  }
  function growth(text: (n: number) => string, n: number): Growth {
    const small = text(n);
    const large = text(n * GROWTH);
    // The first runs on a kind of text also compile the engine's code for it: warm both sizes (the
    // large one only when that is cheap), then measure in pairs, small then large, so that the JIT
    // still settling or a burst of load moves both halves of a pair alike.
    const once = warmUp(small, 3);
    if (once * GROWTH * GROWTH < 250) cpuMs(large, 1); // a large run of up to ~250 ms
    const reps = Math.min(50, Math.ceil(SAMPLE_MS / once));
    const s: number[] = [];
    const l: number[] = [];
    const deadline = performance.now() + BUDGET_MS;
    while (s.length < RUNS && (s.length === 0 || performance.now() < deadline)) {
      s.push(cpuMs(small, reps) / reps);
      l.push(cpuMs(large, reps) / reps);
    }
    return { ratio: median(l.map((t, i) => t / s[i]!)), small: median(s), large: median(l) };
  }
  const report = (g: Growth) => `${GROWTH}x the text took ${g.ratio.toFixed(1)}x the time (${g.small.toFixed(2)} ms → ${g.large.toFixed(2)} ms)`;

  // The engine's own code paths, optimised before the first measurement (not during it).
  beforeAll(() => {
    warmUp(run('Kato said Japan holds $1.13 trillion of U.S. Treasuries, about ¥163 trillion. 加藤財務相は「カードとしてはある」と述べた。\n')(5_000), 8);
  }, 60_000);

  test.each([
    ['digits', '9'],
    ['digit groups', '1,000,'],
    ['spaces', ' '],
    ['kanji', '兆億'],
    ['dollar signs', '$1.'],
    ['topic words', 'Treasuries Kato card '],
    // Three sentences in ten characters (each costs only ~2 µs to read): 6k sentences, then 24k.
    ['tiny sentences and lines', 'Ok. 雨。ok\n'],
  ])('on long runs of %s', { timeout: 60_000, retry: 1 }, (_name, unit) => {
    const text = run(unit);
    expect(steps(text(20_000)), 'the engine reads past its trigger test').toBeGreaterThan(1);
    const g = growth(text, 20_000);
    expect(g.ratio, report(g)).toBeLessThan(MAX_RATIO);
  });

  test.each([
    ['figures', 'Japan holds $1.13 trillion of U.S. Treasuries, about ¥163 trillion. '],
    ['remarks', 'Kato said the Treasury holdings could be a card in the talks. 加藤財務相は米国債を「カードとしてはある」と述べた。'],
    [
      'paragraphs of a report',
      'Finance Minister Katsunobu Kato said on May 2 that Japan’s $1.13 trillion in Treasuries could be a card.\n' +
        'Some said Japan threatened to sell. The country also holds $1.27 trillion in foreign reserves.\n\n' +
        '加藤財務相は2日、米国債の保有について「カードとしてはある」と述べた。保有額は1兆1259億ドル。\n\n',
    ],
  ])('with the number of %s', { timeout: 60_000, retry: 1 }, (_name, unit) => {
    const text = run(unit);
    // Every copy is read as mentions of its own: the work to measure is there, and grows with the text.
    const few = analyze(ds, text(2_500), PUBLISHED).length;
    expect(few).toBeGreaterThan(25);
    expect(analyze(ds, text(2_500 * GROWTH), PUBLISHED).length).toBeGreaterThan(few * (GROWTH - 0.5));
    const g = growth(text, 2_500);
    expect(g.ratio, report(g)).toBeLessThan(MAX_RATIO);
  });
});
