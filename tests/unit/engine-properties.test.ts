import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';

const ds = realDataset();

// Pieces that exercise every pattern: topic words, amounts in both languages, digits, commas, kanji.
const piece = fc.constantFrom(
  'Japan', ' holds ', '$1.13 trillion', ' of U.S. Treasuries', '. ', 'Kato', ' said ', 'card', ' China ',
  '1兆1259億ドル', '米国債', '加藤財務相', '「カードとしてはある」', '。', '\n', ',', '1,', '000', '兆', '億', 'ドル',
  '¥163 trillion', 'over ', 'as of end-February', '2月末時点', ' foreign reserves', '$', '-plus', '１２３',
);
const topicText = fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((a) => a.join(''));

describe('analyze: properties', () => {
  test('never throws; offsets are in bounds, ordered, and match the text', () => {
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
        }
      }),
      { numRuns: 400 },
    );
  });

  test.each([
    ['digits', '9'],
    ['digit groups', '1,000,'],
    ['spaces', ' '],
    ['kanji', '兆億'],
    ['dollar signs', '$1.'],
    ['topic words', 'Treasuries Kato card '],
  ])('time stays linear on long runs of %s', (_name, unit) => {
    // A run with a topic word so the engine does not bail out early; compare 20k and 80k characters.
    const run = (n: number) => `Japan holds U.S. Treasuries. ${unit.repeat(Math.ceil(n / unit.length))}`;
    const time = (text: string) => {
      const t0 = performance.now();
      analyze(ds, text);
      return performance.now() - t0;
    };
    time(run(20_000));
    const small = Math.max(time(run(20_000)), 0.5);
    const large = time(run(80_000));
    // 4x the input may cost at most ~4x (with generous room for GC and timer noise), never 16x.
    expect(large).toBeLessThan(small * 10 + 20);
  });
});
