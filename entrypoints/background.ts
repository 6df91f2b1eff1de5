import { isMessage, tabStateKey, type TabState } from '@/src/messages';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (!isMessage(message) || tabId === undefined || sender.id !== browser.runtime.id) return;
    const state: TabState = {
      url: sender.tab?.url ?? sender.url ?? '',
      hit: message.hit,
      detectorMs: message.ms,
      updatedAt: Date.now(),
    };
    return browser.storage.session.set({ [tabStateKey(tabId)]: state });
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.remove(tabStateKey(tabId));
  });
});
