import { describe, expect, test } from 'vitest';
import { mayMatter } from '../../src/engine/analyze';
import { buildDataset } from '../../src/engine/dataset';
import type { VocabularyGroup } from '../../src/data/kinds';
import { realDataset } from '../support/dataset';

const ds = realDataset();

describe('mayMatter: whether text added to a page could hold a mention', () => {
  test.each([
    ['a trigger word', 'Japan trims its Treasuries'],
    ['a trigger word in Japanese', '米国債の保有'],
    ['a money sign', 'holdings of $1.13 trillion'],
    ['a currency code touching its digits', 'USD1.13 trillion'],
    ['a yen sign', '¥163 trillion'],
    ['a currency word', 'a trillion dollars'],
    ['a Japanese currency word', '1兆1259億ドル'],
    ['Kato', 'Kato spoke on Friday'],
    ['Kato in Japanese', '加藤氏は語った'],
    ['the finance minister', 'the finance minister said'],
    ['the finance minister in Japanese', '財務相は述べた'],
    ['the ministry', 'the Ministry of Finance said'],
  ])('%s: yes', (_, text) => {
    expect(mayMatter(ds, text)).toBe(true);
  });

  test.each([
    ['nothing of the sort', 'The council met on Tuesday to discuss parks.'],
    ['a longer word that contains Kato', 'Flights to Katowice resumed.'],
    ['an empty text', ''],
  ])('%s: no', (_, text) => {
    expect(mayMatter(ds, text)).toBe(false);
  });

  test.each<VocabularyGroup>(['currency', 'kato', 'kato_bare', 'finance_office', 'finance_ministry', ...ds.raw.vocabulary.trigger])(
    'every term of the "%s" group counts',
    (group) => {
      const { en, ja } = ds.raw.vocabulary.groups[group];
      for (const term of [...en, ...ja]) expect(mayMatter(ds, `… ${term} …`), term).toBe(true);
    },
  );

  test('its words come from the vocabulary: a currency added there counts, with no change to the code', () => {
    const raw = structuredClone(ds.raw);
    expect(mayMatter(ds, 'a €5bn fund')).toBe(false);
    raw.vocabulary.groups.currency.en.push('€');
    expect(mayMatter(buildDataset(raw), 'a €5bn fund')).toBe(true);
  });
});
