/**
 * What a "site" is, for turning Treasury Lens off per site. Dependency-free: the detector imports it, and
 * must read the stored list exactly as the settings module does, so a hand-edited entry such as
 * "WWW.Example.com." turns the same site off in both, and an entry that is not a site turns off none.
 */

/** A site is a hostname without "www." and a trailing dot; IP addresses and IDNs (punycode) too. */
const HOST = /^(?=.{1,253}$)[a-z0-9_-]+(\.[a-z0-9_-]+)*$|^\[[0-9a-f:.]+\]$/;

/** The site of a hostname, an URL or an entry typed by a user ("News.Example.com/path"); undefined if none. */
export function normalizeSite(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return undefined;
  try {
    // URL lower-cases the host, turns IDNs into punycode and refuses what cannot be a host.
    const u = new URL(entry.includes('://') ? entry.trim() : `http://${entry.trim()}`);
    const host = u.hostname.replace(/\.$/, '').replace(/^www\./, '');
    return /^https?:$/.test(u.protocol) && HOST.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** The site of a page's URL (http and https pages only). */
export function siteOf(url: string): string | undefined {
  return /^https?:/i.test(url) ? normalizeSite(url) : undefined;
}

/**
 * The sites of a stored list: every valid entry normalised, duplicates dropped, sorted; `dropped` counts
 * the entries that are not sites. Undefined when the stored value is not a list at all.
 */
export function sitesOf(stored: unknown): { sites: string[]; dropped: number } | undefined {
  if (!Array.isArray(stored)) return undefined;
  const sites = new Set<string>();
  let dropped = 0;
  for (const entry of stored) {
    const site = normalizeSite(entry);
    if (site) sites.add(site);
    else dropped++;
  }
  return { sites: [...sites].sort(), dropped };
}

/** Whether the page at `hostname` is turned off by the stored list, read as the settings module reads it. */
export function siteIsDisabled(stored: unknown, hostname: string): boolean {
  const site = normalizeSite(hostname);
  return Boolean(site && Array.isArray(stored) && stored.some((entry) => normalizeSite(entry) === site));
}
