/**
 * Strings for what the extension shows inside pages, in English and Japanese.
 *
 * The card follows the page's language when it is English or Japanese, and the browser's otherwise.
 * `browser.i18n` only ever answers in the browser's language, so both message files are bundled and
 * read here with the same substitution rules `browser.i18n.getMessage` applies to them. The files stay
 * the single place for every string: the manifest, the popup and the card all read them.
 */
import en from '../../public/_locales/en/messages.json';
import ja from '../../public/_locales/ja/messages.json';

export type Lang = 'en' | 'ja';
export type MessageKey = keyof typeof en;

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

const BUNDLES: Record<Lang, Partial<Record<string, Entry>>> = { en, ja };

function primary(tag: string | undefined): string {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** The card's language: the page's when it is en or ja (`ja-JP`, `EN-us`…), else the browser UI's. */
export function pickLang(pageLang: string | undefined, uiLang: string): Lang {
  const page = primary(pageLang);
  if (page === 'en' || page === 'ja') return page;
  return primary(uiLang) === 'ja' ? 'ja' : 'en';
}

/**
 * The language of what we show in a page: the one chosen in the options, or with "follow the browser"
 * (`auto`) the page's when it is en or ja, else the browser's (pickLang).
 */
export function cardLang(setting: 'auto' | Lang, pageLang: string | undefined, uiLang: string): Lang {
  return setting === 'auto' ? pickLang(pageLang, uiLang) : setting;
}

/**
 * Fills a message the way browser.i18n does: `$NAME$` (case-insensitive) becomes its placeholder's
 * content, then `$1`…`$9` become the substitutions and `$$` a dollar sign. The second pass runs once
 * over our own text, so a substitution is never rescanned: page text such as "$1.27 trillion" stays
 * as it is.
 */
export function fill(entry: Entry, subs: readonly string[]): string {
  const contents = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const expanded = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => contents.get(name.toLowerCase()) ?? whole);
  return expanded.replace(/\$(\$|[1-9])/g, (_, c: string) => (c === '$' ? '$' : (subs[Number(c) - 1] ?? '')));
}

/** The message `key` in `lang` (English when a Japanese message is missing; the key itself if none). */
export function t(lang: Lang, key: MessageKey, ...subs: string[]): string {
  const entry = BUNDLES[lang][key] ?? BUNDLES.en[key];
  return entry ? fill(entry, subs) : key;
}
