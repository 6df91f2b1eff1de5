/**
 * User settings, kept in extension storage (WXT storage items). Bad stored values (an old format, a
 * hand-edited profile) fall back to the defaults with a console warning; nothing throws.
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';

/** Hostnames are stored lower-case without "www." so "www.example.com" and "example.com" are one site. */
export function siteOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

const HostList = z.array(z.string().min(1).max(253)).max(10_000);

function sanitized<T>(name: string, schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  console.warn(`Treasury Lens: the stored setting "${name}" is not valid (${parsed.error.issues[0]?.message}); using the default.`);
  return fallback;
}

/** Whether highlights are shown (the global toggle, Alt+Shift+T). */
export const highlightsEnabledItem = storage.defineItem<boolean>('local:highlightsEnabled', { fallback: true });
/** Sites where Treasury Lens does nothing at all (the detector bails out before reading the page). */
export const disabledSitesItem = storage.defineItem<string[]>('local:disabledSites', { fallback: [] });

/**
 * How a card opens: `hover` (a mouse resting on a highlight, a click, a tap or the keyboard; a touch
 * screen has no hover, so there it is a tap) or `click` (only a click, a tap or the keyboard).
 */
export const CARD_OPEN_MODES = ['hover', 'click'] as const;
export type CardOpenMode = (typeof CARD_OPEN_MODES)[number];
export const cardOpenModeItem = storage.defineItem<CardOpenMode>('local:cardOpenMode', { fallback: 'hover' });

export async function cardOpenMode(): Promise<CardOpenMode> {
  return sanitized('cardOpenMode', z.enum(CARD_OPEN_MODES), await cardOpenModeItem.getValue(), 'hover');
}

export async function highlightsEnabled(): Promise<boolean> {
  return sanitized('highlightsEnabled', z.boolean(), await highlightsEnabledItem.getValue(), true);
}

export async function disabledSites(): Promise<string[]> {
  return sanitized('disabledSites', HostList, await disabledSitesItem.getValue(), []);
}

export async function setSiteDisabled(site: string, disabled: boolean): Promise<void> {
  const current = new Set(await disabledSites());
  if (disabled) current.add(site);
  else current.delete(site);
  await disabledSitesItem.setValue([...current].sort());
}

/** The raw storage key the detector reads directly (it carries no storage library, to stay small). */
export const DISABLED_SITES_KEY = 'disabledSites';
