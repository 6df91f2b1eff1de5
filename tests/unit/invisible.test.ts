/** Invisible characters inside a figure or a sentence hide nothing, and offsets stay the page's. */
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';

const ds = realDataset();
const PLAIN = "Japan held $1.13 trillion of U.S. Treasuries at the end of February. Finance Minister Katsunobu Kato said on Friday the holdings could be a card in the talks.";

describe('invisible characters', () => {
  test.each([
    ['a zero-width space inside the number', '$1.\u200b13 trillion'],
    ['a soft hyphen inside the unit', '$1.13 tril\u00adlion'],
    ['a word joiner and a BOM around the sign', '\u2060$\ufeff1.13 trillion'],
    ['zero-width joiners between digits', '$1\u200d.1\u200c3 trillion'],
  ])('%s: the figure is found, judged the same, and its offsets cover it in the page text', (_name, figure) => {
    const text = PLAIN.replace('$1.13 trillion', figure);
    const plain = analyze(ds, PLAIN, { published: '2025-05-05' });
    const found = analyze(ds, text, { published: '2025-05-05' });
    expect(found.map((m) => m.kind)).toEqual(plain.map((m) => m.kind));
    const f = found.find((m) => m.kind === 'figure')!;
    const p = plain.find((m) => m.kind === 'figure')!;
    expect(f.kind === 'figure' && p.kind === 'figure' && f.verdict?.status).toBe(p.kind === 'figure' && p.verdict?.status);
    // The range is the page's: it starts and ends where the figure's visible characters do.
    expect(text.slice(f.start, f.end).replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')).toBe('$1.13 trillion');
    // The remark after it keeps its place too, phrase included.
    const r = found.find((m) => m.kind === 'remark')!;
    expect(text.slice(r.start, r.end)).toContain('Kato said on Friday');
    expect(r.kind === 'remark' && text.slice(r.phrase.start, r.phrase.end).length).toBeGreaterThan(0);
  });

  test('text without them is analysed as before, offsets unchanged', () => {
    const found = analyze(ds, PLAIN, { published: '2025-05-05' });
    const f = found.find((m) => m.kind === 'figure')!;
    expect(PLAIN.slice(f.start, f.end)).toBe('$1.13 trillion');
  });
});
