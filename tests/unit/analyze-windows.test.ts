import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyze, WHOLE_TEXT_CHARS } from '../../src/engine/analyze';
import { loadCorpus } from '../support/corpus';
import { realDataset } from '../support/dataset';

const ds = realDataset();

describe('analyze on a huge page reads only around its cues, with the same result', () => {
  test('an article buried in filler gives the same mentions, shifted', () => {
    const article = readFileSync(loadCorpus().find((a) => a.id === 'en-wire-01')!.file, 'utf8');
    const filler = 'The council met on Tuesday to discuss parks, buses and libraries.\n'.repeat(Math.ceil((WHOLE_TEXT_CHARS * 1.5) / 66));
    const big = `${filler}\n${article}\n${filler}`;
    expect(big.length).toBeGreaterThan(WHOLE_TEXT_CHARS);
    const alone = analyze(ds, article, { published: '2025-05-02' });
    const inBig = analyze(ds, big, { published: '2025-05-02' });
    const offset = filler.length + 1;
    expect(alone.length).toBeGreaterThan(3);
    expect(inBig.map((m) => [m.kind, m.start - offset, m.text])).toEqual(alone.map((m) => [m.kind, m.start, m.text]));
  });

  test('irrelevant text returns nothing', () => {
    expect(analyze(ds, 'The council met on Tuesday to discuss parks.\n'.repeat(10_000))).toEqual([]);
  });
});
