/**
 * The settings the annotator obeys, read once and then watched: highlights on or off, this site turned
 * off, how cards open, fact-checker mode (only problems painted), the highlight style and the language
 * cards speak. Watches end with the annotator's lifetime.
 */
import { readSettings, siteOf, watchSettings, type CardOpenMode, type HighlightStyle, type Settings, type UiLanguage } from '../../settings';
import { scopeOf } from '../../private-session';
import type { Lifetime } from './lifetime';

export type PageSettings = { highlights: boolean; siteOff: boolean; openMode: CardOpenMode; onlyProblems: boolean; look: HighlightStyle; uiLanguage: UiLanguage };

function forPage(s: Settings, site: string | undefined): PageSettings {
  return { highlights: s.highlightsEnabled, siteOff: Boolean(site && s.disabledSites.includes(site)), openMode: s.cardOpenMode, onlyProblems: s.onlyProblems, look: s.highlightStyle, uiLanguage: s.uiLanguage };
}

/**
 * The settings now; `onChange` hears every later change (with all of them, sanitised) until the lifetime
 * ends. In a private tab, with what private windows changed on top.
 */
export async function watchPageSettings(life: Lifetime, url: string, onChange: (settings: PageSettings) => void): Promise<PageSettings> {
  const site = siteOf(url);
  const scope = scopeOf();
  life.onStop(watchSettings(({ settings }) => !life.stopped && onChange(forPage(settings, site)), scope));
  return forPage((await readSettings(scope)).settings, site);
}
