/**
 * What is learned in a private window lives only as long as private windows do. A setting changed, a site
 * turned off or a mention marked "Not about this" from a private window is written here, in
 * `storage.session` (memory only, never on disk), and the background drops it all when the last private
 * window closes (`forgetPrivateSession`). Private windows read it on top of the persisted values, so a
 * change made there is seen there at once; normal windows never see it.
 *
 * `storage.session` is open to the extension's own pages and the background only (Firefox cannot open it
 * to content scripts: bug 1724754), so a content script in a private tab asks the background for it
 * (`private:get`) and hears of changes from it (`private:changed`).
 */
import { storage } from 'wxt/utils/storage';
import type { PrivateChanged, PrivateGet } from './messages';

/** Where a read or a write comes from: `private` when it is a private (incognito) window's. */
export type Scope = { private: boolean };
export const PERSISTENT: Scope = Object.freeze({ private: false });

/** The settings changed in private windows, by name (each checked by the settings reader, as stored ones are). */
export const privateSettingsItem = storage.defineItem<Record<string, unknown>>('session:privateSettings', { fallback: {} });
/** The pages whose dismissed mentions changed in private windows (src/dismissed.ts checks them). */
export const privateDismissedItem = storage.defineItem<unknown>('session:privateDismissed', { fallback: [] });

export type PrivateSession = { settings: Record<string, unknown>; dismissed: unknown };

/** Whether this script runs where `storage.session` is readable: an extension page or the background, not a content script. */
function trusted(): boolean {
  return globalThis.location?.origin === new URL(browser.runtime.getURL('/')).origin;
}

/** The scope of a tab (the popup's, a command's), or of this context itself (a content script in a private tab). */
export function scopeOf(tab?: { incognito?: boolean }): Scope {
  return { private: Boolean(tab?.incognito || browser.extension?.inIncognitoContext) };
}

/** What private windows have changed so far. */
export async function readPrivateSession(): Promise<PrivateSession> {
  if (trusted()) {
    const [settings, dismissed] = await Promise.all([privateSettingsItem.getValue(), privateDismissedItem.getValue()]);
    return { settings, dismissed };
  }
  const ask: PrivateGet = { type: 'private:get' };
  const reply = (await browser.runtime.sendMessage(ask).catch(() => undefined)) as Partial<PrivateSession> | undefined;
  return { settings: typeof reply?.settings === 'object' && reply.settings !== null ? reply.settings : {}, dismissed: reply?.dismissed ?? [] };
}

/** Hears every change private windows make; returns the unwatch. */
export function watchPrivateSession(cb: () => void): () => void {
  if (trusted()) {
    const unwatch = [privateSettingsItem.watch(cb), privateDismissedItem.watch(cb)];
    return () => unwatch.forEach((u) => u());
  }
  const onMessage = (message: unknown) => void ((message as PrivateChanged | undefined)?.type === 'private:changed' && cb());
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime?.onMessage.removeListener(onMessage);
}

/** Forgets everything private windows changed (the last one closed). */
export async function forgetPrivateSession(): Promise<void> {
  await Promise.all([privateSettingsItem.removeValue(), privateDismissedItem.removeValue()]);
}
