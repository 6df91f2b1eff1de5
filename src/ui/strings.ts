/**
 * Strings for the extension's own pages (popup, options, welcome) in the language the user chose
 * (options: follow the browser, English, Japanese). `browser.i18n` only answers in the browser's
 * language, so a chosen language reads the message file from the package itself; nothing is bundled
 * twice, and the fill rules are the card's (src/page/i18n.ts).
 */
import { fill, type Lang, type MessageKey } from '../page/i18n';
import type { UiLanguage } from '../settings';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };
export type T = (key: MessageKey, ...subs: string[]) => string;
export type Strings = { lang: Lang; t: T };

export function langOf(setting: UiLanguage, browserLang: string): Lang {
  if (setting !== 'auto') return setting;
  return browserLang.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

async function bundle(lang: Lang): Promise<Partial<Record<string, Entry>>> {
  try {
    const response = await fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json`));
    return (await response.json()) as Partial<Record<string, Entry>>;
  } catch {
    return {};
  }
}

export async function loadStrings(setting: UiLanguage): Promise<Strings> {
  const lang = langOf(setting, browser.i18n.getUILanguage());
  const [chosen, en] = await Promise.all([bundle(lang), lang === 'en' ? undefined : bundle('en')]);
  const t: T = (key, ...subs) => {
    const entry = chosen[key] ?? en?.[key];
    return entry ? fill(entry, subs) : browser.i18n.getMessage(key as never, subs) || key;
  };
  return { lang, t };
}
