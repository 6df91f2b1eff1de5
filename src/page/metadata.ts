/**
 * What a page says about itself: its language and publication date. Both feed the engine's context
 * (the date decides which month of the official series a figure is judged against).
 */

const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function isoDay(value: string | null | undefined): string | undefined {
  const m = value ? ISO_DATE.exec(value.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${mo}-${d}` ? undefined : `${y}-${mo}-${d}`;
}

function fromJsonLd(doc: Document): string | undefined {
  // document.scripts is kept by the browser: no walk over the whole page (the `scan` command's DOM has none).
  const scripts: ArrayLike<HTMLScriptElement> = (doc.scripts as HTMLCollectionOf<HTMLScriptElement> | undefined) ?? doc.querySelectorAll('script');
  for (const script of Array.from(scripts).filter((el) => el.getAttribute('type') === 'application/ld+json')) {
    try {
      const found = findDatePublished(JSON.parse(script.textContent ?? ''), 0);
      if (found) return found;
    } catch {
      // A page's broken JSON-LD is its own business.
    }
  }
  return undefined;
}

function findDatePublished(value: unknown, depth: number): string | undefined {
  if (depth > 6 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findDatePublished(v, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const direct = typeof record.datePublished === 'string' ? isoDay(record.datePublished) : undefined;
  return direct ?? findDatePublished(record['@graph'], depth + 1);
}

/** The publication date (YYYY-MM-DD) from the page's metadata, if it gives one. */
export function publicationDate(doc: Document): string | undefined {
  // One pass over <head> for all the meta names (a 100k-node body is never searched for them), then the
  // first in DATE_META's order of preference.
  const metas = Array.from((doc.head ?? doc).querySelectorAll(DATE_META.join(',')));
  for (const selector of DATE_META) {
    const found = isoDay(metas.find((m) => m.matches(selector))?.getAttribute('content'));
    if (found) return found;
  }
  const ld = fromJsonLd(doc);
  if (ld) return ld;
  const time = doc.querySelector('article time[datetime], time[pubdate][datetime], time[itemprop="datePublished"], time[datetime]');
  return isoDay(time?.getAttribute('datetime'));
}

/** The page's language ("en", "ja", …) from <html lang>, if it declares one. */
export function pageLanguage(doc: Document): string | undefined {
  const lang = doc.documentElement?.getAttribute('lang')?.trim().toLowerCase();
  return lang ? lang.split(/[-_]/)[0] : undefined;
}
