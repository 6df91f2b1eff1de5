import { describe, expect, test } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import ja from '../../public/_locales/ja/messages.json';
import { fill, pickLang, t } from '../../src/page/i18n';

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
const EN = en as Record<string, Entry>;
const JA = ja as Record<string, Entry>;

describe('pickLang: the page first when it is en or ja, else the browser', () => {
  test.each([
    ['ja', 'en-US', 'ja'],
    ['ja-JP', 'en', 'ja'],
    ['EN-gb', 'ja', 'en'],
    ['en', 'ja-JP', 'en'],
    ['fr', 'ja-JP', 'ja'],
    ['de-DE', 'en-US', 'en'],
    [undefined, 'ja', 'ja'],
    ['', 'ja_JP', 'ja'],
    [undefined, 'zh-CN', 'en'],
    ['  ja  ', 'en', 'ja'],
  ])('page %j, browser %j → %s', (page, ui, expected) => {
    expect(pickLang(page, ui)).toBe(expected);
  });
});

describe('fill: browser.i18n substitution rules', () => {
  test('named placeholders, case-insensitive, through their $n content', () => {
    const entry = { message: '$Value$ at $MONTH$', placeholders: { value: { content: '$1' }, month: { content: '$2' } } };
    expect(fill(entry, ['$1,125.9 billion', 'end-February 2025'])).toBe('$1,125.9 billion at end-February 2025');
  });

  test('$$ is a dollar sign; $n may be used directly', () => {
    expect(fill({ message: 'Costs $$5, says $1' }, ['Reuters'])).toBe('Costs $5, says Reuters');
  });

  test('a substitution is never rescanned: page text with "$1" stays as written', () => {
    const entry = { message: '“$TEXT$” and $OTHER$', placeholders: { text: { content: '$1' }, other: { content: '$2' } } };
    expect(fill(entry, ['$1.27 trillion $2 $$', 'x'])).toBe('“$1.27 trillion $2 $$” and x');
  });

  test('a missing substitution is empty, as in browser.i18n', () => {
    expect(fill({ message: 'a$1b$2c' }, ['X'])).toBe('aXbc');
  });
});

describe('t', () => {
  test('reads both bundled languages', () => {
    expect(t('en', 'cardClose')).toBe('Close');
    expect(t('ja', 'cardClose')).toBe('閉じる');
    expect(t('en', 'cardOfficialValue', '$1,125.9 billion', 'end-February 2025')).toBe('$1,125.9 billion at end-February 2025');
    expect(t('ja', 'cardOfficialValue', '1兆1259億ドル', '2025年2月末')).toBe('2025年2月末時点で1兆1259億ドル');
  });

  test('an unknown key comes back as itself', () => {
    expect(t('en', 'noSuchKey' as never)).toBe('noSuchKey');
  });
});

describe('the message files', () => {
  const cardKeys = Object.keys(EN).filter((k) => k.startsWith('card'));

  test('every card string exists in both languages with a description', () => {
    expect(cardKeys.length).toBeGreaterThan(20);
    for (const key of cardKeys) {
      expect(JA[key], key).toBeDefined();
      expect(EN[key]!.description, key).toBeTruthy();
      expect(JA[key]!.description, key).toBeTruthy();
    }
    expect(Object.keys(JA).filter((k) => k.startsWith('card')).sort()).toEqual([...cardKeys].sort());
  });

  test.each(['en', 'ja'] as const)('%s: every $NAME$ is a declared placeholder, and the languages declare the same ones', (lang) => {
    const bundle = lang === 'en' ? EN : JA;
    for (const key of cardKeys) {
      const entry = bundle[key]!;
      const declared = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
      const used = [...entry.message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => m[1]!.toLowerCase());
      for (const name of used) expect(declared, `${key} uses $${name}$`).toContain(name);
      expect(Object.entries(entry.placeholders ?? {}).map(([n, p]) => `${n}=${p.content}`).sort(), key).toEqual(
        Object.entries(EN[key]!.placeholders ?? {}).map(([n, p]) => `${n}=${p.content}`).sort(),
      );
      // A lone "$" outside a placeholder would be read as one by browser.i18n.
      expect(entry.message.replace(/\$[a-z0-9_@]+\$/gi, ''), key).not.toMatch(/\$/);
    }
  });
});
