/**
 * Mentions a reader marked "Not about this", remembered in the browser (`local:dismissedMentions`): per
 * page (its URL without the fragment) the stable quote-anchor ids of those mentions. The annotator leaves
 * them unpainted and the popup lists them with a way to bring each back. Not a setting (it is not
 * exported with the settings, nor reset with them): the reader's notes about pages.
 *
 * Checked with zod/mini on every read, as the settings are: a corrupted value is read as nothing
 * dismissed, and bounded, so the list cannot grow without end (the oldest pages go first).
 *
 * In a private window a page's dismissals are read from, and written to, the private session instead
 * (src/private-session.ts): its first change there starts from the stored ones, and none of it is kept.
 */
import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { MAX_MENTIONS_PER_TAB, MentionId } from './messages';
import { PERSISTENT, privateDismissedItem, readPrivateSession, watchPrivateSession, type Scope } from './private-session';

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

const pageOf = (all: Dismissed, url: string) => all.find((p) => p.url === pageKey(url));
const idsFor = (all: Dismissed, url: string): string[] => pageOf(all, url)?.ids ?? [];

/** The ids dismissed on the page at `url` (in `scope`: a private window's own changes first). */
export async function dismissedOn(url: string, scope: Scope = PERSISTENT): Promise<string[]> {
  const stored = valid(await dismissedItem.getValue());
  if (!scope.private) return idsFor(stored, url);
  return pageOf(valid((await readPrivateSession()).dismissed), url)?.ids ?? idsFor(stored, url);
}

/** Hears every change to the ids dismissed on the page at `url()` (asked each time: a single-page app moves); returns the unwatch. */
export function watchDismissed(url: () => string, cb: (ids: string[]) => void, scope: Scope = PERSISTENT): () => void {
  const changed = () => void dismissedOn(url(), scope).then(cb);
  const unwatch = [dismissedItem.watch(changed), ...(scope.private ? [watchPrivateSession(changed)] : [])];
  return () => unwatch.forEach((u) => u());
}

/**
 * Dismisses (or, with `dismissed` false, brings back) the mention `id` on the page at `url`; from a private
 * window, in the private session only. A page an empty list is kept for there: it still hides the stored one.
 */
export async function setDismissed(url: string, id: string, dismissed: boolean, scope: Scope = PERSISTENT): Promise<void> {
  const key = pageKey(url);
  const item = scope.private ? privateDismissedItem : dismissedItem;
  const all = valid(await item.getValue());
  const ids = new Set(await dismissedOn(key, scope));
  if (dismissed) ids.add(id);
  else ids.delete(id);
  const others = all.filter((p) => p.url !== key);
  // The page just changed goes last: the oldest pages are at the front, and go first.
  const next = ids.size || scope.private ? [...others, { url: key, ids: [...ids].slice(-MAX_MENTIONS_PER_TAB) }] : others;
  await item.setValue(next.slice(-MAX_DISMISSED_PAGES));
}
