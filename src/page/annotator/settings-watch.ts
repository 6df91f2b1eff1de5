/**
 * The settings the annotator obeys, read once and then watched: highlights on or off, this site turned
 * off, and how cards open. Watches end with the annotator's lifetime.
 */
import { cardOpenMode, cardOpenModeItem, disabledSites, disabledSitesItem, highlightsEnabled, highlightsEnabledItem, siteOf, type CardOpenMode } from '../../settings';
import type { Lifetime } from './lifetime';

export type PageSettings = { highlights: boolean; siteOff: boolean; openMode: CardOpenMode };

async function read(site: string | undefined): Promise<PageSettings> {
  const [highlights, sites, openMode] = await Promise.all([highlightsEnabled(), disabledSites(), cardOpenMode()]);
  return { highlights, siteOff: Boolean(site && sites.includes(site)), openMode };
}

/** The settings now; `onChange` hears every later change (with all of them, sanitised) until the lifetime ends. */
export async function watchPageSettings(life: Lifetime, url: string, onChange: (settings: PageSettings) => void): Promise<PageSettings> {
  const site = siteOf(url);
  const changed = () => void read(site).then((s) => !life.stopped && onChange(s));
  for (const item of [highlightsEnabledItem, disabledSitesItem, cardOpenModeItem] as const) life.onStop((item.watch as (cb: () => void) => () => void)(changed));
  return read(site);
}
