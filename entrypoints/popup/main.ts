import meta from '@/data/meta.json';
import { tabStateKey, type TabState } from '@/src/messages';

type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];
const t = (key: MessageKey, ...subs: string[]) => browser.i18n.getMessage(key, subs) || key;

async function render() {
  document.documentElement.lang = browser.i18n.getUILanguage().startsWith('ja') ? 'ja' : 'en';
  document.getElementById('title')!.textContent = t('extName');
  document.getElementById('dataset')!.textContent = t('popupDatasetVersion', meta.datasetVersion, meta.latestHoldingsMonth);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const key = tab?.id === undefined ? undefined : tabStateKey(tab.id);
  const state = key ? ((await browser.storage.session.get(key))[key] as TabState | undefined) : undefined;
  document.getElementById('status')!.textContent = !state
    ? t('popupNotScanned')
    : state.hit
      ? t('popupTopicFound')
      : t('popupTopicNotFound');
}

void render();
