/**
 * Mentions a reader marked "Not about this", remembered in the browser (`local:dismissedMentions`): per
 * page (its URL without the fragment) the stable quote-anchor ids of those mentions. The annotator leaves
 * them unpainted and the popup lists them with a way to bring each back. Not a setting (it is not
 * exported with the settings, nor reset with them): the reader's notes about pages.
 *
 * Checked with zod/mini on every read, as the settings are: a corrupted value is read as nothing
 * dismissed, and bounded, so the list cannot grow without end (the oldest pages go first).
 */
import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { MAX_MENTIONS_PER_TAB, MentionId } from './messages';

/** Pages remembered; past this the page dismissed longest ago is forgotten. */
export const MAX_DISMISSED_PAGES = 1_000;
const MAX_URL = 2_048;

const Dismissed = z.array(z.object({ url: z.string().check(z.maxLength(MAX_URL)), ids: z.array(MentionId).check(z.maxLength(MAX_MENTIONS_PER_TAB)) }));
type Dismissed = z.infer<typeof Dismissed>;

export const dismissedItem = storage.defineItem<Dismissed>('local:dismissedMentions', { fallback: [], version: 1 });

/** The page a dismissal belongs to: its URL without the fragment (a jump to a heading is the same page). */
export function pageKey(url: string): string {
  const hash = url.indexOf('#');
  return (hash < 0 ? url : url.slice(0, hash)).slice(0, MAX_URL);
}

function valid(stored: unknown): Dismissed {
  const parsed = Dismissed.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

const idsFor = (all: Dismissed, url: string): string[] => all.find((p) => p.url === pageKey(url))?.ids ?? [];

/** The ids dismissed on the page at `url`. */
export async function dismissedOn(url: string): Promise<string[]> {
  return idsFor(valid(await dismissedItem.getValue()), url);
}

/** Hears every change to the ids dismissed on the page at `url()` (asked each time: a single-page app moves); returns the unwatch. */
export function watchDismissed(url: () => string, cb: (ids: string[]) => void): () => void {
  return dismissedItem.watch((value) => cb(idsFor(valid(value), url())));
}

/** Dismisses (or, with `dismissed` false, brings back) the mention `id` on the page at `url`. */
export async function setDismissed(url: string, id: string, dismissed: boolean): Promise<void> {
  const key = pageKey(url);
  const all = valid(await dismissedItem.getValue());
  const ids = new Set(idsFor(all, key));
  if (dismissed) ids.add(id);
  else ids.delete(id);
  const others = all.filter((p) => p.url !== key);
  // The page just changed goes last: the oldest pages are at the front, and go first.
  const next = ids.size ? [...others, { url: key, ids: [...ids].slice(-MAX_MENTIONS_PER_TAB) }] : others;
  await dismissedItem.setValue(next.slice(-MAX_DISMISSED_PAGES));
}
