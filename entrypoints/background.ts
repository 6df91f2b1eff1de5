import { isMessage, tabStateKey, type AnnotatorCommand, type CommandName, type Message, type TabState } from '@/src/messages';
import { disabledSites, disabledSitesItem, highlightsEnabled, highlightsEnabledItem, siteOf } from '@/src/settings';
import { sitesOf } from '@/src/site';

/** Okabe–Ito blue: readable behind white badge text in light and dark toolbars. */
const BADGE_COLOR = '#0072B2';

async function readState(tabId: number): Promise<TabState | undefined> {
  const key = tabStateKey(tabId);
  return (await browser.storage.session.get(key))[key] as TabState | undefined;
}

async function writeState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [tabStateKey(tabId)]: state });
}

async function setBadge(tabId: number, count: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: count > 0 ? (count > 999 ? '999+' : String(count)) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
}

async function injectAnnotator(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/content-scripts/annotator.js'] });
}

/**
 * A site turned back on: its open tabs get the detector again (it stopped before reading them), which
 * brings the annotator back where the page is about the topic. No reload needed.
 */
async function lookAgain(sites: ReadonlySet<string>): Promise<void> {
  if (!sites.size) return;
  for (const tab of await browser.tabs.query({})) {
    const site = tab.url ? siteOf(tab.url) : undefined;
    if (tab.id === undefined || !site || !sites.has(site)) continue;
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/detector.js'] }).catch(() => undefined);
  }
}

async function runCommand(command: CommandName, tabId: number | undefined): Promise<void> {
  if (command === 'toggle-highlights') {
    await highlightsEnabledItem.setValue(!(await highlightsEnabled()));
    return;
  }
  if (tabId === undefined) return;
  const message: AnnotatorCommand = { type: 'annotator:command', command };
  // No annotator in the tab (nothing found there): nothing to move to.
  await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
}

async function onMessage(message: Message, sender: { tab?: { id?: number; url?: string }; url?: string; frameId?: number; id?: string }) {
  switch (message.type) {
    case 'detector:result': {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return;
      const url = sender.tab?.url ?? sender.url ?? '';
      await writeState(tabId, {
        url,
        hit: message.hit,
        detectorMs: message.ms,
        detectorSlices: message.slices,
        detectorLongestSliceMs: message.longestSliceMs,
        updatedAt: Date.now(),
      });
      await setBadge(tabId, 0);
      const site = siteOf(url);
      if (message.hit && !(site && (await disabledSites()).includes(site))) await injectAnnotator(tabId, sender.frameId ?? 0);
      return;
    }
    case 'annotator:report': {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return;
      const previous = await readState(tabId);
      const url = sender.tab?.url ?? sender.url ?? previous?.url ?? '';
      await writeState(tabId, {
        url,
        hit: true,
        detectorMs: previous?.detectorMs ?? 0,
        detectorSlices: previous?.detectorSlices,
        detectorLongestSliceMs: previous?.detectorLongestSliceMs,
        updatedAt: Date.now(),
        mentions: message.mentions,
        count: message.count,
        annotatorMs: message.annotatorMs,
        longestSliceMs: message.longestSliceMs,
        phasesMs: message.phasesMs,
        lang: message.lang,
        published: message.published,
      });
      await setBadge(tabId, message.count);
      return;
    }
    case 'popup:command':
      return runCommand(message.command, message.tabId);
    case 'popup:show': {
      const show: AnnotatorCommand = { type: 'annotator:show', id: message.id };
      await browser.tabs.sendMessage(message.tabId, show).catch(() => undefined);
      return;
    }
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessage(message) || sender.id !== browser.runtime.id) return undefined;
    return onMessage(message, sender).then(() => true);
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

  // First run: the welcome page says what the highlights mean, what the card shows, that nothing is sent, and the shortcuts.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.remove(tabStateKey(tabId));
  });
});
