import { describe, expect, test } from 'vitest';
import { excerpt } from '@/src/ui/excerpt';
import { formatDay } from '@/src/ui/dates';

describe('excerpt: the sentence shortened around the mention', () => {
  const long =
    'In a long report published on Monday by a research firm based in Singapore, analysts said that Japan held $1.13 trillion of U.S. Treasuries at the end of February, which kept it the largest foreign holder ahead of China and the United Kingdom by a wide margin.';
  const at = long.indexOf('$1.13 trillion');

  test('a short sentence is kept whole', () => {
    expect(excerpt('Japan holds $1.13 trillion.', 12, 26)).toEqual({ before: 'Japan holds ', mention: '$1.13 trillion', after: '.' });
  });

  test('a long one keeps the mention whole, cuts at words on both sides and marks the cuts', () => {
    const e = excerpt(long, at, at + 14);
    expect(e.mention).toBe('$1.13 trillion');
    expect(e.before.startsWith('…')).toBe(true);
    expect(e.after.endsWith('…')).toBe(true);
    // Whole words only.
    expect(long).toContain(e.before.slice(1));
    expect(long).toContain(e.after.slice(0, -1));
    expect(long.includes(` ${e.before.slice(1)}`) || long.startsWith(e.before.slice(1))).toBe(true);
    expect(e.before.length + e.after.length).toBeLessThanOrEqual(112);
  });

  test('not a fixed cut: a mention near the start gets more text after it', () => {
    const e = excerpt(long, 0, 4);
    expect(e.before).toBe('');
    expect(e.after.length).toBeGreaterThan(80);
  });

  test('Japanese is cut by characters', () => {
    const ja = '財務省が公表した国際収支統計などを基にした民間の調査会社の分析によると、日本の米国債保有額は2月末時点で1兆1259億ドルとなり、引き続き海外勢で最大の保有国となったことが明らかになったとみられる。';
    const i = ja.indexOf('1兆1259億ドル');
    const e = excerpt(ja, i, i + 9, 40);
    expect(e.mention).toBe('1兆1259億ドル');
    expect(e.before.startsWith('…') || ja.startsWith(e.before)).toBe(true);
    expect(ja).toContain(e.before.replace(/^…/, ''));
  });
});

test.each([
  ['en', '2025-05-02', false, '2 May'],
  ['ja', '2025-05-02', false, '5月2日'],
  ['en', '2025-04-09', true, '9 Apr 2025'],
  ['ja', '2025-04-09', true, '2025年4月9日'],
] as const)('formatDay(%s, %s, %s) = %s', (lang, iso, year, out) => {
  expect(formatDay(lang, iso, year)).toBe(out);
});
