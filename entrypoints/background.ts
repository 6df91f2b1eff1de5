import {
  commandFrame,
  MAX_FRAMES_PER_TAB,
  MAX_MENTIONS_PER_TAB,
  parseMessage,
  senderMay,
  tabCount,
  tabStateKey,
  type AnnotatorCommand,
  type AnnotatorReport,
  type CardOpenedElsewhere,
  type CommandName,
  type DetectorResult,
  type Message,
  type Sender,
  type SelectionCheck,
  type TabState,
  type PrivateChanged,
  SELECTION_ONLY_FLAG,
  tabMentions,
} from '@/src/messages';
import { forgetPrivateSession, privateDismissedItem, privateSettingsItem, readPrivateSession, scopeOf, type Scope } from '@/src/private-session';
import { disabledSites, disabledSitesItem, highlightsEnabled, saveSettings, siteOf } from '@/src/settings';
import { sitesOf } from '@/src/site';
import { analyzeRequest, forgetRequests, receivePart } from '@/src/background/engine';
import { openTestPage } from '@/src/e2e-route';

/** Okabe–Ito blue: readable behind white badge text in light and dark toolbars. */
const BADGE_COLOR = '#0072B2';

/**
 * Tab states that could not be written (the session storage every tab shares is full): kept in memory so
 * the badge and the next report still work; the popup then shows the count without the list.
 */
const unwritten = new Map<number, TabState>();

async function readState(tabId: number): Promise<TabState | undefined> {
  const key = tabStateKey(tabId);
  return unwritten.get(tabId) ?? ((await browser.storage.session.get(key))[key] as TabState | undefined);
}

/** Writes a tab's state; if storage refuses it, a smaller one without the list, else memory. Never throws. */
async function writeState(tabId: number, state: TabState): Promise<void> {
  const key = tabStateKey(tabId);
  for (const attempt of [state, { ...state, mentions: [] }]) {
    try {
      await browser.storage.session.set({ [key]: attempt });
      unwritten.delete(tabId);
      return;
    } catch {
      // Quota: try the smaller state, then keep it in memory.
    }
  }
  unwritten.set(tabId, state);
}

async function forget(tabId: number): Promise<void> {
  unwritten.delete(tabId);
  await browser.storage.session.remove(tabStateKey(tabId)).catch(() => undefined);
}

async function setBadge(tabId: number, count: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: count > 0 ? (count > 999 ? '999+' : String(count)) : '' }).catch(() => undefined);
  if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(() => undefined);
}

async function injectAnnotator(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/content-scripts/annotator.js'] });
}

/**
 * Runs the detector again in a tab's frames (it stops at once on a turned-off site and in cross-origin
 * frames, and says nothing on other pages); false where we may not (no access to the site, and no
 * `activeTab` grant for it).
 */
async function detectAgain(tabId: number): Promise<boolean> {
  return browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/detector.js'] }).then(
    () => true,
    () => false,
  );
}

/**
 * A site turned back on: its open tabs get the detector again (it stopped before reading them), which
 * brings the annotator back where the page is about the topic. No reload needed. Turned on in a private
 * window: its private tabs only.
 */
async function lookAgain(sites: ReadonlySet<string>, privateOnly = false): Promise<void> {
  if (!sites.size) return;
  for (const tab of await browser.tabs.query({})) {
    const site = tab.url ? siteOf(tab.url) : undefined;
    if (tab.id !== undefined && site && sites.has(site) && (tab.incognito || !privateOnly)) await detectAgain(tab.id);
  }
}

/** The content scripts in private tabs cannot watch the private session (src/private-session.ts): they are told. */
async function tellPrivateTabs(): Promise<void> {
  const changed: PrivateChanged = { type: 'private:changed' };
  for (const tab of await browser.tabs.query({})) {
    if (tab.incognito && tab.id !== undefined) await browser.tabs.sendMessage(tab.id, changed).catch(() => undefined);
  }
}

/** The sites a private window's change turned back on (a list it has not changed is the stored one). */
async function privatelyTurnedOn(now: Record<string, unknown> | null, before: Record<string, unknown> | null): Promise<Set<string>> {
  const stored = await disabledSites();
  const on = new Set(sitesOf(now?.disabledSites)?.sites ?? stored);
  return new Set((sitesOf(before?.disabledSites)?.sites ?? stored).filter((site) => !on.has(site)));
}

/** The last private window closed: what was learned in private windows goes with it. */
async function onWindowRemoved(): Promise<void> {
  if (!(await browser.windows.getAll()).some((w) => w.incognito)) await forgetPrivateSession();
}

/** Whether a tab is a private window's (a tab that has gone is treated as one: nothing it asks for is kept). */
async function scopeOfTab(tabId: number | undefined): Promise<Scope> {
  if (tabId === undefined) return scopeOf();
  return scopeOf(await browser.tabs.get(tabId).catch(() => ({ incognito: true })));
}

/** The context menu item on selected text. */
const MENU_CHECK_SELECTION = 'check-selection';

type MenuClick = { menuItemId: string | number; frameId?: number };

/**
 * "Check with Treasury Lens": the engine on the selected text, in the frame it was selected in, on any
 * page (the click grants activeTab, so a site we may not read is no obstacle). The annotator script
 * brings the engine and the card; told it is there for the selection only, it does not annotate a page
 * the detector passed over.
 */
async function onMenuClick(info: MenuClick, tab: { id?: number } | undefined): Promise<void> {
  if (info.menuItemId !== MENU_CHECK_SELECTION || tab?.id === undefined) return;
  const frameId = info.frameId ?? 0;
  const target = { tabId: tab.id, frameIds: [frameId] };
  try {
    await browser.scripting.executeScript({ target, func: (flag: string) => void Object.assign(globalThis, { [flag]: true }), args: [SELECTION_ONLY_FLAG] });
    await browser.scripting.executeScript({ target, files: ['/content-scripts/annotator.js'] });
    const check: SelectionCheck = { type: 'annotator:check-selection' };
    await browser.tabs.sendMessage(tab.id, check, { frameId });
  } catch {
    // A page no extension may script (the browser's own pages, the extension stores): nothing to show there.
  }
}

async function runCommand(command: CommandName, tabId: number | undefined): Promise<void> {
  const scope = await scopeOfTab(tabId);
  if (command === 'toggle-highlights') {
    await saveSettings({ highlightsEnabled: !(await highlightsEnabled(scope)) }, scope);
    return;
  }
  if (tabId === undefined) return;
  // Moving to the next mention shows highlights that were off (the annotator cannot write a private tab's settings).
  if (tabMentions(await readState(tabId)).length && !(await highlightsEnabled(scope))) await saveSettings({ highlightsEnabled: true }, scope);
  const message: AnnotatorCommand = { type: 'annotator:command', command };
  // One frame moves to its next mention (each frame's annotator knows only its own). No annotator in
  // the tab (nothing found there): nothing to move to.
  await browser.tabs.sendMessage(tabId, message, { frameId: commandFrame(await readState(tabId)) }).catch(() => undefined);
}

async function onDetector(message: DetectorResult, tabId: number, url: string, frameId: number, scope: Scope): Promise<void> {
  const site = siteOf(url);
  // An iframe's look only decides its own injection: the tab's state is the top frame's.
  if (frameId !== 0) {
    if (message.hit && !(site && (await disabledSites(scope)).includes(site))) await injectAnnotator(tabId, frameId).catch(() => undefined);
    return;
  }
  // The state before the injection: the annotator's first report must land on it, not be overwritten by it.
  // (writeState never throws: a full storage cannot keep the page from its highlights.) A second look at
  // the same page keeps what the annotator already reported.
  const previous = await readState(tabId);
  const reported = previous?.url === url && previous.count !== undefined ? previous : undefined;
  await writeState(tabId, {
    ...reported,
    // Iframes may have reported before the top frame's look ended.
    ...(previous?.url === url && previous.frames ? { frames: previous.frames } : {}),
    url,
    hit: message.hit || Boolean(reported),
    detectorMs: message.ms,
    ...(message.slices !== undefined ? { detectorSlices: message.slices } : {}),
    ...(message.longestSliceMs !== undefined ? { detectorLongestSliceMs: message.longestSliceMs } : {}),
    updatedAt: Date.now(),
  });
  if (!reported) await setBadge(tabId, 0);
  if (message.hit && !(site && (await disabledSites(scope)).includes(site))) await injectAnnotator(tabId, frameId).catch(() => undefined);
}

async function onReport(message: AnnotatorReport, tabId: number, url: string, frameId: number): Promise<void> {
  const previous = await readState(tabId);
  if (frameId !== 0) return onFrameReport(message, tabId, url, frameId, previous);
  await writeState(tabId, {
    ...(previous?.frames ? { frames: previous.frames } : {}),
    url: url || previous?.url || '',
    hit: true,
    detectorMs: previous?.detectorMs ?? 0,
    ...(previous?.detectorSlices !== undefined ? { detectorSlices: previous.detectorSlices } : {}),
    ...(previous?.detectorLongestSliceMs !== undefined ? { detectorLongestSliceMs: previous.detectorLongestSliceMs } : {}),
    updatedAt: Date.now(),
    mentions: message.mentions,
    count: message.count,
    ...(message.count > message.mentions.length || message.mentions.length >= MAX_MENTIONS_PER_TAB ? { truncated: true as const } : {}),
    annotatorMs: message.annotatorMs,
    longestSliceMs: message.longestSliceMs,
    phasesMs: message.phasesMs,
    lang: message.lang,
    ...(message.published ? { published: message.published } : {}),
  });
  await setBadge(tabId, tabCount(await readState(tabId)));
}

/** An iframe's report joins the tab's state beside the top frame's; the badge counts both. */
async function onFrameReport(message: AnnotatorReport, tabId: number, url: string, frameId: number, previous: TabState | undefined): Promise<void> {
  const frames = { ...previous?.frames };
  if (!(frameId in frames) && Object.keys(frames).length >= MAX_FRAMES_PER_TAB) return;
  frames[frameId] = { mentions: message.mentions, count: message.count };
  const next: TabState = previous ? { ...previous, hit: true, frames } : { url, hit: true, detectorMs: 0, updatedAt: Date.now(), frames };
  await writeState(tabId, { ...next, updatedAt: Date.now() });
  await setBadge(tabId, tabCount(next));
}

/** Handles one message; what it resolves to is the reply (true where there is nothing to say). */
async function onMessage(message: Message, sender: Sender): Promise<unknown> {
  if (!senderMay(message.type, sender, browser.runtime.getURL('/'))) return undefined;
  const tabId = sender.tab?.id;
  const url = sender.tab?.url ?? sender.url ?? '';
  // A content script speaks only about the tab it runs in (senderMay made sure it has one).
  if (message.type === 'engine:part' && tabId !== undefined) return receivePart(tabId, sender.frameId ?? 0, message);
  if (message.type === 'engine:analyze' && tabId !== undefined) return { mentions: analyzeRequest(tabId, sender.frameId ?? 0, message) };
  if (message.type === 'detector:result' && tabId !== undefined) return onDetector(message, tabId, url, sender.frameId ?? 0, scopeOf(sender.tab));
  if (message.type === 'annotator:report' && tabId !== undefined) return onReport(message, tabId, url, sender.frameId ?? 0);
  // One card per tab: the frames' annotators each have one, and only the opener's stays open.
  if (message.type === 'card:opened' && tabId !== undefined) {
    const opened: CardOpenedElsewhere = { type: 'annotator:card-opened', opener: message.opener };
    await browser.tabs.sendMessage(tabId, opened).catch(() => undefined);
    return;
  }
  // senderMay made sure the content script asking is in a private tab.
  if (message.type === 'private:get') return readPrivateSession();
  if (message.type === 'popup:command') return runCommand(message.command, message.tabId);
  // "Check this page" on a site we may not read: once, with the grant the toolbar click gave.
  if (message.type === 'popup:check') return detectAgain(message.tabId);
  if (message.type === 'popup:show') {
    const show: AnnotatorCommand = { type: 'annotator:show', id: message.id };
    await browser.tabs.sendMessage(message.tabId, show).catch(() => undefined);
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    // Firefox's e2e build only, dropped from the store builds: the tests' way to the extension's pages.
    if (import.meta.env.MODE === 'e2e' && import.meta.env.FIREFOX) {
      const opened = openTestPage(raw, sender);
      if (opened) return opened;
    }
    const message = parseMessage(raw);
    if (!message) return undefined;
    return onMessage(message, sender).then((reply) => reply ?? true);
  });

  browser.commands.onCommand.addListener((command: string, tab?: { id?: number }) => {
    if (command !== 'toggle-highlights' && command !== 'next-mention') return;
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      await runCommand(command, tabId);
    })();
  });

  disabledSitesItem.watch((now, before) => {
    const on = new Set(sitesOf(now)?.sites);
    void lookAgain(new Set(sitesOf(before)?.sites.filter((site) => !on.has(site))));
  });

  privateSettingsItem.watch((now, before) => {
    void tellPrivateTabs();
    void privatelyTurnedOn(now, before).then((sites) => lookAgain(sites, true));
  });
  privateDismissedItem.watch(() => void tellPrivateTabs());
  browser.windows.onRemoved.addListener(() => void onWindowRemoved());

  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Menu items outlive the service worker; they are made once per install or update.
    browser.contextMenus.create({ id: MENU_CHECK_SELECTION, title: browser.i18n.getMessage('menuCheckSelection'), contexts: ['selection'] }, () => void browser.runtime.lastError);
    // First run: the welcome page says what the highlights mean, what the card shows, that nothing is sent, and the shortcuts.
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    // After an install or an update, pages already open are looked at again (the old scripts are gone).
    void browser.tabs.query({ url: ['http://*/*', 'https://*/*'] }).then((tabs) => Promise.all(tabs.map((t) => (t.id === undefined ? undefined : detectAgain(t.id)))));
  });

  // A tab that closes or goes to another page takes its state with it.
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetRequests(tabId);
    void forget(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document loading (not a single-page app's pushState: its annotator reports again by itself).
    if (change.status === 'loading' && change.url !== undefined) void forget(tabId).then(() => setBadge(tabId, 0));
  });
});
