import { readdirSync, readFileSync } from 'node:fs';
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

describe('the message files: every locale has exactly the English messages', () => {
  const dir = new URL('../../public/_locales/', import.meta.url);
  const locales = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const read = (locale: string) => JSON.parse(readFileSync(new URL(`${locale}/messages.json`, dir), 'utf8')) as Record<string, Entry>;
  const EN_KEYS = Object.keys(EN).sort();
  const placeholders = (entry: Entry) => Object.entries(entry.placeholders ?? {}).map(([n, p]) => `${n.toLowerCase()}=${p.content}`).sort();
  const used = (entry: Entry) => [...new Set([...entry.message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => m[1]!.toLowerCase()))].sort();

  test('the folder holds the default locale and the languages the card is shown in', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'ja']));
    // The bundled copies the card reads are these files.
    expect(read('en')).toEqual(EN);
    expect(read('ja')).toEqual(JA);
    expect(EN_KEYS.length).toBeGreaterThan(50);
  });

  test.each(locales.filter((l) => l !== 'en'))('%s: the same keys as English, none missing, none extra', (locale) => {
    const keys = Object.keys(read(locale));
    expect(EN_KEYS.filter((k) => !keys.includes(k)), 'missing').toEqual([]);
    expect(keys.filter((k) => !EN_KEYS.includes(k)), 'extra').toEqual([]);
  });

  test.each(locales)('%s: every message and description is a non-empty string under a valid name', (locale) => {
    for (const [key, entry] of Object.entries(read(locale))) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(typeof entry.message, key).toBe('string');
      expect(entry.message.trim(), key).not.toBe('');
      expect(typeof entry.description, key).toBe('string');
      expect(entry.description!.trim(), key).not.toBe('');
    }
  });

  test.each(locales)('%s: placeholders are declared, used, "$n" substitutions, and the same as in English', (locale) => {
    for (const [key, entry] of Object.entries(read(locale))) {
      const declared = placeholders(entry);
      expect(used(entry), `${key}: $NAME$ used vs declared`).toEqual(declared.map((d) => d.split('=')[0]));
      for (const d of declared) expect(d, key).toMatch(/^[a-z0-9_@]+=\$[1-9]$/);
      if (EN[key]) expect(declared, `${key}: placeholders as in English`).toEqual(placeholders(EN[key]));
      // A lone "$" outside a placeholder would be read as one by browser.i18n.
      // `$$` is a literal dollar sign (the browser's escape); any other `$` outside a placeholder is a slip.
      expect(entry.message.replace(/\$\$/g, '').replace(/\$[a-z0-9_@]+\$/gi, ''), key).not.toMatch(/\$/);
    }
  });
});
